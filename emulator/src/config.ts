/** The emulator's settings from firebase.json, as firebase-tools reads them. */
import { readFileSync } from 'node:fs';
import path from 'node:path';

export interface EmulatorAddress {
  host: string;
  port: number;
}

export interface EmulatorConfig {
  host: string;
  firestorePort: number;
  storagePort: number;
  /** The Emulator UI's port (`emulators.ui.port`, default 4000), where the Hearth Console is served. */
  uiPort: number;
  /** Every emulator firebase.json gives a port, by name (auth, functions, hub, logging, ...). */
  addresses: Record<string, EmulatorAddress>;
  firestoreRules?: string;
  /** `firestore.indexes`: firestore.indexes.json. */
  firestoreIndexes?: string;
  /** `emulators.firestore.enforceIndexes` (Hearth's key): refuse queries whose index is not declared. */
  enforceIndexes: boolean;
  storageRules?: string;
  /** Service-account key files whose signed URLs Storage verifies (`emulators.storage.signingKeys`). */
  storageSigningKeys: string[];
  functionsOrigin?: string;
  hubOrigin?: string;
}

interface FirebaseJson {
  firestore?: { rules?: string; indexes?: string } | { rules?: string; indexes?: string }[];
  storage?: { rules?: string } | { rules?: string }[];
  emulators?: Record<
    string,
    | { host?: string; port?: number; signingKeys?: unknown; enforceIndexes?: unknown }
    | boolean
    | undefined
  >;
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
  // `singleProjectMode` and the like sit beside the emulators: only objects describe one.
  const emulators: Record<
    string,
    { host?: string; port?: number; signingKeys?: unknown; enforceIndexes?: unknown }
  > = {};
  for (const [name, entry] of Object.entries(json.emulators ?? {}))
    if (typeof entry === 'object' && entry !== null) emulators[name] = entry;
  const addresses: Record<string, EmulatorAddress> = {};
  for (const [name, entry] of Object.entries(emulators))
    if (entry.port) addresses[name] = { host: entry.host ?? '127.0.0.1', port: entry.port };
  const origin = (name: string) => {
    const address = addresses[name];
    return address ? `http://${address.host}:${address.port}` : undefined;
  };
  const rules = (file: string | undefined) => (file ? path.resolve(dir, file) : undefined);
  const enforceIndexes = emulators['firestore']?.enforceIndexes ?? false;
  if (typeof enforceIndexes !== 'boolean')
    throw new Error(`${configFile}: emulators.firestore.enforceIndexes must be true or false.`);
  return {
    host: emulators['firestore']?.host ?? '127.0.0.1',
    firestorePort: emulators['firestore']?.port ?? 8080,
    storagePort: emulators['storage']?.port ?? 9199,
    uiPort: emulators['ui']?.port ?? 4000,
    addresses,
    firestoreRules: rules(first(json.firestore)?.rules),
    firestoreIndexes: rules(first(json.firestore)?.indexes),
    enforceIndexes,
    storageRules: rules(first(json.storage)?.rules),
    storageSigningKeys: signingKeys(emulators['storage']?.signingKeys, configFile, dir),
    functionsOrigin: origin('functions'),
    hubOrigin: origin('hub'),
  };
}

/** `emulators.storage.signingKeys`: key file paths, relative to firebase.json. */
function signingKeys(value: unknown, configFile: string, dir: string): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || !value.every((entry) => typeof entry === 'string' && entry !== ''))
    throw new Error(
      `${configFile}: emulators.storage.signingKeys must be a list of service-account key file paths.`,
    );
  return value.map((file: string) => path.resolve(dir, file));
}
