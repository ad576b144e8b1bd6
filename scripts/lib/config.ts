/** What the local stack is made of, read from firebase.json and .firebaserc (never hard-coded). */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export type ServiceName =
  | 'auth'
  | 'functions'
  | 'firestore'
  | 'storage'
  | 'hub'
  | 'logging'
  | 'eventarc'
  | 'tasks'
  | 'hosting'
  | 'ui'
  | 'web';

export interface StackConfig {
  projectId: string;
  host: string;
  ports: Record<ServiceName, number>;
  /** 'hearth' runs our emulator for Firestore + Storage; 'official' runs Google's whole suite. */
  backend: 'hearth' | 'official';
  dataDir: string;
  logDir: string;
}

interface FirebaseJson {
  emulators?: Partial<Record<ServiceName, { port?: number; host?: string }>>;
}

const defaultPorts: Record<ServiceName, number> = {
  auth: 9099,
  functions: 5001,
  firestore: 8080,
  storage: 9199,
  hub: 4400,
  logging: 4500,
  eventarc: 9299,
  tasks: 9499,
  hosting: 5000,
  ui: 4000,
  web: 5173,
};

function readJson<T>(file: string): T {
  return JSON.parse(readFileSync(path.join(root, file), 'utf8')) as T;
}

export function loadStackConfig(env: NodeJS.ProcessEnv = process.env): StackConfig {
  const firebase = readJson<FirebaseJson>('firebase.json');
  const rc = existsSync(path.join(root, '.firebaserc'))
    ? readJson<{ projects?: { default?: string } }>('.firebaserc')
    : {};
  const ports = { ...defaultPorts };
  for (const name of Object.keys(ports) as ServiceName[]) {
    const port = firebase.emulators?.[name]?.port;
    if (port) ports[name] = port;
  }
  const backend = env.HEARTH_BACKEND === 'official' ? 'official' : 'hearth';
  if (env.HEARTH_BACKEND && env.HEARTH_BACKEND !== 'official' && env.HEARTH_BACKEND !== 'hearth') {
    throw new Error(`HEARTH_BACKEND must be "hearth" or "official", not "${env.HEARTH_BACKEND}".`);
  }
  return {
    projectId: env.GCLOUD_PROJECT ?? rc.projects?.default ?? 'demo-hearth',
    host: '127.0.0.1',
    ports,
    backend,
    dataDir: path.join(root, '.hearth', 'data'),
    logDir: path.join(root, '.hearth', 'logs'),
  };
}

/** The variables `firebase emulators:exec` sets, so SDKs in a command find the stack. */
export function emulatorEnv(config: StackConfig): Record<string, string> {
  const at = (name: ServiceName) => `${config.host}:${config.ports[name]}`;
  return {
    GCLOUD_PROJECT: config.projectId,
    FIREBASE_PROJECT_ID: config.projectId,
    FIRESTORE_EMULATOR_HOST: at('firestore'),
    FIREBASE_STORAGE_EMULATOR_HOST: at('storage'),
    STORAGE_EMULATOR_HOST: `http://${at('storage')}`,
    FIREBASE_AUTH_EMULATOR_HOST: at('auth'),
    FUNCTIONS_EMULATOR_ORIGIN: `http://${at('functions')}`,
    FIREBASE_EMULATOR_HUB: at('hub'),
    // Nothing here runs on Google Cloud: Google's auth library would otherwise probe the GCE
    // metadata server from every process that uses an Admin SDK, and warn when the probe fails.
    METADATA_SERVER_DETECTION: 'none',
  };
}

/**
 * What a production build of the web app needs to talk to this stack instead of a real project
 * (web/src/services/firebase/config.ts reads them).
 */
export function viteEmulatorEnv(config: StackConfig): Record<string, string> {
  const at = (name: ServiceName) => `${config.host}:${config.ports[name]}`;
  return {
    VITE_USE_EMULATORS: 'true',
    VITE_AUTH_EMULATOR_HOST: at('auth'),
    VITE_FIRESTORE_EMULATOR_HOST: at('firestore'),
    VITE_STORAGE_EMULATOR_HOST: at('storage'),
    VITE_FUNCTIONS_EMULATOR_HOST: at('functions'),
  };
}
