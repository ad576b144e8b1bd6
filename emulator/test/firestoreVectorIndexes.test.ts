/**
 * Vector indexes under index enforcement: with it on, findNearest needs a vector index declared in
 * firestore.indexes.json (the vector field, the query vector's dimension, led by the pre-filter
 * fields); without one it fails with FAILED_PRECONDITION and the gcloud command that creates it,
 * and the index is listed by `:missingIndexes`. Off, every findNearest is served.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { FieldValue, type Firestore } from 'firebase-admin/firestore';
import { missingIndexes, useIndexEnforcement } from './firestoreHarness.js';

const PROJECT = 'demo-vector-indexes';
const vectors = useIndexEnforcement(
  PROJECT,
  fileURLToPath(new URL('./fixtures/indexes/vector.indexes.json', import.meta.url)),
  async (store) => {
    await store.doc('items/a').set({ embedding: FieldValue.vector([1, 0, 0]), category: 'x' });
    await store.doc('items/b').set({ embedding: FieldValue.vector([0, 1, 0]), category: 'y' });
    await store.doc('items/c').set({ embedding: FieldValue.vector([1, 1, 0, 0]), category: 'x' });
  },
);

const search = (store: Firestore, queryVector: number[], category?: string, field = 'category') =>
  (category === undefined
    ? store.collection('items')
    : store.collection('items').where(field, '==', category)
  ).findNearest({ vectorField: 'embedding', queryVector, limit: 5, distanceMeasure: 'EUCLIDEAN' });

const COMMAND =
  'Missing vector index configuration. Please create the required index with the following gcloud command: gcloud firestore indexes composite create --project=demo-vector-indexes --collection-group=items --query-scope=COLLECTION';

describe('with index enforcement on', () => {
  it('serves findNearest that a declared vector index serves, with or without its pre-filter', async () => {
    const all = await search(vectors.db, [1, 0, 0]).get();
    expect(all.docs.map((d) => d.id)).toEqual(['a', 'b']);
    const x = await search(vectors.db, [0, 1, 0], 'x').get();
    expect(x.docs.map((d) => d.id)).toEqual(['a']);
  });

  // The SDK takes ~7 s to give up on a refused RunQuery stream, so the refusals run at once.
  it('refuses another dimension or another pre-filter field with the gcloud command', async () => {
    await Promise.all([
      expect(search(vectors.db, [1, 1, 0, 0]).get()).rejects.toThrow(
        `9 FAILED_PRECONDITION: ${COMMAND} --field-config=field-path=embedding,vector-config='{"dimension":"4","flat":"{}"}'`,
      ),
      expect(search(vectors.db, [1, 0, 0], 'u1', 'owner').get()).rejects.toThrow(
        `9 FAILED_PRECONDITION: ${COMMAND} --field-config=field-path=owner,order=ascending --field-config=field-path=embedding,vector-config='{"dimension":"3","flat":"{}"}'`,
      ),
    ]);
    const listed = await missingIndexes(vectors.enforcing, PROJECT);
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
    expect((await search(vectors.off, [1, 1, 0, 0]).get()).docs.map((d) => d.id)).toEqual(['c']);
    expect((await search(vectors.off, [1, 0, 0], 'u1', 'owner').get()).size).toBe(0);
  });
});
