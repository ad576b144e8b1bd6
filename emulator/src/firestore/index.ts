/**
 * The Java-free Firestore emulator: gRPC (Node SDKs), HTTP control endpoints and the browser
 * wires on one port, rules enforced on every client request, data per project and database.
 */
import * as grpc from '@grpc/grpc-js';
import type { AuthContext, DocumentAccess } from '../rules/api.js';
import { compileRuleset } from '../rules/index.js';
import { Databases } from './database/databases.js';
import { addFirestoreService } from './adapters/grpc/grpcService.js';
import { consoleRoutes } from './adapters/http/consoleRoutes.js';
import { controlRoutes } from './adapters/http/controlRoutes.js';
import { createRouter } from './adapters/http/router.js';
import type { StoredDocument } from './documents/document.js';
import { documentName } from '../model/path.js';
import type { Timestamp } from '../model/value.js';
import { exportDatabases, importDatabases, replaceDatabases } from './persistence/snapshotFiles.js';
import { encodeRecord, replayRecords } from './persistence/commitJournal.js';
import { listenOnePort } from './adapters/http/portServer.js';
import { Authorizer } from './security/authorize.js';
import { documentAccess } from './security/documentAccess.js';
import { RulesRegistry } from './security/rulesRegistry.js';
import { NO_INDEXES } from './indexes/indexConfig.js';
import { IndexEnforcement } from './indexes/indexEnforcement.js';
import { FirestoreService } from './service/firestoreService.js';
import { restRoutes } from './adapters/rest/restRoutes.js';
import { webChannelAdapter } from './adapters/webchannel/webChannelAdapter.js';
import { microsToTimestamp } from './store/clock.js';
import { RequestLog, REQUEST_LOG_CAPACITY } from '../observe/requestLog.js';

export type { StoredDocument } from './documents/document.js';

export interface FirestoreEmulatorOptions {
  /** Default '127.0.0.1'. */
  host?: string;
  /** 0 picks a free port. */
  port: number;
  /** Loaded at start, watched and reloaded; a ruleset that does not compile is reported and the previous one kept. */
  rulesFile?: string;
  /** Data written by exportData. */
  importDir?: string;
  /**
   * Refuse queries that production would refuse for want of an index (FAILED_PRECONDITION with
   * the link that creates it), as declared in `indexesFile`. Off by default, as in Google's emulator.
   */
  enforceIndexes?: boolean;
  /** firestore.indexes.json: the composite indexes and field overrides, planned on and enforced. */
  indexesFile?: string;
  /**
   * Persist every change before acknowledging it: `records` (earlier changes) are replayed on top
   * of the import, then each change is appended and its commit answered once `append` resolves.
   */
  journal?: ChangeJournal;
  /** How many rules evaluations the request log keeps (default 5,000). */
  requestLogCapacity?: number;
  log?: (line: string) => void;
}

export interface CommitEvent {
  projectId: string;
  database: string;
  commitTime: Timestamp;
  /** Who wrote; null for admin (owner) callers. */
  auth: AuthContext | null;
  /** Full resource names. */
  changes: { name: string; before: StoredDocument | null; after: StoredDocument | null }[];
}

/** Where changes are made durable (the emulator's journal, src/journal.ts). */
export interface ChangeJournal {
  readonly records: Buffer[];
  readonly name: string;
  append(payload: Buffer): Promise<void>;
}

export interface FirestoreEmulator {
  readonly host: string;
  readonly port: number;
  documentAccess(projectId: string, database?: string): DocumentAccess;
  /** Called after each commit, in commit order, synchronously; a throwing listener is logged, never breaks the commit. */
  onCommit(listener: (event: CommitEvent) => void): () => void;
  exportData(dir: string): Promise<void>;
  /** Replaces every database's documents with an export's, while clients watch (no triggers fire). */
  importData(dir: string): Promise<number>;
  close(): Promise<void>;
}

export async function startFirestore(
  options: FirestoreEmulatorOptions,
): Promise<FirestoreEmulator> {
  const log = options.log ?? ((line: string) => console.log(line));
  const databases = new Databases();
  const rules = new RulesRegistry(compileRuleset, log);
  if (options.rulesFile) await rules.loadFile(options.rulesFile);
  if (options.importDir) {
    const count = await importDatabases(databases, options.importDir);
    log(`firestore: imported ${count} documents from ${options.importDir}`);
  }
  const journal = options.journal;
  if (journal) {
    if (journal.records.length > 0) {
      const count = replayRecords(databases, journal.records);
      log(
        `firestore: replayed ${journal.records.length} journal records (${count} document changes) from ${journal.name}`,
      );
    }
    let lastAppend: Promise<void> = Promise.resolve();
    databases.observe((db, changes, time) => {
      lastAppend = journal.append(encodeRecord(db, changes, time));
      lastAppend.catch(() => undefined);
    });
    databases.setDurability(() => lastAppend);
  }
  const requestLog = new RequestLog(
    'firestore',
    options.requestLogCapacity ?? REQUEST_LOG_CAPACITY,
  );
  const indexes = new IndexEnforcement(options.enforceIndexes === true, NO_INDEXES, log);
  // The planner builds the declared indexes and honours the field overrides whether or not they
  // are enforced; a bad file stops only an emulator that enforces it (else it plans without it).
  if (options.indexesFile) {
    if (indexes.enabled) await indexes.loadFile(options.indexesFile);
    else
      await indexes
        .loadFile(options.indexesFile)
        .catch((error: Error) => log(`firestore: ${error.message}; planning without it`));
  }
  if (indexes.enabled)
    log(
      `firestore: index enforcement on (${options.indexesFile ?? 'no index file'}): queries that need an undeclared index fail`,
    );
  const service = new FirestoreService(
    databases,
    new Authorizer(databases, rules, requestLog),
    indexes,
  );
  const exportData = (dir: string): Promise<void> => exportDatabases(databases, dir);

  const webChannel = webChannelAdapter(service);
  const grpcServer = new grpc.Server({
    'grpc.max_receive_message_length': 64 * 1024 * 1024,
    // Channelz keeps per-call statistics for a debugging service nobody queries here.
    'grpc.enable_channelz': 0,
  });
  addFirestoreService(grpcServer, service);
  const server = await listenOnePort({
    host: options.host ?? '127.0.0.1',
    port: options.port,
    grpcServer,
    http: createRouter([
      ...controlRoutes({ databases, rules, exportData, indexes }),
      ...consoleRoutes({ databases, requestLog }),
      ...restRoutes(service),
      ...webChannel.routes,
    ]),
  });

  const listeners = new Set<(event: CommitEvent) => void>();
  databases.observe((db, changes, time, auth, cleared) => {
    if (listeners.size === 0 || cleared) return;
    const event: CommitEvent = {
      projectId: db.id.projectId,
      database: db.id.database,
      commitTime: microsToTimestamp(time),
      auth,
      changes: changes.map((c) => ({
        name: documentName(db.id, c.path),
        before: c.before,
        after: c.after,
      })),
    };
    for (const listener of listeners) {
      try {
        listener(event);
      } catch (error) {
        log(`firestore: a commit listener failed: ${(error as Error).message}`);
      }
    }
  });

  return {
    host: server.host,
    port: server.port,
    documentAccess: (projectId, database = '(default)') =>
      documentAccess(databases, projectId, database),
    onCommit: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    exportData,
    importData: (dir) => replaceDatabases(databases, dir),
    close: async () => {
      rules.close();
      indexes.close();
      webChannel.close();
      await server.close();
    },
  };
}
