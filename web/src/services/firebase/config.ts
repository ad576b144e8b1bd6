import type { FirebaseOptions } from 'firebase/app';

/** Where each emulator listens, as host and port. */
export interface EmulatorHosts {
  auth: HostPort;
  firestore: HostPort;
  storage: HostPort;
  functions: HostPort;
}

export interface HostPort {
  host: string;
  port: number;
}

export interface AppConfig {
  firebase: FirebaseOptions;
  functionsRegion: string;
  /** The Web Push key pair's public key (FCM); null where reminders are not pushed (emulators). */
  vapidKey: string | null;
  /** Null in production: the app talks to the real project. */
  emulators: EmulatorHosts | null;
}

type Env = Partial<Record<keyof ImportMetaEnv, string | undefined>>;

const DEMO_PROJECT_ID = 'demo-hearth';

const REQUIRED_PRODUCTION_KEYS = [
  'VITE_FIREBASE_API_KEY',
  'VITE_FIREBASE_AUTH_DOMAIN',
  'VITE_FIREBASE_PROJECT_ID',
  'VITE_FIREBASE_STORAGE_BUCKET',
  'VITE_FIREBASE_APP_ID',
] as const;

/** Parses "host:port" (the form the *_EMULATOR_HOST variables use), falling back to a default. */
export function parseHostPort(value: string | undefined, fallback: HostPort): HostPort {
  if (value === undefined || value.trim() === '') return fallback;
  const match = /^\[?([^\]]+?)\]?:(\d{1,5})$/.exec(value.trim());
  const port = match ? Number(match[2]) : NaN;
  if (!match || !match[1] || port < 1 || port > 65535) {
    throw new Error(`Emulator address "${value}" is not host:port`);
  }
  return { host: match[1], port };
}

/**
 * Development (and builds with VITE_USE_EMULATORS=true) always use the demo project on the local
 * emulators, so a developer can never touch production data by accident; production builds must
 * name every setting of their project and fail loudly otherwise.
 */
export function resolveAppConfig(env: Env, isDevelopment: boolean): AppConfig {
  const functionsRegion = env.VITE_FIREBASE_FUNCTIONS_REGION || 'us-central1';
  if (isDevelopment || env.VITE_USE_EMULATORS === 'true') {
    return {
      firebase: {
        apiKey: 'demo-api-key',
        authDomain: `${DEMO_PROJECT_ID}.firebaseapp.com`,
        projectId: DEMO_PROJECT_ID,
        storageBucket: `${DEMO_PROJECT_ID}.appspot.com`,
        appId: 'demo-app',
      },
      functionsRegion,
      // FCM has no emulator: locally, reminders show in the bell only.
      vapidKey: null,
      emulators: {
        auth: parseHostPort(env.VITE_AUTH_EMULATOR_HOST, { host: '127.0.0.1', port: 9099 }),
        firestore: parseHostPort(env.VITE_FIRESTORE_EMULATOR_HOST, {
          host: '127.0.0.1',
          port: 8080,
        }),
        storage: parseHostPort(env.VITE_STORAGE_EMULATOR_HOST, { host: '127.0.0.1', port: 9199 }),
        functions: parseHostPort(env.VITE_FUNCTIONS_EMULATOR_HOST, {
          host: '127.0.0.1',
          port: 5001,
        }),
      },
    };
  }
  const missing = REQUIRED_PRODUCTION_KEYS.filter((key) => !env[key]);
  if (missing.length > 0) {
    throw new Error(`Missing Firebase configuration: ${missing.join(', ')} (see web/.env.example)`);
  }
  return {
    firebase: {
      apiKey: env.VITE_FIREBASE_API_KEY,
      authDomain: env.VITE_FIREBASE_AUTH_DOMAIN,
      projectId: env.VITE_FIREBASE_PROJECT_ID,
      storageBucket: env.VITE_FIREBASE_STORAGE_BUCKET,
      messagingSenderId: env.VITE_FIREBASE_MESSAGING_SENDER_ID,
      appId: env.VITE_FIREBASE_APP_ID,
    },
    functionsRegion,
    vapidKey: env.VITE_FIREBASE_VAPID_KEY || null,
    emulators: null,
  };
}
