/**
 * Starts the Firestore emulator in-process on a free port for one test file and points
 * firebase-admin at it (FIRESTORE_EMULATOR_HOST, which also makes the SDK send `Bearer owner`).
 */
import { deleteApp, initializeApp, type App } from 'firebase-admin/app';
import { initializeTestEnvironment, type RulesTestEnvironment } from '@firebase/rules-unit-testing';
import { afterAll, beforeAll } from 'vitest';
import { getFirestore, type Firestore } from 'firebase-admin/firestore';
import {
  startFirestore,
  type FirestoreEmulator,
  type FirestoreEmulatorOptions,
} from '../src/firestore/index.js';
import { rawClient, type RawClient } from './firestoreGrpcClient.js';

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
  let harness: Harness | undefined;
  let client: RawClient | undefined;
  beforeAll(async () => {
    harness = await startHarness();
    client = rawClient(harness.hostPort);
  });
  afterAll(async () => {
    client?.close();
    await harness?.close();
  });
  return {
    get harness() {
      return harness as Harness;
    },
    get client() {
      return client as RawClient;
    },
  };
}

/**
 * For a test file: an emulator and a rules-unit-testing environment on it for `projectId` with
 * `rules`, as Google's quickstart suites set one up; both closed after the file.
 */
export function useRulesTestEnvironment(
  projectId: string,
  rules: string,
): { readonly harness: Harness; readonly env: RulesTestEnvironment } {
  let harness: Harness | undefined;
  let env: RulesTestEnvironment | undefined;
  beforeAll(async () => {
    harness = await startHarness();
    env = await initializeTestEnvironment({
      projectId,
      firestore: { host: harness.emulator.host, port: harness.emulator.port, rules },
    });
  });
  afterAll(async () => {
    await env?.cleanup();
    await harness?.close();
  });
  return {
    get harness() {
      return harness as Harness;
    },
    get env() {
      return env as RulesTestEnvironment;
    },
  };
}
