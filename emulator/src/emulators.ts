/**
 * Starts Firestore, Storage, the triggers bridge and the Hearth Console's server together, and
 * stops them together.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import type { EmulatorConfig } from './config.js';
import {
  checkImportDir,
  describeImport,
  exportAtomically,
  importPart,
  type Exporter,
} from './persistence.js';
import { startFirestore, type FirestoreEmulator } from './firestore/index.js';
import { startStorage, type StorageEmulator } from './storage/index.js';
import { startBridge, type Bridge } from './bridge/index.js';
import { startConsoleServer, type ConsoleServer } from './ui/consoleServer.js';

export interface StartOptions {
  config: EmulatorConfig;
  projectId: string;
  firestore: boolean;
  storage: boolean;
  /** Serve the Hearth Console on the Emulator UI's port. */
  ui: boolean;
  /** The console's built files; default: the @hearth/console package's dist/. */
  consoleDir?: string;
  importDir?: string;
  /** Overrides firebase.json's `emulators.firestore.enforceIndexes` when set (`--enforce-indexes`). */
  enforceIndexes?: boolean;
  log: (line: string) => void;
}

export interface RunningEmulators {
  firestore?: FirestoreEmulator;
  storage?: StorageEmulator;
  console?: ConsoleServer;
  /** The variables that point SDKs at these emulators. */
  env: Record<string, string>;
  /** Exports (when asked) and then closes; a connection that will not close is dropped after a grace period. */
  stop(exportDir?: string): Promise<void>;
}

const CLOSE_GRACE_MS = 3000;

/** Says which port is taken, instead of Node's "listen EADDRINUSE". */
async function listening<T>(service: string, port: number, start: () => Promise<T>): Promise<T> {
  try {
    return await start();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      throw new Error(`Port ${port} (${service}) is already in use.`, { cause: error });
    }
    throw error;
  }
}

export async function startEmulators(options: StartOptions): Promise<RunningEmulators> {
  const { config, log } = options;
  const started = Date.now();
  checkImportDir(options.importDir);
  const importing = describeImport(options.importDir);
  if (importing) log(importing);
  const firestore = options.firestore
    ? await listening('Firestore', config.firestorePort, () =>
        startFirestore({
          host: config.host,
          port: config.firestorePort,
          rulesFile: config.firestoreRules,
          enforceIndexes: options.enforceIndexes ?? config.enforceIndexes,
          indexesFile: config.firestoreIndexes,
          importDir: importPart(options.importDir, 'firestore'),
          log,
        }),
      )
    : undefined;
  const storage = options.storage
    ? await listening('Storage', config.storagePort, () =>
        startStorage({
          host: config.host,
          port: config.storagePort,
          projectId: options.projectId,
          rulesFile: config.storageRules,
          signingKeys: config.storageSigningKeys,
          credentialsFile: process.env.GOOGLE_APPLICATION_CREDENTIALS,
          importDir: importPart(options.importDir, 'storage'),
          firestore: firestore ? (projectId) => firestore.documentAccess(projectId) : undefined,
          log,
        }),
      )
    : undefined;
  const bridge: Bridge = startBridge({
    projectId: options.projectId,
    functionsOrigin: config.functionsOrigin,
    hubOrigin: config.hubOrigin,
    firestore,
    storage,
    log,
  });

  const ui = options.ui
    ? await listening('Emulator UI', config.uiPort, () =>
        startConsoleServer({
          host: config.host,
          port: config.uiPort,
          projectId: options.projectId,
          consoleDir: options.consoleDir ?? defaultConsoleDir(),
          addresses: config.addresses,
          hubOrigin: config.hubOrigin,
          deliveries: firestore || storage ? bridge.deliveries : null,
          data: { firestore, storage },
        }),
      )
    : undefined;

  const env: Record<string, string> = { GCLOUD_PROJECT: options.projectId };
  if (firestore) {
    env.FIRESTORE_EMULATOR_HOST = `${firestore.host}:${firestore.port}`;
    log(`Firestore ready at http://${env.FIRESTORE_EMULATOR_HOST}`);
  }
  if (storage) {
    env.FIREBASE_STORAGE_EMULATOR_HOST = `${storage.host}:${storage.port}`;
    env.STORAGE_EMULATOR_HOST = `http://${env.FIREBASE_STORAGE_EMULATOR_HOST}`;
    log(`Storage ready at ${env.STORAGE_EMULATOR_HOST}`);
  }
  if (ui) log(`Hearth Console ready at ${ui.url}`);
  log(`All emulators ready in ${Date.now() - started} ms.`);

  return {
    firestore,
    storage,
    console: ui,
    env,
    async stop(exportDir) {
      await bridge.close();
      if (exportDir) {
        const parts: Record<string, Exporter> = {};
        if (firestore) parts.firestore = firestore;
        if (storage) parts.storage = storage;
        await exportAtomically(exportDir, parts);
        log(`Data exported to ${exportDir}`);
      }
      await Promise.race([
        Promise.all([firestore?.close(), storage?.close(), ui?.close()]),
        new Promise((resolve) => setTimeout(resolve, CLOSE_GRACE_MS).unref()),
      ]);
    },
  };
}

/** console/dist beside this package, found the way Node finds the @hearth/console package. */
function defaultConsoleDir(): string {
  try {
    return path.join(
      path.dirname(createRequire(import.meta.url).resolve('@hearth/console/package.json')),
      'dist',
    );
  } catch {
    return path.resolve('console', 'dist');
  }
}
