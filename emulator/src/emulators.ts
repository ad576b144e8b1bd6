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
  EXPORT_MARKER,
  exportJournalSegment,
  importPart,
  recoverInterruptedExport,
  removeExportLeftovers,
  type Exporter,
} from './persistence.js';
import { existsSync, renameSync } from 'node:fs';
import { Journal } from './journal.js';
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
  /**
   * The folder the data is exported to on exit (`--export-on-exit`). Given, the emulator also
   * keeps a journal beside it (`<DIR>.journal/`): every commit is on disk before it is
   * acknowledged, and compacted into DIR in the background and on exit.
   */
  persistDir?: string;
  /** How often the journal is compacted into the export (default 60 s). */
  compactEveryMs?: number;
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

/**
 * Starts `service` when it is asked for; says which port is taken, instead of Node's
 * "listen EADDRINUSE".
 */
async function startIf<T>(
  wanted: boolean,
  service: string,
  port: number,
  start: () => Promise<T>,
): Promise<T | undefined> {
  if (!wanted) return undefined;
  try {
    return await start();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      throw new Error(`Port ${port} (${service}) is already in use.`, { cause: error });
    }
    throw error;
  }
}

/** A journal as a service takes it: the records to replay at start, and where to append. */
function serviceJournal({ records, journal }: ReturnType<typeof Journal.open>) {
  return { records, name: journal.dir, append: (payload: Buffer) => journal.append(payload) };
}

export async function startEmulators(options: StartOptions): Promise<RunningEmulators> {
  const { config, log } = options;
  const started = Date.now();
  checkImportDir(options.importDir);
  const importing = describeImport(options.importDir);
  if (importing) log(importing);
  const journalDir = options.persistDir ? `${path.resolve(options.persistDir)}.journal` : undefined;
  let importDir = options.importDir;
  let journalFrom = 0;
  let storageJournalFrom = 0;
  if (journalDir && options.persistDir) {
    const persistDir = path.resolve(options.persistDir);
    if (!importDir && recoverInterruptedExport(persistDir, log)) importDir = persistDir;
    await removeExportLeftovers(persistDir, log);
    if (importDir && path.resolve(importDir) === persistDir) {
      journalFrom = exportJournalSegment(importDir);
      storageJournalFrom = exportJournalSegment(importDir, 'storageJournalSegment');
    } else if (
      existsSync(journalDir) &&
      (importDir || existsSync(path.join(persistDir, EXPORT_MARKER)))
    ) {
      // The journal continues the export in persistDir; on top of other data it would be wrong.
      const aside = `${journalDir}.discarded-${Date.now()}`;
      renameSync(journalDir, aside);
      log(
        `The journal in ${journalDir} continues the data in ${persistDir}, which is not being imported: moved it to ${aside}`,
      );
    }
  }
  const journal =
    journalDir && options.firestore
      ? Journal.open(path.join(journalDir, 'firestore'), journalFrom, log)
      : undefined;
  const storageJournal =
    journalDir && options.storage
      ? Journal.open(path.join(journalDir, 'storage'), storageJournalFrom, log)
      : undefined;
  const firestore = await startIf(options.firestore, 'Firestore', config.firestorePort, () =>
    startFirestore({
      host: config.host,
      port: config.firestorePort,
      rulesFile: config.firestoreRules,
      enforceIndexes: options.enforceIndexes ?? config.enforceIndexes,
      indexesFile: config.firestoreIndexes,
      importDir: importPart(importDir, 'firestore'),
      ...(journal ? { journal: serviceJournal(journal) } : {}),
      log,
    }),
  );
  const storage = await startIf(options.storage, 'Storage', config.storagePort, () =>
    startStorage({
      host: config.host,
      port: config.storagePort,
      projectId: options.projectId,
      rulesFile: config.storageRules,
      signingKeys: config.storageSigningKeys,
      credentialsFile: process.env.GOOGLE_APPLICATION_CREDENTIALS,
      importDir: importPart(importDir, 'storage'),
      ...(storageJournal && journalDir
        ? {
            dataDir: path.join(journalDir, 'storage-blobs'),
            journal: serviceJournal(storageJournal),
          }
        : {}),
      firestore: firestore ? (projectId) => firestore.documentAccess(projectId) : undefined,
      log,
    }),
  );
  const bridge: Bridge = startBridge({
    projectId: options.projectId,
    functionsOrigin: config.functionsOrigin,
    hubOrigin: config.hubOrigin,
    firestore,
    storage,
    log,
  });

  const ui = await startIf(options.ui, 'Emulator UI', config.uiPort, () =>
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
  );

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

  const parts: Record<string, Exporter> = {};
  if (firestore) parts.firestore = firestore;
  if (storage) parts.storage = storage;
  const firestoreJournal = journal?.journal;
  const storageJournalWriter = storageJournal?.journal;
  const journals = [firestoreJournal, storageJournalWriter];
  /**
   * Compaction: later changes go to fresh segments, the export (which holds everything in the
   * older ones) names those segments and is swapped in atomically, then the older segments go. A
   * crash before the swap replays the old export with every segment; after it, the new export
   * with the new segments only: nothing lost, nothing replayed twice.
   */
  let compacting: Promise<void> = Promise.resolve();
  let compactedAt = -1;
  const changed = () => journals.reduce((sum, journal) => sum + (journal?.stats.records ?? 0), 0);
  const compact = (force: boolean) =>
    (compacting = compacting.then(async () => {
      if (!journalDir || !options.persistDir) return;
      if (!force && changed() === compactedAt) return;
      const segment = (await firestoreJournal?.rotate()) ?? 0;
      const storageSegment = (await storageJournalWriter?.rotate()) ?? 0;
      compactedAt = changed();
      await exportAtomically(options.persistDir, parts, {
        journalSegment: segment,
        storageJournalSegment: storageSegment,
      });
      await firestoreJournal?.removeBefore(segment);
      await storageJournalWriter?.removeBefore(storageSegment);
    }));
  const timer = journalDir
    ? setInterval(() => {
        compact(false).catch((error: Error) =>
          log(`Could not compact the journal into ${options.persistDir}: ${error.message}`),
        );
      }, options.compactEveryMs ?? 60_000)
    : undefined;
  timer?.unref();

  return {
    firestore,
    storage,
    console: ui,
    env,
    async stop(exportDir) {
      await bridge.close();
      if (timer) clearInterval(timer);
      if (
        journalDir &&
        exportDir &&
        path.resolve(exportDir) === path.resolve(options.persistDir ?? '')
      ) {
        await compact(true);
        log(`Data exported to ${exportDir}`);
      } else if (exportDir) {
        await exportAtomically(exportDir, parts);
        log(`Data exported to ${exportDir}`);
      }
      await Promise.race([
        Promise.all([firestore?.close(), storage?.close(), ui?.close()]),
        new Promise((resolve) => setTimeout(resolve, CLOSE_GRACE_MS).unref()),
      ]);
      await firestoreJournal?.close();
      await storageJournalWriter?.close();
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
