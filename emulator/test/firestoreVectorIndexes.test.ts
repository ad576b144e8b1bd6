/**
 * Vector indexes under index enforcement: with it on, findNearest needs a vector index declared in
 * firestore.indexes.json (the vector field, the query vector's dimension, led by the pre-filter
 * fields); without one it fails with FAILED_PRECONDITION and the gcloud command that creates it,
 * and the index is listed by `:missingIndexes`. Off, every findNearest is served.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FieldValue, type Firestore } from 'firebase-admin/firestore';
import { http, startHarness, type Harness } from './firestoreHarness.js';

const PROJECT = 'demo-vector-indexes';
const declared = {
  indexes: [
    {
      collectionGroup: 'items',
      queryScope: 'COLLECTION',
      fields: [{ fieldPath: 'embedding', vectorConfig: { dimension: 3, flat: {} } }],
    },
    {
      collectionGroup: 'items',
      queryScope: 'COLLECTION',
      fields: [
        { fieldPath: 'category', order: 'ASCENDING' },
        { fieldPath: 'embedding', vectorConfig: { dimension: 3, flat: {} } },
      ],
    },
  ],
  fieldOverrides: [],
};

let dir: string;
let enforcing: Harness;
let lenient: Harness;
let db: Firestore;
let off: Firestore;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'hearth-vector-indexes-'));
  const indexesFile = path.join(dir, 'firestore.indexes.json');
  await writeFile(indexesFile, JSON.stringify(declared));
  // Each client right after its emulator: the SDK reads FIRESTORE_EMULATOR_HOST when made.
  enforcing = await startHarness({ enforceIndexes: true, indexesFile });
  db = enforcing.admin(PROJECT);
  lenient = await startHarness({ indexesFile });
  off = lenient.admin(PROJECT);
  for (const store of [db, off]) {
    await store.doc('items/a').set({ embedding: FieldValue.vector([1, 0, 0]), category: 'x' });
    await store.doc('items/b').set({ embedding: FieldValue.vector([0, 1, 0]), category: 'y' });
    await store.doc('items/c').set({ embedding: FieldValue.vector([1, 1, 0, 0]), category: 'x' });
  }
});
afterAll(async () => {
  await enforcing?.close();
  await lenient?.close();
  await rm(dir, { recursive: true, force: true });
});

const search = (store: Firestore, queryVector: number[], category?: string, field = 'category') =>
  (category === undefined
    ? store.collection('items')
    : store.collection('items').where(field, '==', category)
  ).findNearest({ vectorField: 'embedding', queryVector, limit: 5, distanceMeasure: 'EUCLIDEAN' });

const COMMAND =
  'Missing vector index configuration. Please create the required index with the following gcloud command: gcloud firestore indexes composite create --project=demo-vector-indexes --collection-group=items --query-scope=COLLECTION';

describe('with index enforcement on', () => {
  it('serves findNearest that a declared vector index serves, with or without its pre-filter', async () => {
    const all = await search(db, [1, 0, 0]).get();
    expect(all.docs.map((d) => d.id)).toEqual(['a', 'b']);
    const x = await search(db, [0, 1, 0], 'x').get();
    expect(x.docs.map((d) => d.id)).toEqual(['a']);
  });

  // The SDK takes ~7 s to give up on a refused RunQuery stream, so the refusals run at once.
  it('refuses another dimension or another pre-filter field with the gcloud command', async () => {
    await Promise.all([
      expect(search(db, [1, 1, 0, 0]).get()).rejects.toThrow(
        `9 FAILED_PRECONDITION: ${COMMAND} --field-config=field-path=embedding,vector-config='{"dimension":"4","flat":"{}"}'`,
      ),
      expect(search(db, [1, 0, 0], 'u1', 'owner').get()).rejects.toThrow(
        `9 FAILED_PRECONDITION: ${COMMAND} --field-config=field-path=owner,order=ascending --field-config=field-path=embedding,vector-config='{"dimension":"3","flat":"{}"}'`,
      ),
    ]);
    const listed = JSON.parse(
      (await http(enforcing.hostPort, 'GET', `/emulator/v1/projects/${PROJECT}:missingIndexes`))
        .text,
    ) as { indexes: unknown[] };
    expect(listed.indexes).toEqual(
      expect.arrayContaining([
        {
          collectionGroup: 'items',
          queryScope: 'COLLECTION',
          fields: [{ fieldPath: 'embedding', vectorConfig: { dimension: 4, flat: {} } }],
        },
        {
          collectionGroup: 'items',
          queryScope: 'COLLECTION',
          fields: [
            { fieldPath: 'owner', order: 'ASCENDING' },
            { fieldPath: 'embedding', vectorConfig: { dimension: 3, flat: {} } },
          ],
        },
      ]),
    );
  }, 30_000);
});

describe('with index enforcement off', () => {
  it('serves every findNearest', async () => {
    expect((await search(off, [1, 1, 0, 0]).get()).docs.map((d) => d.id)).toEqual(['c']);
    expect((await search(off, [1, 0, 0], 'u1', 'owner').get()).size).toBe(0);
  });
});
