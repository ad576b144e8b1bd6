/**
 * Assembles the emulator: data folder, store, uploads, rules and the HTTP server that routes each
 * request to its front door. `startStorage` in index.ts is the public way in; this factory takes
 * the rules compiler explicitly so the rules engine stays one call away.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DocumentAccess } from '../rules/api.js';
import { handleFirebase } from './apis/firebase.js';
import { handleGcloud } from './apis/gcloud.js';
import { handleInternal } from './apis/internal.js';
import { handleSignedUrl } from './apis/signedUrl.js';
import type { StorageContext } from './context.js';
import { answerPreflight, applyCors } from './http/cors.js';
import { toExchange } from './http/exchange.js';
import { sendError, sendJson } from './http/respond.js';
import { exportStore, importStore } from './persistence.js';
import { RequestLog, REQUEST_LOG_CAPACITY, serveRequestLog } from '../observe/requestLog.js';
import { RulesGate, type CompileRules } from './rulesGate.js';
import { signedUrlVersion } from './signedUrls.js';
import { SigningKeys } from './signingKeys.js';
import { BlobFiles } from './store/blobFiles.js';
import { ObjectStore, type StoreEntry } from './store/objectStore.js';
import { existsSync } from 'node:fs';
import { toGcsResource } from './store/views.js';
import { UploadSessions } from './uploads.js';

export interface StorageEmulatorOptions {
  host?: string;
  port: number;
  projectId: string;
  rulesFile?: string;
  /** Where blobs live; with `journal`, kept across runs. */
  dataDir?: string;
  importDir?: string;
  /**
   * Makes every finished object, metadata change and deletion durable before it is answered:
   * `records` (earlier changes) are replayed after the import, each later change appended.
   */
  journal?: { records: Buffer[]; name: string; append(payload: Buffer): Promise<void> };
  firestore?: (projectId: string) => DocumentAccess;
  /**
   * Service-account key files whose signed URLs the emulator verifies (firebase.json
   * `emulators.storage.signingKeys`); one that cannot be read fails the start.
   */
  signingKeys?: string[];
  /**
   * A credentials file to learn a signing key from if it is a service-account key
   * (GOOGLE_APPLICATION_CREDENTIALS); anything else there is logged and skipped.
   */
  credentialsFile?: string;
  /** How many rules evaluations the request log keeps (default 5,000). */
  requestLogCapacity?: number;
  log?: (line: string) => void;
}

export interface ObjectEvent {
  type: 'finalized' | 'deleted' | 'metadataUpdated';
  bucket: string;
  object: Record<string, unknown>;
}

export interface StorageEmulator {
  readonly host: string;
  readonly port: number;
  onObjectEvent(listener: (event: ObjectEvent) => void): () => void;
  exportData(dir: string): Promise<void>;
  /** Replaces every object with an export's. */
  importData(dir: string): Promise<number>;
  close(): Promise<void>;
}

/**
 * The project whose Firestore a bucket's rules read: `{project}.appspot.com`,
 * `{project}.firebasestorage.app`, or a bare `{project}` (rules-unit-testing's default bucket);
 * anything else belongs to the emulator's project.
 */
export function projectOfBucket(bucket: string, fallback: string): string {
  const match = /^(.+)\.(?:appspot\.com|firebasestorage\.app)$/.exec(bucket);
  if (match) return match[1]!;
  return bucket.includes('.') ? fallback : bucket;
}

/** The console's view of rules evaluations (Google's Storage emulator has no such route). */
const REQUEST_LOG_ROUTE = /^\/emulator\/v1\/projects\/([^/]+)\/requests(?:\/(\d+))?$/;

