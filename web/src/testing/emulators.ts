/**
 * The Hearth emulator's Firestore and Storage in the test's own process (free ports,
 * firestore.rules and storage.rules in force), and the Firebase SDK modules the gateways load,
 * signed in as whom a test says. Gateway tests run them in Vitest's node environment: the same
 * SDK calls the app makes, against the real protocol and the real rules. The emulator is imported
 * from its build (`npm run build -w emulator`; `npm test` builds it first).
 */
import { deleteApp, initializeApp, type FirebaseApp } from 'firebase/app';
import * as firestoreSdk from 'firebase/firestore';
import * as storageSdk from 'firebase/storage';
import { afterAll, beforeAll } from 'vitest';
import { startFirestore, type FirestoreEmulator } from '@hearth/emulator/dist/firestore/index.js';
import { startStorage, type StorageEmulator } from '@hearth/emulator/dist/storage/index.js';
import type { loadFirestore, loadStorage } from '@/services/firebase/lazy';
import type { Observer, Unsubscribe } from '@/services/ports';
import * as snapshots from '@/services/firebase/snapshots';

type FirestoreModule = Awaited<ReturnType<typeof loadFirestore>>;
type StorageModule = Awaited<ReturnType<typeof loadStorage>>;

const rulesFile = (name: string) =>
  decodeURIComponent(new URL(`../../../${name}`, import.meta.url).pathname);

export interface Emulators {
  readonly projectId: string;
  /**
   * Firestore as the gateways load it, for a person signed in as `uid`; another `device` of
   * theirs has a cache of its own, so what it reads of others' writes comes from the server.
   */
  firestoreAs(uid: string, device?: string): () => Promise<FirestoreModule>;
  /** Storage as the attachments gateway loads it, for `uid`. */
  storageAs(uid: string): () => Promise<StorageModule>;
  /** Writes a document as the functions do, past the rules (`fields` in Firestore's REST form). */
  adminWrite(path: string, fields: Record<string, unknown>): Promise<void>;
}

/**
 * Starts both emulators before the file's tests and stops them, and every app made, after. With
 * `enforceIndexes`, Firestore refuses as production would a query that firestore.indexes.json
 * declares no index for.
 */
export function useEmulators(
  projectId: string,
  { enforceIndexes = false }: { enforceIndexes?: boolean } = {},
): Emulators {
  let firestore: FirestoreEmulator | undefined;
  let storage: StorageEmulator | undefined;
  const apps = new Map<string, FirebaseApp>();

  beforeAll(async () => {
    firestore = await startFirestore({
      port: 0,
      rulesFile: rulesFile('firestore.rules'),
      enforceIndexes,
      indexesFile: rulesFile('firestore.indexes.json'),
      log: () => {},
    });
    const documents = firestore;
    storage = await startStorage({
      port: 0,
      projectId,
      rulesFile: rulesFile('storage.rules'),
      firestore: (project) => documents.documentAccess(project),
      log: () => {},
    });
  });
  afterAll(async () => {
    await Promise.all([...apps.values()].map((app) => deleteApp(app)));
    await Promise.all([firestore?.close(), storage?.close()]);
  });

  const appFor = (uid: string) => {
    let app = apps.get(uid);
    if (!app) {
      app = initializeApp(
        { projectId, apiKey: 'test', storageBucket: `${projectId}.appspot.com` },
        `${projectId}-${uid}`,
      );
      apps.set(uid, app);
    }
    return app;
  };
  const started = <T>(emulator: T | undefined): T => {
    if (!emulator) throw new Error('useEmulators: the emulators start in beforeAll');
    return emulator;
  };
  const databases = new Map<string, FirestoreModule>();
  const buckets = new Map<string, StorageModule>();

  return {
    projectId,
    firestoreAs: (uid, device) => async () => {
      const key = device ? `${uid}-${device}` : uid;
      let module = databases.get(key);
      if (!module) {
        const { host, port } = started(firestore);
        const db = firestoreSdk.getFirestore(appFor(key));
        firestoreSdk.connectFirestoreEmulator(db, host, port, { mockUserToken: { sub: uid } });
        module = { ...firestoreSdk, ...snapshots, db };
        databases.set(key, module);
      }
      return module;
    },
    storageAs: (uid) => async () => {
      let module = buckets.get(uid);
      if (!module) {
        const { host, port } = started(storage);
        const bucket = storageSdk.getStorage(appFor(uid));
        storageSdk.connectStorageEmulator(bucket, host, port, { mockUserToken: { sub: uid } });
        module = { ...storageSdk, storage: bucket };
        buckets.set(uid, module);
      }
      return module;
    },
    async adminWrite(path, fields) {
      const { host, port } = started(firestore);
      const name = `projects/${projectId}/databases/(default)/documents/${path}`;
      const response = await fetch(`http://${host}:${port}/v1/${name}`, {
        method: 'PATCH',
        headers: { Authorization: 'Bearer owner', 'Content-Type': 'application/json' },
        body: JSON.stringify({ fields }),
      });
      if (!response.ok) throw new Error(`adminWrite ${path}: ${await response.text()}`);
    },
  };
}

/** The first value a watch delivers that `accept` takes; the watch stops then. */
export function until<T>(
  watch: (observer: Observer<T>) => Unsubscribe,
  accept: (value: T) => boolean,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let stop: Unsubscribe | null = null;
    let settled = false;
    stop = watch({
      next(value) {
        if (settled || !accept(value)) return;
        settled = true;
        stop?.();
        resolve(value);
      },
      error: reject,
    });
    if (settled) stop();
  });
}
