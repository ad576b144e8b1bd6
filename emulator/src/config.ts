/** The emulator's settings from firebase.json, as firebase-tools reads them. */
import { readFileSync } from 'node:fs';
import path from 'node:path';

export interface EmulatorConfig {
  host: string;
  firestorePort: number;
  storagePort: number;
  firestoreRules?: string;
  storageRules?: string;
  functionsOrigin?: string;
  hubOrigin?: string;
}

interface FirebaseJson {
  firestore?: { rules?: string } | { rules?: string }[];
  storage?: { rules?: string } | { rules?: string }[];
  emulators?: Record<string, { host?: string; port?: number } | undefined>;
}

const first = <T>(value: T | T[] | undefined): T | undefined =>
  Array.isArray(value) ? value[0] : value;

export function readFirebaseJson(configFile: string): EmulatorConfig {
  let json: FirebaseJson;
  try {
    json = JSON.parse(readFileSync(configFile, 'utf8')) as FirebaseJson;
  } catch (error) {
    throw new Error(`Cannot read ${configFile}: ${(error as Error).message}`, { cause: error });
  }
  const dir = path.dirname(path.resolve(configFile));
  const emulators = json.emulators ?? {};
  const origin = (name: string) => {
    const entry = emulators[name];
    return entry?.port ? `http://${entry.host ?? '127.0.0.1'}:${entry.port}` : undefined;
  };
  const rules = (file: string | undefined) => (file ? path.resolve(dir, file) : undefined);
  return {
    host: emulators.firestore?.host ?? '127.0.0.1',
    firestorePort: emulators.firestore?.port ?? 8080,
    storagePort: emulators.storage?.port ?? 9199,
    firestoreRules: rules(first(json.firestore)?.rules),
    storageRules: rules(first(json.storage)?.rules),
    functionsOrigin: origin('functions'),
    hubOrigin: origin('hub'),
  };
}
