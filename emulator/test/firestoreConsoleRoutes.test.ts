/**
 * What the Hearth Console reads from the Firestore port beyond the request log: the databases of a
 * project, a live feed of the documents each commit changed, deleting one subtree (Google's
 * `DELETE /emulator/v1/.../documents/{path}`), and replacing every database with an export while
 * clients listen. Driven through firebase-admin and plain HTTP.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DocumentSnapshot, Firestore } from 'firebase-admin/firestore';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readEvents } from './eventStreamClient.js';
import { http, startHarness, type Harness } from './firestoreHarness.js';

const projectId = 'demo-console-routes';
let harness: Harness;
let db: Firestore;

beforeAll(async () => {
  harness = await startHarness();
  db = harness.admin(projectId);
});

afterAll(async () => {
  await harness.close();
});

const base = () => `/emulator/v1/projects/${projectId}/databases`;

describe('the databases of a project', () => {
  it('lists each database a client has used, under its resource name', async () => {
    await db.doc('a/b').set({ x: 1 });
    const written = await http(
      harness.hostPort,
      'PATCH',
      `/v1/projects/${projectId}/databases/archive/documents/a/b`,
      { fields: { x: { integerValue: '2' } } },
    );
    expect(written.status).toBe(200);
    const answer = await http(harness.hostPort, 'GET', base());
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.text)).toEqual({
      databases: [
        { name: `projects/${projectId}/databases/(default)` },
        { name: `projects/${projectId}/databases/archive` },
      ],
    });
  });
});

describe('the change feed', () => {
  it('sends the paths each commit changed, as it commits, and the paths a clear removed', async () => {
    await db.doc('feed/keep').set({ n: 0 });
    const stream = readEvents(`http://${harness.hostPort}${base()}/(default)/changes`);
    try {
      // The feed only has what happens after it connected: wait until it is listening.
      await new Promise((resolve) => setTimeout(resolve, 100));
      const batch = db.batch();
      batch.set(db.doc('feed/a'), { n: 1 });
      batch.set(db.doc('feed/a/sub/b'), { n: 2 });
      await batch.commit();
      const [commit] = await stream.next(1);
      expect(commit?.event).toBe('commit');
      expect(JSON.parse(commit?.data ?? '')).toEqual({
        database: '(default)',
        paths: ['feed/a', 'feed/a/sub/b'],
      });
      await http(harness.hostPort, 'DELETE', `${base()}/(default)/documents`);
      const [cleared] = await stream.next(1);
      expect(JSON.parse(cleared?.data ?? '').paths).toEqual(
        expect.arrayContaining(['feed/keep', 'feed/a', 'feed/a/sub/b']),
      );
    } finally {
      stream.close();
    }
  });
});

describe('deleting a subtree', () => {
  it('deletes a collection with every document under it in one commit that listeners see', async () => {
    await Promise.all([
      db.doc('lists/l1').set({ t: 'one' }),
      db.doc('lists/l1/todos/t1').set({ t: 'x' }),
      db.doc('lists/l1/todos/t1/notes/n1').set({ t: 'y' }),
      db.doc('lists/l2').set({ t: 'two' }),
      db.doc('listsExtra/l1').set({ t: 'not under lists' }),
    ]);
    const seen: DocumentSnapshot[] = [];
    const stop = db.doc('lists/l1/todos/t1').onSnapshot((snapshot) => seen.push(snapshot));
    try {
      await expect.poll(() => seen.length).toBe(1);
      const answer = await http(
        harness.hostPort,
        'DELETE',
        `${base()}/(default)/documents/lists/l1`,
      );
      expect(answer.status).toBe(200);
      const left = await Promise.all(
        [
          'lists/l1',
          'lists/l1/todos/t1',
          'lists/l1/todos/t1/notes/n1',
          'lists/l2',
          'listsExtra/l1',
        ].map(async (path) => [path, (await db.doc(path).get()).exists]),
      );
      expect(Object.fromEntries(left)).toEqual({
        'lists/l1': false,
        'lists/l1/todos/t1': false,
        'lists/l1/todos/t1/notes/n1': false,
        'lists/l2': true,
        'listsExtra/l1': true,
      });
      await expect.poll(() => seen.at(-1)?.exists).toBe(false);
    } finally {
      stop();
    }
  });

  it('deletes a whole collection', async () => {
    await db.doc('bulk/a').set({});
    await db.doc('bulk/b/c/d').set({});
    await http(harness.hostPort, 'DELETE', `${base()}/(default)/documents/bulk`);
    expect((await db.collection('bulk').get()).size).toBe(0);
    expect((await db.doc('bulk/b/c/d').get()).exists).toBe(false);
  });

  it('refuses a path Firestore would not accept, and deletes nothing', async () => {
    await db.doc('safe/a').set({});
    const answer = await http(
      harness.hostPort,
      'DELETE',
      `${base()}/(default)/documents/safe/__x__`,
    );
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.text).error.message).toMatch(/reserved ids/);
    expect((await db.doc('safe/a').get()).exists).toBe(true);
  });
});

describe('importing into a running emulator', () => {
  it('replaces every database with the export, and listeners see the change', async () => {
    await db.doc('kept/one').set({ v: 'exported' });
    const dir = await mkdtemp(join(tmpdir(), 'hearth-firestore-import-'));
    await harness.emulator.exportData(dir);
    await db.doc('kept/one').set({ v: 'changed after export' });
    await db.doc('kept/two').set({ v: 'written after export' });
    const seen: string[] = [];
    const stop = db
      .collection('kept')
      .onSnapshot((snapshot) =>
        seen.push(snapshot.docs.map((d) => `${d.id}=${d.get('v')}`).join(',')),
      );
    try {
      await expect
        .poll(() => seen.at(-1))
        .toBe('one=changed after export,two=written after export');
      const count = await harness.emulator.importData(dir);
      expect(count).toBeGreaterThan(0);
      await expect.poll(() => seen.at(-1)).toBe('one=exported');
      expect((await db.doc('kept/two').get()).exists).toBe(false);
    } finally {
      stop();
    }
  });
});