export async function createStorageEmulator(
  options: StorageEmulatorOptions,
  compile: CompileRules,
): Promise<StorageEmulator> {
  const log = options.log ?? (() => undefined);
  const host = options.host ?? '127.0.0.1';
  // Keys first: a key file that cannot be read fails the start before anything is made.
  const signingKeys = new SigningKeys();
  for (const file of options.signingKeys ?? [])
    log(`storage: verifying signed URLs of ${signingKeys.addFile(file)} (${file})`);
  if (options.credentialsFile) {
    try {
      const email = signingKeys.addFile(options.credentialsFile);
      log(`storage: verifying signed URLs of ${email} (${options.credentialsFile})`);
    } catch (error) {
      log(`storage: no signing key in ${options.credentialsFile}: ${(error as Error).message}`);
    }
  }
  // A data folder the emulator made for itself is its to remove on close.
  const ownDataDir = options.dataDir ? null : await mkdtemp(join(tmpdir(), 'hearth-storage-'));
  const files = new BlobFiles(options.dataDir ?? ownDataDir!);
  await files.init(options.journal !== undefined);
  const store = new ObjectStore(files);
  for (const suffix of ['appspot.com', 'firebasestorage.app'])
    store.ensureBucket(`${options.projectId}.${suffix}`);
  if (options.importDir) {
    const count = await importStore(store, options.importDir);
    log(`storage: imported ${count} objects from ${options.importDir}`);
  }
  const journal = options.journal;
  if (journal) {
    for (const payload of journal.records)
      store.replay(JSON.parse(payload.toString('utf8')) as StoreEntry);
    const referenced = new Set([...store.all()].map((object) => object.blob));
    for (const object of [...store.all()])
      if (!existsSync(files.pathOf(object.blob))) {
        log(`storage: ${object.bucket}/${object.name} has no bytes on disk; dropped it`);
        store.replay({ delete: { bucket: object.bucket, name: object.name } });
      }
    await files.removeUnreferenced(referenced);
    if (journal.records.length > 0)
      log(`storage: replayed ${journal.records.length} journal records from ${journal.name}`);
    store.setJournal((entry) => journal.append(Buffer.from(JSON.stringify(entry))));
  }
  const uploads = new UploadSessions(files);
  const firestore = options.firestore;
  const requestLog = new RequestLog('storage', options.requestLogCapacity ?? REQUEST_LOG_CAPACITY);
  const projectOf = (bucket: string) => projectOfBucket(bucket, options.projectId);
  const gate = new RulesGate(compile, (bucket) => firestore?.(projectOf(bucket)), log, {
    log: requestLog,
    projectOf,
  });
  if (options.rulesFile) await gate.watch(options.rulesFile);
  const ctx: StorageContext = { store, uploads, gate, signingKeys, log };
  const exportData = (dir: string) => exportStore(store, dir);

  let port = options.port;
  const server: Server = createServer((req, res) => {
    try {
      applyCors(req, res);
      if (answerPreflight(req, res)) return;
    } catch (error) {
      sendError(res, error, log);
      return;
    }
    void route(req, res).catch((error: unknown) => sendError(res, error, log));
  });
  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const ex = toExchange(req, res, `${host}:${port}`);
    const [first] = ex.segments;
    if (first === 'v0') return handleFirebase(ctx, ex);
    const logRoute = REQUEST_LOG_ROUTE.exec(ex.url.pathname);
    if (logRoute && req.method === 'GET')
      return serveRequestLog(requestLog, req, res, decodeURIComponent(logRoute[1]!), logRoute[2]);
    if (first === 'internal') return handleInternal(ctx, ex, exportData);
    if (signedUrlVersion(ex.url.searchParams)) return handleSignedUrl(ctx, ex);
    if (ex.segments.length === 1 && first === '')
      return sendJson(res, 200, { emulator: 'storage' });
    return handleGcloud(ctx, ex);
  }
  // A client that goes away mid-request must not take the server with it.
  server.on('clientError', (_error, socket) => socket.destroy());
  // SDK clients keep sockets alive between requests; Node's default 5 s idle timeout races with
  // their reuse ("socket hang up"), so idle sockets live as long as Google's front ends keep them.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  // A 100 MB resumable chunk on a slow machine must not hit Node's 5 minute request timeout.
  server.requestTimeout = 0;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;
  log(`storage: listening on http://${host}:${port}`);

  return {
    host,
    port,
    onObjectEvent(listener) {
      // Events fire after the change is done: a failing listener is logged, the write stands.
      return store.onEvent((type, object) => {
        try {
          listener({
            type,
            bucket: object.bucket,
            object: toGcsResource(object, `http://${host}:${port}`),
          });
        } catch (error) {
          log(`storage: an object event listener failed: ${(error as Error).message}`);
        }
      });
    },
    exportData,
    async importData(dir) {
      await store.clear();
      return importStore(store, dir);
    },
    async close() {
      gate.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await uploads.close();
      if (ownDataDir) await rm(ownDataDir, { recursive: true, force: true });
    },
  };
}
