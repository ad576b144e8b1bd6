/** @firebase/rules-unit-testing against the emulator: contexts, rules loading, allow and deny for every operation. */
import { beforeEach, describe, expect, it } from 'vitest';
import { assertFails, assertSucceeds } from '@firebase/rules-unit-testing';
import {
  collection,
  deleteDoc,
  doc,
  getDoc,
  getDocs,
  query,
  runTransaction,
  serverTimestamp,
  setDoc,
  updateDoc,
  where,
  writeBatch,
  onSnapshot,
} from 'firebase/firestore';
import { firestoreRules } from '../src/rules/testing/testKit.js';
import { http, useRulesTestEnvironment } from './firestoreHarness.js';

const PROJECT = 'demo-fs-rules';

const RULES = firestoreRules(`    function signedIn() { return request.auth != null; }
    function isOwner(data) { return signedIn() && data.ownerId == request.auth.uid; }

    match /notes/{noteId} {
      allow get: if resource == null || isOwner(resource.data);
      allow list: if signedIn() && resource.data.ownerId == request.auth.uid;
      allow create: if isOwner(request.resource.data) && request.resource.data.createdAt == request.time;
      allow update: if isOwner(resource.data) && request.resource.data.ownerId == resource.data.ownerId;
      allow delete: if isOwner(resource.data);
    }
    match /lists/{listId} {
      allow read: if signedIn() && request.auth.uid in resource.data.memberIds;
      allow create: if signedIn() && getAfter(/databases/$(database)/documents/lists/$(listId)/meta/owner).data.uid == request.auth.uid;
      match /meta/{metaId} {
        allow read, create: if signedIn();
      }
    }
    match /admins/{uid} {
      allow read: if request.auth.token.admin == true;
    }`);

const rules = useRulesTestEnvironment(PROJECT, RULES);
beforeEach(() => rules.env.clearFirestore());

