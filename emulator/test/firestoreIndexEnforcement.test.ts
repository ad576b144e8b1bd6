/**
 * Index enforcement (Hearth): with `enforceIndexes`, a query that production would refuse for
 * want of an index fails with FAILED_PRECONDITION and the link that creates it, on every way a
 * query enters (RunQuery, RunAggregationQuery, Listen; gRPC, REST and WebChannel), and the index
 * is listed by `GET /emulator/v1/projects/{p}:missingIndexes`. Off, nothing is refused.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Firestore, Query } from 'firebase-admin/firestore';
import {
  missingIndexes,
  startHarness,
  useIndexEnforcement,
  type Harness,
} from './firestoreHarness.js';
import { fieldFilter, orderBy, str } from './wireMessages.js';
import { webChannel } from './hostile/wire.js';

const PROJECT = 'demo-index-enforcement';
const LINK =
  /^9 FAILED_PRECONDITION: The query requires an index\. You can create it here: https:\/\/console\.firebase\.google\.com\/v1\/r\/project\/demo-index-enforcement\/firestore\/indexes\?create_composite=[\w-]+$/;

const indexed = useIndexEnforcement(
  PROJECT,
  fileURLToPath(new URL('./fixtures/indexes/enforcement.indexes.json', import.meta.url)),
  async (store) => {
    for (const [id, data] of Object.entries({
      a: { done: false, rank: 1, owner: 'u1', tags: ['x'] },
      b: { done: false, rank: 2, owner: 'u2', tags: ['x', 'y'] },
      c: { done: true, rank: 3, owner: 'u1', tags: ['y'] },
    }))
      await store.doc(`lists/l1/tasks/${id}`).set(data);
  },
);
let db: Firestore;
let off: Firestore;
/** For the tests of the index file itself. */
let dir: string;
beforeAll(async () => {
  ({ db, off } = indexed);
  dir = await mkdtemp(path.join(tmpdir(), 'hearth-indexes-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const tasks = (store: Firestore) => store.collection('lists/l1/tasks');
const ids = async (query: Query) => (await query.get()).docs.map((d) => d.id);
const missing = (harness: Harness) => missingIndexes(harness, PROJECT);
/** A RunQuery over REST, as the owner, on the documents below `parent` ('' for the root). */
const restRunQuery = (harness: Harness, parent: string, structuredQuery: object) =>
  fetch(
    `http://${harness.hostPort}/v1/projects/${PROJECT}/databases/(default)/documents${parent}:runQuery`,
    {
      method: 'POST',
      headers: { Authorization: 'Bearer owner', 'Content-Type': 'application/json' },
      body: JSON.stringify({ structuredQuery }),
    },
  );

describe('with enforcement on', () => {
  it('refuses a query whose composite index is not declared, with the link, over gRPC', async () => {
    const query = tasks(db).where('owner', '==', 'u1').orderBy('rank');
    await expect(query.get()).rejects.toThrow(LINK);
    await expect(query.count().get()).rejects.toThrow(LINK);
  });

  it('refuses it to a listener', async () => {
    const query = tasks(db).where('done', '==', false).orderBy('owner');
    const error = await new Promise<Error>((resolve, reject) => {
      const stop = query.onSnapshot(() => {
        stop();
        reject(new Error('the listener got a snapshot'));
      }, resolve);
    });
    // firebase-admin's listener says the status by number: "Error 9: ...".
    expect(error.message).toMatch(
      new RegExp(LINK.source.replace('^9 FAILED_PRECONDITION', '^Error 9')),
    );
  });

  it('refuses it to a browser listening over WebChannel (the target removed with the cause)', async () => {
    const database = `projects/${PROJECT}/databases/(default)`;
    const client = webChannel(`http://${indexed.enforcing.hostPort}`, database);
    const sid = await client.open(
      'Listen',
      [
        {
          database,
          addTarget: {
            targetId: 2,
            query: {
              parent: `${database}/documents/lists/l1`,
              structuredQuery: {
                from: [{ collectionId: 'tasks' }],
                where: fieldFilter('owner', 'EQUAL', str('u1')),
                orderBy: [orderBy('rank', 'DESCENDING')],
              },
            },
          },
        },
      ],
      'Authorization:Bearer owner\r\n',
    );
    const removed = (payloads: unknown[]) =>
      payloads.find(
        (p) =>
          (p as { targetChange?: { targetChangeType?: string } }).targetChange?.targetChangeType ===
          'REMOVE',
      ) as { targetChange: { cause: { code: number; message: string } } } | undefined;
    const payloads = await client.receiveUntil('Listen', sid, (received) => !!removed(received));
    const cause = removed(payloads)?.targetChange.cause;
    expect(cause?.code).toBe(9);
    expect(cause?.message).toMatch(
      new RegExp(LINK.source.replace('^9 FAILED_PRECONDITION: ', '^')),
    );
  });

  it('refuses it over REST with HTTP 400 FAILED_PRECONDITION', async () => {
    const res = await restRunQuery(indexed.enforcing, '/lists/l1', {
      from: [{ collectionId: 'tasks' }],
      orderBy: [{ field: { fieldPath: 'owner' } }, { field: { fieldPath: 'rank' } }],
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as unknown;
    expect(JSON.stringify(body)).toContain('FAILED_PRECONDITION');
    expect(JSON.stringify(body)).toContain(
      'The query requires an index. You can create it here: https://console.firebase.google.com/v1/r/project/demo-index-enforcement/firestore/indexes?create_composite=',
    );
  });

  it('serves the queries its declared indexes serve', async () => {
    expect(await ids(tasks(db).where('done', '==', false).orderBy('rank', 'desc'))).toEqual([
      'b',
      'a',
    ]);
    expect(
      (await tasks(db).where('done', '==', false).orderBy('rank', 'desc').count().get()).data()
        .count,
    ).toBe(2);
    expect(
      await ids(db.collectionGroup('tasks').where('tags', 'array-contains', 'x').orderBy('rank')),
    ).toEqual(['a', 'b']);
  });

  it('never refuses equality-only or single-field queries', async () => {
    expect(await ids(tasks(db).where('owner', '==', 'u1').where('done', '==', true))).toEqual([
      'c',
    ]);
    expect(await ids(tasks(db).where('tags', 'array-contains', 'y'))).toEqual(['b', 'c']);
    expect(await ids(tasks(db).where('rank', '>', 1))).toEqual(['b', 'c']);
    expect(await ids(tasks(db).orderBy('rank', 'desc').limit(2))).toEqual(['c', 'b']);
    expect(await ids(tasks(db).where('owner', 'in', ['u1', 'u2']))).toEqual(['a', 'b', 'c']);
    expect(await ids(tasks(db))).toEqual(['a', 'b', 'c']);
  });

  it('asks collection-group queries for collection-group indexes', async () => {
    // A name-order scan needs none; an equality needs the collection-group single-field index,
    // which the override enables for owner and nothing enables for done.
    expect(await ids(db.collectionGroup('tasks'))).toEqual(['a', 'b', 'c']);
    expect(await ids(db.collectionGroup('tasks').where('owner', '==', 'u2'))).toEqual(['b']);
    await expect(db.collectionGroup('tasks').where('done', '==', true).get()).rejects.toThrow(
      /^9 FAILED_PRECONDITION: The query requires a COLLECTION_GROUP_ASC index for collection tasks and field done\. You can create it here: https:\/\/console\.firebase\.google\.com\/v1\/r\/project\/demo-index-enforcement\/firestore\/indexes\?create_exemption=[\w-]+$/,
    );
    // The one-collection index on (done, rank) does not serve the collection group.
    await expect(
      db.collectionGroup('tasks').where('done', '==', false).orderBy('rank', 'desc').get(),
    ).rejects.toThrow(LINK);
  });

  it('lists each missing index once, ready to paste into firestore.indexes.json', async () => {
    await expect(tasks(db).where('owner', '==', 'u1').orderBy('rank').get()).rejects.toThrow();
    const listed = await missing(indexed.enforcing);
    expect(listed.enforced).toBe(true);
    const composite = (queryScope: string, ...fields: [string, string][]) => ({
      collectionGroup: 'tasks',
      queryScope,
      fields: fields.map(([fieldPath, order]) => ({ fieldPath, order })),
    });
    // The gRPC and the REST query need the same index: it is listed once.
    expect(listed.indexes).toEqual([
      composite('COLLECTION', ['owner', 'ASCENDING'], ['rank', 'ASCENDING']),
      composite('COLLECTION', ['done', 'ASCENDING'], ['owner', 'ASCENDING']),
      composite('COLLECTION', ['owner', 'ASCENDING'], ['rank', 'DESCENDING']),
      composite('COLLECTION_GROUP', ['done', 'ASCENDING'], ['rank', 'DESCENDING']),
    ]);
    // A field override keeps the automatic indexes the field had and adds the one missing.
    expect(listed.fieldOverrides).toEqual([
      {
        collectionGroup: 'tasks',
        fieldPath: 'done',
        indexes: [
          { order: 'ASCENDING', queryScope: 'COLLECTION' },
          { order: 'DESCENDING', queryScope: 'COLLECTION' },
          { arrayConfig: 'CONTAINS', queryScope: 'COLLECTION' },
          { order: 'ASCENDING', queryScope: 'COLLECTION_GROUP' },
        ],
      },
    ]);
  });
});

describe('with enforcement off (the default)', () => {
  it('serves every query, lists nothing', async () => {
    expect(await ids(tasks(off).where('owner', '==', 'u1').orderBy('rank'))).toEqual(['a', 'c']);
    expect(await ids(off.collectionGroup('tasks').where('done', '==', true))).toEqual(['c']);
    expect(await missing(indexed.lenient)).toEqual({
      enforced: false,
      indexes: [],
      fieldOverrides: [],
    });
  });
});

describe('the index file', () => {
  const restQuery = (harness: Harness) =>
    restRunQuery(harness, '', {
      from: [{ collectionId: 'notes' }],
      orderBy: [{ field: { fieldPath: 'a' } }, { field: { fieldPath: 'b' } }],
    }).then((res) => res.status);
  const until = async (check: () => Promise<boolean>) => {
    for (let i = 0; i < 100 && !(await check()); i++)
      await new Promise((resolve) => setTimeout(resolve, 50));
  };

  it('is watched: an index added takes effect, an edit that does not parse leaves the previous', async () => {
    const file = path.join(dir, 'watched.indexes.json');
    await writeFile(file, JSON.stringify({ indexes: [], fieldOverrides: [] }));
    const lines: string[] = [];
    const harness = await startHarness({
      enforceIndexes: true,
      indexesFile: file,
      log: (line) => lines.push(line),
    });
    try {
      expect(await restQuery(harness)).toBe(400);
      const index = {
        collectionGroup: 'notes',
        queryScope: 'COLLECTION',
        fields: [
          { fieldPath: 'a', order: 'ASCENDING' },
          { fieldPath: 'b', order: 'ASCENDING' },
        ],
      };
      await writeFile(file, JSON.stringify({ indexes: [index], fieldOverrides: [] }));
      await until(async () => (await restQuery(harness)) === 200);
      expect(await restQuery(harness)).toBe(200);
      await writeFile(file, '{"indexes": [{"collectionGroup": 7}]}');
      await until(async () => lines.some((line) => line.includes('the previous indexes stay')));
      expect(lines.find((line) => line.includes('the previous indexes stay'))).toContain(
        'indexes[0].collectionGroup must be a non-empty string',
      );
      expect(await restQuery(harness)).toBe(200);
    } finally {
      await harness.close();
    }
  });

  it('stops the start when malformed and enforced, naming the entry; is not read when off', async () => {
    const file = path.join(dir, 'bad.indexes.json');
    await writeFile(
      file,
      '{"indexes": [{"collectionGroup": "c", "fields": [{"fieldPath": "a", "order": "UP"}]}]}',
    );
    await expect(startHarness({ enforceIndexes: true, indexesFile: file })).rejects.toThrow(
      `The index file ${file} is not valid: indexes[0].fields[0].order must be ASCENDING or DESCENDING.`,
    );
    const harness = await startHarness({ indexesFile: file });
    await harness.close();
  });
});
