/**
 * Starts the Firestore emulator in-process on a free port for one test file and points
 * firebase-admin at it (FIRESTORE_EMULATOR_HOST, which also makes the SDK send `Bearer owner`).
 */
import { deleteApp, initializeApp, type App } from 'firebase-admin/app';
import { initializeTestEnvironment, type RulesTestEnvironment } from '@firebase/rules-unit-testing';
import { getFirestore, type Firestore } from 'firebase-admin/firestore';
import {
  startFirestore,
  type FirestoreEmulator,
  type FirestoreEmulatorOptions,
} from '../src/firestore/index.js';
import { rawClient, type RawClient } from './firestoreGrpcClient.js';
import { perFile } from './perFile.js';

export interface Harness {
  emulator: FirestoreEmulator;
  hostPort: string;
  admin(projectId: string): Firestore;
  close(): Promise<void>;
}

export async function startHarness(
  options: Partial<FirestoreEmulatorOptions> = {},
): Promise<Harness> {
  const emulator = await startFirestore({ port: 0, log: () => {}, ...options });
  const hostPort = `${emulator.host}:${emulator.port}`;
  process.env['FIRESTORE_EMULATOR_HOST'] = hostPort;
  const apps: App[] = [];
  return {
    emulator,
    hostPort,
    admin(projectId) {
      const app = initializeApp({ projectId }, `${projectId}-${emulator.port}-${apps.length}`);
      apps.push(app);
      return getFirestore(app);
    },
    async close() {
      await Promise.all(apps.map((a) => deleteApp(a)));
      await emulator.close();
    },
  };
}

/** Plain HTTP against the emulator's control endpoints. */
export async function http(
  hostPort: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; text: string }> {
  const init: RequestInit = { method };
  if (body !== undefined) init.body = typeof body === 'string' ? body : JSON.stringify(body);
  const res = await fetch(`http://${hostPort}${path}`, init);
  return { status: res.status, text: await res.text() };
}

/** For a test file: starts the emulator before its tests and a raw client on it, closes both after. */
export function useRawClient(): { readonly harness: Harness; readonly client: RawClient } {
  return perFile(async (onClose) => {
    const harness = await startHarness();
    onClose(() => harness.close());
    const client = rawClient(harness.hostPort);
    onClose(() => client.close());
    return { harness, client };
  });
}

/**
 * For a test file: an emulator and a rules-unit-testing environment on it for `projectId` with
 * `rules`, as Google's quickstart suites set one up; both closed after the file.
 */
export function useRulesTestEnvironment(
  projectId: string,
  rules: string,
): { readonly harness: Harness; readonly env: RulesTestEnvironment } {
  return perFile(async (onClose) => {
    const harness = await startHarness();
    onClose(() => harness.close());
    const env = await initializeTestEnvironment({
      projectId,
      firestore: { host: harness.emulator.host, port: harness.emulator.port, rules },
    });
    onClose(() => env.cleanup());
    return { harness, env };
  });
}

/** What `GET /emulator/v1/projects/{projectId}:missingIndexes` lists. */
export interface MissingIndexes {
  enforced: boolean;
  indexes: unknown[];
  fieldOverrides: unknown[];
}

export async function missingIndexes(harness: Harness, projectId: string): Promise<MissingIndexes> {
  const { text } = await http(
    harness.hostPort,
    'GET',
    `/emulator/v1/projects/${projectId}:missingIndexes`,
  );
  return JSON.parse(text) as MissingIndexes;
}

/**
 * For a test file: two emulators reading one firestore.indexes.json, `enforcing` it and
 * `lenient`, each with firebase-admin on `projectId` (`db` and `off`) and `seed` written to both
 * before the tests; all closed after the file.
 */
export function useIndexEnforcement(
  projectId: string,
  indexesFile: string,
  seed: (store: Firestore) => Promise<void>,
): {
  readonly enforcing: Harness;
  readonly lenient: Harness;
  readonly db: Firestore;
  readonly off: Firestore;
} {
  return perFile(async (onClose) => {
    // Each client right after its emulator: the SDK reads FIRESTORE_EMULATOR_HOST when made.
    const enforcing = await startHarness({ enforceIndexes: true, indexesFile });
    onClose(() => enforcing.close());
    const db = enforcing.admin(projectId);
    const lenient = await startHarness({ indexesFile });
    onClose(() => lenient.close());
    const off = lenient.admin(projectId);
    for (const store of [db, off]) await seed(store);
    return { enforcing, lenient, db, off };
  });
}
