// Where the running stack is, from the variables `npm run emulators:exec` sets (the same ones
// `firebase emulators:exec` sets), with Firebase's default ports otherwise.

export interface HostPort {
  host: string;
  port: number;
}

function hostPort(value: string | undefined, fallbackPort: number): HostPort {
  const [host, port] = (value ?? `127.0.0.1:${fallbackPort}`)
    .replace(/^https?:\/\//, '')
    .split(':');
  return { host: host || '127.0.0.1', port: Number(port ?? fallbackPort) };
}

export const projectId = process.env.GCLOUD_PROJECT ?? 'demo-hearth';
export const firestoreEmulator = hostPort(process.env.FIRESTORE_EMULATOR_HOST, 8080);
export const authEmulator = hostPort(process.env.FIREBASE_AUTH_EMULATOR_HOST, 9099);
export const functionsEmulator = hostPort(process.env.FUNCTIONS_EMULATOR_ORIGIN, 5001);
export const storageEmulator = hostPort(process.env.FIREBASE_STORAGE_EMULATOR_HOST, 9199);

/** The default bucket of a demo project, as the functions resolve it. */
export const bucketName = `${projectId}.appspot.com`;
