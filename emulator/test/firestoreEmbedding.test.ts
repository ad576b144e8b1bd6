/** The entry point others build on: onCommit, documentAccess, export/import, the rules file and its reload. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { initializeApp, deleteApp, type FirebaseApp } from 'firebase/app';
import {
  connectFirestoreEmulator,
  doc,
  getDoc,
  getFirestore,
  setDoc,
  terminate,
  type Firestore,
} from 'firebase/firestore';
import { FieldValue } from 'firebase-admin/firestore';
import { startHarness, type Harness } from './firestoreHarness.js';
import { startFirestore, type CommitEvent } from '../src/firestore/index.js';

const PROJECT = 'demo-fs-embed';
let dir: string;
let harness: Harness;
let logs: string[];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hearth-fs-'));
  await writeFile(
    join(dir, 'firestore.rules'),
    `rules_version = '2';\nservice cloud.firestore { match /databases/{db}/documents { match /open/{id} { allow read, write: if true; } } }`,
  );
  logs = [];
  harness = await startHarness({
    rulesFile: join(dir, 'firestore.rules'),
    log: (line) => logs.push(line),
  });
});
afterAll(async () => {
  await harness.close();
  await rm(dir, { recursive: true, force: true });
});

function client(name: string): { app: FirebaseApp; db: Firestore } {
  const app = initializeApp({ projectId: PROJECT, apiKey: 'fake' }, name);
  const db = getFirestore(app);
  connectFirestoreEmulator(db, harness.emulator.host, harness.emulator.port, {
    mockUserToken: { user_id: 'u1' },
  });
  return { app, db };
}

describe('onCommit', () => {
  it('reports each commit in order with before/after and the writer', async () => {
    const events: CommitEvent[] = [];
    const stop = harness.emulator.onCommit((e) => events.push(e));
    const admin = harness.admin(PROJECT);
    await admin.doc('events/a').set({ n: 1 });
    await admin.doc('events/a').update({ n: FieldValue.increment(1) });
    await admin.doc('events/a').delete();
    const { app, db } = client('events');
    await setDoc(doc(db, 'open/x'), { by: 'client' });
    await terminate(db);
    await deleteApp(app);
    stop();
    const mine = events.filter((e) => e.projectId === PROJECT);
    expect(
      mine.map((e) => [
        e.changes[0]!.before?.fields['n'] ?? null,
        e.changes[0]!.after?.fields['n'] ?? null,
      ]),
    ).toEqual([
      [null, { integerValue: 1n }],
      [{ integerValue: 1n }, { integerValue: 2n }],
      [{ integerValue: 2n }, null],
      [null, null],
    ]);
    expect(mine[0]!.auth).toBeNull();
    expect(mine[3]!.auth?.uid).toBe('u1');
    expect(mine[3]!.changes[0]!.name).toBe(
      `projects/${PROJECT}/databases/(default)/documents/open/x`,
    );
  });

  it('clearing a database is not a commit: listeners hear nothing', async () => {
    await harness.admin(PROJECT).doc('events/c').set({ n: 1 });
    const events: CommitEvent[] = [];
    const stop = harness.emulator.onCommit((e) => events.push(e));
    const res = await fetch(
      `http://${harness.hostPort}/emulator/v1/projects/${PROJECT}/databases/(default)/documents`,
      { method: 'DELETE' },
    );
    stop();
    expect(res.status).toBe(200);
    expect(events).toEqual([]);
    expect((await harness.admin(PROJECT).doc('events/c').get()).exists).toBe(false);
  });

  it('a throwing listener never breaks a commit', async () => {
    const stop = harness.emulator.onCommit(() => {
      throw new Error('listener bug');
    });
    await harness.admin(PROJECT).doc('events/b').set({ ok: true });
    stop();
    expect((await harness.admin(PROJECT).doc('events/b').get()).exists).toBe(true);
    expect(logs.some((l) => l.includes('listener bug'))).toBe(true);
  });
});

describe('documentAccess', () => {
  it('resolves rules paths against the store', async () => {
    await harness
      .admin(PROJECT)
      .doc('lists/l1')
      .set({ members: { u1: 'owner' } });
    const access = harness.emulator.documentAccess(PROJECT);
    expect(access.get('/databases/(default)/documents/lists/l1')?.fields['members']).toEqual({
      mapValue: { fields: { u1: { stringValue: 'owner' } } },
    });
    expect(access.get('/databases/(default)/documents/lists/none')).toBeNull();
  });
});

describe('rules file', () => {
  it('is enforced for clients and reloaded on change; a broken edit keeps the previous rules', async () => {
    const { app, db } = client('rules');
    await expect(setDoc(doc(db, 'closed/x'), { a: 1 })).rejects.toMatchObject({
      code: 'permission-denied',
    });
    await setDoc(doc(db, 'open/y'), { a: 1 });
    await writeFile(
      join(dir, 'firestore.rules'),
      `rules_version = '2';\nservice cloud.firestore { match /databases/{db}/documents { match /{document=**} { allow read, write: if true; } } }`,
    );
    await expect
      .poll(() => logs.filter((l) => l.includes('loaded rules')).length, { timeout: 5000 })
      .toBe(2);
    await setDoc(doc(db, 'closed/x'), { a: 1 });
    await writeFile(join(dir, 'firestore.rules'), `service cloud.firestore { match /oops`);
    await expect
      .poll(() => logs.some((l) => /did not compile[\s\S]*\d+:\d+/.test(l)), { timeout: 5000 })
      .toBe(true);
    expect((await getDoc(doc(db, 'closed/x'))).exists()).toBe(true);
    await terminate(db);
    await deleteApp(app);
  });
});

describe('export and import', () => {
  it('round-trips every project losslessly and atomically', async () => {
    const admin = harness.admin(PROJECT);
    await admin.doc('persist/p').set({
      big: 2n ** 62n,
      nan: NaN,
      negZero: -0,
      bytes: Buffer.from([7, 8]),
      nested: { a: [1, 'x'] },
    });
    const out = join(dir, 'export');
    await harness.emulator.exportData(out);
    const lines = (await readFile(join(out, 'firestore_export.jsonl'), 'utf8'))
      .trimEnd()
      .split('\n');
    expect(JSON.parse(lines[0] as string)).toEqual({ format: 'hearth-firestore-export/2' });
    expect(lines.some((line) => line.includes('"path":"persist/p"'))).toBe(true);
    const restored = await startFirestore({ port: 0, importDir: out, log: () => {} });
    try {
      const doc = restored.documentAccess(PROJECT).get('/databases/(default)/documents/persist/p');
      expect(doc?.fields['big']).toEqual({ integerValue: 2n ** 62n });
      expect(Number.isNaN((doc?.fields['nan'] as { doubleValue: number }).doubleValue)).toBe(true);
      expect(Object.is((doc?.fields['negZero'] as { doubleValue: number }).doubleValue, -0)).toBe(
        true,
      );
      expect(Array.from((doc?.fields['bytes'] as { bytesValue: Uint8Array }).bytesValue)).toEqual([
        7, 8,
      ]);
    } finally {
      await restored.close();
    }
  });
});
