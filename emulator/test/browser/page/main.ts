/**
 * The conformance page: the stock firebase JS SDK, configured per client by the test, running the
 * shared scenarios (emulator/test/scenarios, bundled as they are) and recording listeners.
 */
import { deleteApp, initializeApp } from 'firebase/app';
import {
  collection,
  connectFirestoreEmulator,
  doc,
  initializeFirestore,
  onSnapshot,
  persistentLocalCache,
  persistentMultipleTabManager,
  runTransaction,
  setDoc,
  type Firestore,
  type FirestoreSettings,
} from 'firebase/firestore';
import type { ClientOptions, PageApi, RecordedSnapshot, ScenarioResult } from './api.js';
import { loadScenarios } from './scenarios.js';

const clients = new Map<string, Firestore>();
const recorded = new Map<string, RecordedSnapshot[]>();
const errors = new Map<string, string[]>();
const scenarios = loadScenarios();
let runs = 0;

function client(name: string): Firestore {
  const db = clients.get(name);
  if (!db) throw new Error(`No client ${name}`);
  return db;
}

function settings(options: ClientOptions): FirestoreSettings {
  const transport: FirestoreSettings =
    options.transport === 'long-polling'
      ? { experimentalForceLongPolling: true }
      : options.transport === 'auto-detect'
        ? { experimentalAutoDetectLongPolling: true }
        : { experimentalAutoDetectLongPolling: false };
  return options.persistence
    ? {
        ...transport,
        localCache: persistentLocalCache({ tabManager: persistentMultipleTabManager() }),
      }
    : transport;
}

const api: PageApi = {
  open(name, options) {
    const app = initializeApp(
      { projectId: options.projectId, apiKey: 'demo-key', appId: 'demo-app' },
      name,
    );
    const db = initializeFirestore(app, settings(options));
    connectFirestoreEmulator(
      db,
      options.host,
      options.port,
      options.uid ? { mockUserToken: { sub: options.uid } } : {},
    );
    clients.set(name, db);
  },

  scenarioNames: () => [...scenarios.keys()],

  async runScenario(name, scenario): Promise<ScenarioResult> {
    const run = scenarios.get(scenario);
    if (!run) return { name: scenario, ok: false, error: 'no such scenario' };
    try {
      await run(client(name), `browser-${++runs}`);
      return { name: scenario, ok: true };
    } catch (error) {
      const e = error as Error;
      return { name: scenario, ok: false, error: `${e.message}\n${e.stack ?? ''}` };
    }
  },

  set: (name, path, data) => setDoc(doc(client(name), path), data),

  async copyInTransaction(name, from, to, interferer) {
    const db = client(name);
    let attempts = 0;
    await runTransaction(db, async (transaction) => {
      attempts++;
      const n = (await transaction.get(doc(db, from))).data()?.['n'] as number;
      if (attempts === 1 && interferer) await setDoc(doc(client(interferer), from), { n: n + 100 });
      transaction.set(doc(db, to), { copied: n });
    });
    return attempts;
  },

  setPending(name, path, data) {
    setDoc(doc(client(name), path), data).catch((error: Error) =>
      console.error(`pending write failed: ${error.message}`),
    );
  },

  listen(name, listener, collectionPath) {
    const snapshots: RecordedSnapshot[] = [];
    recorded.set(listener, snapshots);
    errors.set(listener, []);
    onSnapshot(
      collection(client(name), collectionPath),
      { includeMetadataChanges: true },
      (snapshot) => {
        snapshots.push({
          at: performance.timeOrigin + performance.now(),
          size: snapshot.size,
          hasPendingWrites: snapshot.metadata.hasPendingWrites,
          fromCache: snapshot.metadata.fromCache,
          changes: snapshot.docChanges({ includeMetadataChanges: true }).map((change) => ({
            type: change.type,
            id: change.doc.id,
            data: change.doc.data(),
            hasPendingWrites: change.doc.metadata.hasPendingWrites,
            fromCache: change.doc.metadata.fromCache,
          })),
        });
      },
      (error) =>
        errors.get(listener)?.push(`${(error as { code?: string }).code}: ${error.message}`),
    );
  },

  snapshots: (listener) => recorded.get(listener) ?? [],
  listenErrors: (listener) => errors.get(listener) ?? [],

  async terminate(name) {
    // Deleting the app terminates its Firestore and frees the name for a new client.
    await deleteApp(client(name).app);
    clients.delete(name);
  },
};

window.hearth = api;
