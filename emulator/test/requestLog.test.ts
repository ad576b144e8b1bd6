/**
 * The request log the Hearth Console reads (`/emulator/v1/projects/{p}/requests` on the Firestore
 * and Storage ports): every rules evaluation made for the real SDKs' requests, newest first, as
 * JSON and live as server-sent events, with each evaluation's deciding lines, document lookups,
 * caller and rules source; bounded to the newest N.
 */
import {
  assertFails,
  assertSucceeds,
  initializeTestEnvironment,
  type RulesTestEnvironment,
} from '@firebase/rules-unit-testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { startFirestore } from '../src/firestore/index.js';
import type { RequestSummary } from '../src/observe/requestLog.js';
import { firestoreRules, storageRules } from '../src/rules/testing/testKit.js';
import { readEvents } from './eventStreamClient.js';
import { useFirestoreAndStorage } from './firestoreAndStorage.js';

const projectId = 'demo-request-log';

const FIRESTORE_RULES = firestoreRules(`    function isMember(listId) {
      return request.auth.uid in get(/databases/$(database)/documents/lists/$(listId)).data.members;
    }
    match /lists/{listId} {
      allow read: if isMember(listId);
      allow create: if request.auth != null
        && request.resource.data.ownerId == request.auth.uid;
    }`);

const STORAGE_RULES = storageRules(`    match /lists/{listId}/{file} {
      allow write: if firestore.exists(/databases/(default)/documents/lists/$(listId))
        && request.resource.size < 100;
    }`);

const stack = useFirestoreAndStorage(projectId, {
  firestore: FIRESTORE_RULES,
  storage: STORAGE_RULES,
});
let env: RulesTestEnvironment;
let firestoreOrigin: string;
let storageOrigin: string;

async function json<T>(url: string): Promise<{ status: number; body: T }> {
  const response = await fetch(url);
  return { status: response.status, body: (await response.json()) as T };
}

const requests = (origin: string, query = '') =>
  json<{ requests: RequestSummary[]; latest: number }>(
    `${origin}/emulator/v1/projects/${projectId}/requests${query}`,
  );

beforeAll(async () => {
  const { firestore, storage } = stack;
  env = stack.env;
  firestoreOrigin = `http://${firestore.host}:${firestore.port}`;
  storageOrigin = `http://${storage.host}:${storage.port}`;
  await env.withSecurityRulesDisabled(async (context) => {
    await context
      .firestore()
      .doc('lists/l1')
      .set({ members: ['alice'] });
  });
});