describe('rules through rules-unit-testing', () => {
  it('an owner creates a note stamped with request.time', async () => {
    const alice = rules.env.authenticatedContext('alice').firestore();
    await assertSucceeds(
      setDoc(doc(alice, 'notes/n1'), {
        ownerId: 'alice',
        text: 'hi',
        createdAt: serverTimestamp(),
      }),
    );
  });

  it('a note with a client timestamp is refused with the engine explanation', async () => {
    const alice = rules.env.authenticatedContext('alice').firestore();
    const error = await assertFails(
      setDoc(doc(alice, 'notes/n1'), { ownerId: 'alice', createdAt: new Date(0) }),
    );
    expect((error as { code: string }).code).toBe('permission-denied');
    expect((error as Error).message).toMatch(/for 'create' @ L\d+/);
  });

  it('another user cannot read, update or delete the note', async () => {
    await rules.env.withSecurityRulesDisabled((ctx) =>
      setDoc(doc(ctx.firestore(), 'notes/n1'), { ownerId: 'alice', text: 'x' }),
    );
    const bob = rules.env.authenticatedContext('bob').firestore();
    await assertFails(getDoc(doc(bob, 'notes/n1')));
    await assertFails(updateDoc(doc(bob, 'notes/n1'), { text: 'y' }));
    await assertFails(deleteDoc(doc(bob, 'notes/n1')));
    const alice = rules.env.authenticatedContext('alice').firestore();
    await assertSucceeds(getDoc(doc(alice, 'notes/n1')));
    await assertSucceeds(updateDoc(doc(alice, 'notes/n1'), { text: 'y' }));
    await assertFails(updateDoc(doc(alice, 'notes/n1'), { ownerId: 'bob' }));
    await assertSucceeds(deleteDoc(doc(alice, 'notes/n1')));
  });

  it('list rules judge the query: constrained queries pass, open ones fail', async () => {
    const alice = rules.env.authenticatedContext('alice').firestore();
    await assertSucceeds(
      getDocs(query(collection(alice, 'notes'), where('ownerId', '==', 'alice'))),
    );
    await assertFails(getDocs(collection(alice, 'notes')));
    await assertFails(getDocs(query(collection(alice, 'notes'), where('ownerId', '==', 'bob'))));
  });

  it('an unauthenticated client is denied', async () => {
    const anon = rules.env.unauthenticatedContext().firestore();
    await assertFails(
      setDoc(doc(anon, 'notes/n2'), { ownerId: 'x', createdAt: serverTimestamp() }),
    );
    await assertFails(getDocs(query(collection(anon, 'notes'), where('ownerId', '==', 'x'))));
  });

  it('getAfter sees the rest of the batch', async () => {
    const alice = rules.env.authenticatedContext('alice').firestore();
    const batch = writeBatch(alice);
    batch.set(doc(alice, 'lists/l1'), { memberIds: ['alice'] });
    batch.set(doc(alice, 'lists/l1/meta/owner'), { uid: 'alice' });
    await assertSucceeds(batch.commit());
    await assertFails(setDoc(doc(alice, 'lists/l2'), { memberIds: ['alice'] }));
  });

  it('transactions are checked too', async () => {
    await rules.env.withSecurityRulesDisabled((ctx) =>
      setDoc(doc(ctx.firestore(), 'lists/l3'), { memberIds: ['alice'] }),
    );
    const alice = rules.env.authenticatedContext('alice').firestore();
    await assertSucceeds(
      runTransaction(alice, async (tx) => (await tx.get(doc(alice, 'lists/l3'))).data()),
    );
    const bob = rules.env.authenticatedContext('bob').firestore();
    await assertFails(
      runTransaction(bob, async (tx) => (await tx.get(doc(bob, 'lists/l3'))).data()),
    );
  });

  it('custom claims reach request.auth.token', async () => {
    await rules.env.withSecurityRulesDisabled((ctx) =>
      setDoc(doc(ctx.firestore(), 'admins/a'), { ok: true }),
    );
    await assertSucceeds(
      getDoc(doc(rules.env.authenticatedContext('root', { admin: true }).firestore(), 'admins/a')),
    );
    await assertFails(getDoc(doc(rules.env.authenticatedContext('user').firestore(), 'admins/a')));
  });

  it('a denied listener gets permission-denied', async () => {
    const bob = rules.env.authenticatedContext('bob').firestore();
    const error = await new Promise<{ code: string }>((resolve) => {
      onSnapshot(
        collection(bob, 'notes'),
        () => {},
        (e) => resolve(e as { code: string }),
      );
    });
    expect(error.code).toBe('permission-denied');
  });

  it('clearFirestore empties the project', async () => {
    await rules.env.withSecurityRulesDisabled((ctx) =>
      setDoc(doc(ctx.firestore(), 'notes/gone'), { ownerId: 'a' }),
    );
    await rules.env.clearFirestore();
    await rules.env.withSecurityRulesDisabled(async (ctx) => {
      expect((await getDoc(doc(ctx.firestore(), 'notes/gone'))).exists()).toBe(false);
    });
  });

  it('reports rule coverage and refuses rules that do not compile', async () => {
    const coverage = await http(
      rules.harness.hostPort,
      'GET',
      `/emulator/v1/projects/${PROJECT}:ruleCoverage`,
    );
    expect(coverage.status).toBe(200);
    expect(() => JSON.parse(coverage.text)).not.toThrow();
    const html = await http(
      rules.harness.hostPort,
      'GET',
      `/emulator/v1/projects/${PROJECT}:ruleCoverage.html`,
    );
    expect(html.text).toContain('<');
    const bad = await http(
      rules.harness.hostPort,
      'PUT',
      `/emulator/v1/projects/${PROJECT}:securityRules`,
      { rules: { files: [{ content: 'service cloud.firestore { match' }] } },
    );
    expect(bad.status).toBe(400);
    expect(bad.text).toMatch(/\d+:\d+/);
  });
});