describe('the Firestore request log', () => {
  it('lists a denied write first, with who made it and Firebase’s explanation', async () => {
    const alice = env.authenticatedContext('alice', { email: 'alice@example.com' }).firestore();
    await assertFails(alice.doc('lists/l2').set({ ownerId: 'mallory' }));
    const { body } = await requests(firestoreOrigin);
    expect(body.requests[0]).toMatchObject({
      service: 'firestore',
      method: 'create',
      path: 'lists/l2',
      container: '(default)',
      uid: 'alice',
      email: 'alice@example.com',
      allowed: false,
      summary: "false for 'create' @ L9",
    });
    expect(body.latest).toBe(body.requests[0]?.id);
  });

  it('gives the deciding lines, each lookup, the caller’s claims, the rules and the data they saw', async () => {
    const alice = env.authenticatedContext('alice', { admin: true }).firestore();
    await assertFails(alice.doc('lists/l3').set({ ownerId: 'bob', size: 3 }));
    const { body } = await requests(firestoreOrigin, '?pageSize=1');
    const detail = await json<Record<string, unknown>>(
      `${firestoreOrigin}/emulator/v1/projects/${projectId}/requests/${body.requests[0]?.id}`,
    );
    expect(detail.status).toBe(200);
    expect(detail.body).toMatchObject({
      method: 'create',
      allowed: false,
      outcomes: [{ line: 9, result: 'false' }],
      calls: [],
      auth: { uid: 'alice', token: { admin: true } },
      rules: FIRESTORE_RULES,
      resource: null,
      requestResource: { ownerId: { stringValue: 'bob' }, size: { integerValue: '3' } },
    });
    expect(detail.body['message']).toMatch(/^false for 'create' @ L9\n {2}L9 \| allow create/);
  });

  it('names the allow that granted a read and the get() it made', async () => {
    const alice = env.authenticatedContext('alice').firestore();
    await assertSucceeds(alice.doc('lists/l1').get());
    const { body } = await requests(firestoreOrigin, '?pageSize=1');
    const { body: detail } = await json<Record<string, unknown>>(
      `${firestoreOrigin}/emulator/v1/projects/${projectId}/requests/${body.requests[0]?.id}`,
    );
    expect(detail).toMatchObject({
      method: 'get',
      path: 'lists/l1',
      allowed: true,
      outcomes: [{ line: 8, result: 'true' }],
      calls: [
        {
          fn: 'get',
          path: '/databases/(default)/documents/lists/l1',
          found: true,
        },
      ],
    });
  });

  it('streams each new evaluation as it happens, and resumes after the last one seen', async () => {
    const url = `${firestoreOrigin}/emulator/v1/projects/${projectId}/requests`;
    const { body: before } = await requests(firestoreOrigin, '?pageSize=1');
    const stream = readEvents(url, { 'Last-Event-ID': String(before.latest) });
    try {
      const bob = env.authenticatedContext('bob').firestore();
      await assertFails(bob.doc('lists/l1').get());
      const [event] = await stream.next(1);
      expect(event).toMatchObject({ event: 'request', id: String(before.latest + 1) });
      expect(JSON.parse(event?.data ?? '')).toMatchObject({
        method: 'get',
        path: 'lists/l1',
        uid: 'bob',
        allowed: false,
      });
    } finally {
      stream.close();
    }
  });

  it('keeps only the newest evaluations, and says so for an older one', async () => {
    const small = await startFirestore({ port: 0, log: () => undefined, requestLogCapacity: 2 });
    const origin = `http://${small.host}:${small.port}`;
    const local = await initializeTestEnvironment({
      projectId: 'demo-small-log',
      firestore: { host: small.host, port: small.port, rules: FIRESTORE_RULES },
    });
    try {
      const carol = local.authenticatedContext('carol').firestore();
      for (const id of ['a', 'b', 'c']) await assertFails(carol.doc(`lists/${id}`).get());
      const { body } = await json<{ requests: RequestSummary[] }>(
        `${origin}/emulator/v1/projects/demo-small-log/requests`,
      );
      expect(body.requests.map((r) => r.path)).toEqual(['lists/c', 'lists/b']);
      const gone = await json<{ error: { message: string } }>(
        `${origin}/emulator/v1/projects/demo-small-log/requests/1`,
      );
      expect(gone.status).toBe(404);
      expect(gone.body.error.message).toMatch(/keeps the newest 2/);
    } finally {
      await local.cleanup();
      await small.close();
    }
  });

  it('shows a project only its own evaluations', async () => {
    const { body } = await json<{ requests: RequestSummary[] }>(
      `${firestoreOrigin}/emulator/v1/projects/demo-someone-else/requests`,
    );
    expect(body.requests).toEqual([]);
  });
});

describe('the Storage request log', () => {
  it('lists a denied upload with its bucket and the firestore.exists() it made', async () => {
    const alice = env.authenticatedContext('alice').storage();
    await assertFails(Promise.resolve(alice.ref('lists/l1/big.bin').put(new Uint8Array(500))));
    const { body } = await requests(storageOrigin, '?pageSize=1');
    expect(body.requests[0]).toMatchObject({
      service: 'storage',
      method: 'create',
      path: 'lists/l1/big.bin',
      uid: 'alice',
      allowed: false,
    });
    const { body: detail } = await json<Record<string, unknown>>(
      `${storageOrigin}/emulator/v1/projects/${projectId}/requests/${body.requests[0]?.id}`,
    );
    expect(detail).toMatchObject({
      outcomes: [{ line: 5, result: 'false' }],
      calls: [
        {
          fn: 'firestore.exists',
          path: '/databases/(default)/documents/lists/l1',
          found: true,
        },
      ],
      rules: STORAGE_RULES,
      requestResource: { size: { integerValue: '500' }, name: { stringValue: 'lists/l1/big.bin' } },
    });
  });
});
