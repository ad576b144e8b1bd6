/**
 * findNearest (vector search) through the real @google-cloud/firestore SDK (firebase-admin's
 * Firestore) over gRPC, and over REST: every distance measure against a brute-force reference on
 * 200 seeded random vectors (same order, distances within 1e-9), the distance threshold, the
 * distance result field, pre-filters, documents without a vector of the query's dimension, and
 * the INVALID_ARGUMENT answers to what production refuses.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FieldValue, type Firestore, type Query } from 'firebase-admin/firestore';
import type { VectorQuery } from '@google-cloud/firestore';
import { seededRandom } from '../src/testing/seededRandom.js';
import { rawClient } from './firestoreGrpcClient.js';
import { startHarness, type Harness } from './firestoreHarness.js';
import { fieldFilter, str } from './wireMessages.js';

const PROJECT = 'demo-vector-search';
const DIMENSION = 8;
const COUNT = 200;
type Measure = 'EUCLIDEAN' | 'COSINE' | 'DOT_PRODUCT';
const MEASURES: Measure[] = ['EUCLIDEAN', 'COSINE', 'DOT_PRODUCT'];

interface Item {
  id: string;
  vector: number[];
  category: 'a' | 'b';
}

const { random } = seededRandom(20261204);
const randomVector = (dimension: number): number[] =>
  Array.from({ length: dimension }, () => random() * 2 - 1);
const items: Item[] = Array.from({ length: COUNT }, (_, i) => ({
  id: `v${String(i).padStart(3, '0')}`,
  vector: randomVector(DIMENSION),
  category: i % 3 === 0 ? 'a' : 'b',
}));
// Two documents with the same vector as v000: equal distances, ordered by name.
items.push({ id: 'twin1', vector: [...items[0]!.vector], category: 'b' });
items.push({ id: 'twin2', vector: [...items[0]!.vector], category: 'b' });

/** The reference: the definitions, computed by hand. */
function distance(measure: Measure, a: number[], b: number[]): number {
  const dot = a.reduce((s, x, i) => s + x * b[i]!, 0);
  if (measure === 'DOT_PRODUCT') return dot;
  if (measure === 'EUCLIDEAN') return Math.sqrt(a.reduce((s, x, i) => s + (x - b[i]!) ** 2, 0));
  const norm = (v: number[]) => Math.sqrt(v.reduce((s, x) => s + x * x, 0));
  return 1 - dot / (norm(a) * norm(b));
}

function reference(
  measure: Measure,
  query: number[],
  limit: number,
  keep: (item: Item) => boolean = () => true,
  threshold?: number,
): { id: string; distance: number }[] {
  const larger = measure === 'DOT_PRODUCT';
  return items
    .filter(keep)
    .map((item) => ({ id: item.id, distance: distance(measure, query, item.vector) }))
    .filter(
      (r) =>
        threshold === undefined || (larger ? r.distance >= threshold : r.distance <= threshold),
    )
    .sort(
      (x, y) =>
        (larger ? y.distance - x.distance : x.distance - y.distance) ||
        (x.id < y.id ? -1 : x.id > y.id ? 1 : 0),
    )
    .slice(0, limit);
}

let harness: Harness;
let db: Firestore;

async function results(query: VectorQuery, field = 'distance') {
  const snap = await query.get();
  return snap.docs.map((d) => ({ id: d.id, distance: d.get(field) as number }));
}

function expectSame(
  got: { id: string; distance: number }[],
  want: { id: string; distance: number }[],
): void {
  expect(got.map((r) => r.id)).toEqual(want.map((r) => r.id));
  got.forEach((r, i) => expect(Math.abs(r.distance - want[i]!.distance)).toBeLessThan(1e-9));
}

beforeAll(async () => {
  harness = await startHarness();
  db = harness.admin(PROJECT);
  const batch = db.batch();
  for (const item of items)
    batch.set(db.doc(`items/${item.id}`), {
      embedding: FieldValue.vector(item.vector),
      category: item.category,
    });
  // Not vectors of dimension 8: skipped by an 8-dimension search.
  batch.set(db.doc('items/short1'), {
    embedding: FieldValue.vector([1, 0, 0, 0]),
    category: 'a',
  });
  batch.set(db.doc('items/short2'), {
    embedding: FieldValue.vector([0, 1, 0, 0]),
    category: 'a',
  });
  batch.set(db.doc('items/array'), { embedding: items[1]!.vector, category: 'a' });
  batch.set(db.doc('items/text'), { embedding: 'not a vector', category: 'a' });
  batch.set(db.doc('items/none'), { category: 'a' });
  batch.set(db.doc('items/zero'), {
    embedding: FieldValue.vector(new Array<number>(DIMENSION).fill(0)),
    category: 'c',
  });
  await batch.commit();
}, 30_000);
afterAll(() => harness.close());

const items8 = (item: Item) => item.vector.length === DIMENSION;
/** `query`'s `limit` nearest by EUCLIDEAN distance on `embedding`, with it in `distanceResultField` if named. */
const euclidean = (
  query: Query,
  queryVector: number[],
  limit: number,
  distanceResultField?: string,
): VectorQuery =>
  query.findNearest({
    vectorField: 'embedding',
    queryVector,
    limit,
    distanceMeasure: 'EUCLIDEAN',
    ...(distanceResultField === undefined ? {} : { distanceResultField }),
  });

describe('findNearest against a brute-force reference', () => {
  for (const measure of MEASURES) {
    it(`${measure}: the nearest in order, with their distances`, async () => {
      const query = randomVector(DIMENSION);
      const got = await results(
        db.collection('items').findNearest({
          vectorField: 'embedding',
          queryVector: query,
          limit: 50,
          distanceMeasure: measure,
          distanceResultField: 'distance',
        }),
      );
      let want = reference(measure, query, 50, items8);
      if (measure !== 'COSINE') {
        // The zero vector has a distance under EUCLIDEAN and DOT_PRODUCT (not under COSINE).
        const zero = { id: 'zero', distance: measure === 'EUCLIDEAN' ? Math.hypot(...query) : 0 };
        want = [...want, zero]
          .sort((x, y) =>
            measure === 'DOT_PRODUCT' ? y.distance - x.distance : x.distance - y.distance,
          )
          .slice(0, 50);
      }
      expect(got).toHaveLength(50);
      expectSame(got, want);
    });
  }

  it('ties are ordered by document name, and limit 1000 returns every candidate', async () => {
    const got = await results(
      db
        .collection('items')
        .where('category', 'in', ['a', 'b'])
        .findNearest({
          vectorField: 'embedding',
          queryVector: FieldValue.vector(items[0]!.vector),
          limit: 1000,
          distanceMeasure: 'EUCLIDEAN',
          distanceResultField: 'distance',
        }),
    );
    expect(got.slice(0, 3).map((r) => r.id)).toEqual(['twin1', 'twin2', 'v000']);
    expect(got.slice(0, 3).every((r) => r.distance === 0)).toBe(true);
    expectSame(got, reference('EUCLIDEAN', items[0]!.vector, 1000));
  });
});

describe('findNearest options', () => {
  it('distanceThreshold keeps distance <= threshold for EUCLIDEAN and COSINE', async () => {
    const query = randomVector(DIMENSION);
    for (const [measure, threshold] of [
      ['EUCLIDEAN', 1.9],
      ['COSINE', 0.6],
    ] as const) {
      const want = reference(measure, query, 1000, items8, threshold);
      expect(want.length).toBeGreaterThan(0);
      expect(want.length).toBeLessThan(COUNT / 2);
      // (The zero vector, in category c, is left out.)
      const got = await results(
        db.collection('items').where('category', 'in', ['a', 'b']).findNearest({
          vectorField: 'embedding',
          queryVector: query,
          limit: 1000,
          distanceMeasure: measure,
          distanceResultField: 'distance',
          distanceThreshold: threshold,
        }),
      );
      expectSame(got, want);
    }
  });

  it('distanceThreshold keeps distance >= threshold for DOT_PRODUCT', async () => {
    const query = randomVector(DIMENSION);
    const want = reference('DOT_PRODUCT', query, 1000, items8, 0.8);
    expect(want.length).toBeGreaterThan(0);
    const got = await results(
      db.collection('items').findNearest({
        vectorField: 'embedding',
        queryVector: query,
        limit: 1000,
        distanceMeasure: 'DOT_PRODUCT',
        distanceResultField: 'distance',
        distanceThreshold: 0.8,
      }),
    );
    expectSame(got, want);
    expect(got.every((r) => r.distance >= 0.8)).toBe(true);
  });

  it('a where() filter applies before the search (a pre-filter)', async () => {
    const query = randomVector(DIMENSION);
    const got = await results(
      db.collection('items').where('category', '==', 'a').findNearest({
        vectorField: 'embedding',
        queryVector: query,
        limit: 10,
        distanceMeasure: 'COSINE',
        distanceResultField: 'distance',
      }),
    );
    expect(got).toHaveLength(10);
    expectSame(
      got,
      reference('COSINE', query, 10, (item) => item.category === 'a'),
    );
  });

  it('the distance result field may be nested, and the documents keep their fields', async () => {
    const query = randomVector(DIMENSION);
    const snap = await euclidean(db.collection('items'), query, 3, 'meta.distance').get();
    const want = reference('EUCLIDEAN', query, 3, items8);
    expect(snap.docs.map((d) => d.id)).toEqual(want.map((r) => r.id));
    for (const [i, doc] of snap.docs.entries()) {
      expect(Math.abs((doc.get('meta.distance') as number) - want[i]!.distance)).toBeLessThan(1e-9);
      expect(doc.get('category')).toMatch(/^[ab]$/);
    }
    // Nothing was written: the stored document has no distance.
    const stored = await db.doc(`items/${want[0]!.id}`).get();
    expect(stored.get('meta')).toBeUndefined();
  });

  it('without a result field the documents come back as stored', async () => {
    const snap = await euclidean(db.collection('items'), items[5]!.vector, 1).get();
    expect(snap.docs.map((d) => d.id)).toEqual(['v005']);
    expect(Object.keys(snap.docs[0]!.data()).sort()).toEqual(['category', 'embedding']);
  });

  it('skips documents whose field is not a vector of the query vector’s dimension', async () => {
    const got = await results(euclidean(db.collection('items'), [1, 0, 0, 0], 100, 'distance'));
    expect(got).toEqual([
      { id: 'short1', distance: 0 },
      { id: 'short2', distance: Math.SQRT2 },
    ]);
    const eight = await results(
      euclidean(db.collection('items').where('category', '==', 'a'), randomVector(DIMENSION), 1000),
    );
    const ids = eight.map((r) => r.id);
    for (const skipped of ['short1', 'short2', 'array', 'text', 'none'])
      expect(ids).not.toContain(skipped);
    expect(ids).toHaveLength(items.filter((i) => i.category === 'a').length);
  });
});

describe('scope and limits', () => {
  it('a collection-group findNearest searches every collection of that id', async () => {
    await db.doc('other/o1/items/deep').set({
      embedding: FieldValue.vector(items[9]!.vector),
      category: 'b',
    });
    try {
      const got = await euclidean(db.collectionGroup('items'), items[9]!.vector, 2).get();
      expect(got.docs.map((d) => d.ref.path)).toEqual(['items/v009', 'other/o1/items/deep']);
    } finally {
      await db.doc('other/o1/items/deep').delete();
    }
  });

  it("the query's own limit, when smaller, caps the results", async () => {
    const query = randomVector(DIMENSION);
    const got = await results(euclidean(db.collection('items').limit(4), query, 20, 'distance'));
    expectSame(got, reference('EUCLIDEAN', query, 4, items8));
  });
});

describe('what production refuses', () => {
  const options = {
    vectorField: 'embedding',
    limit: 10,
    distanceMeasure: 'EUCLIDEAN',
  } as const;

  // The SDK takes ~7 s to give up on a refused RunQuery stream, so the refusals run at once.
  it('a limit above 1000, more than 2048 dimensions, orderBy, offset or a cursor', async () => {
    const items = db.collection('items');
    const queryVector = randomVector(DIMENSION);
    await Promise.all([
      expect(items.findNearest({ ...options, queryVector, limit: 1001 }).get()).rejects.toThrow(
        /^3 INVALID_ARGUMENT: findNearest's limit must be a positive integer of no more than 1000; it is 1001\.$/,
      ),
      expect(
        items.findNearest({ ...options, queryVector: new Array<number>(2049).fill(0.5) }).get(),
      ).rejects.toThrow(
        /^3 INVALID_ARGUMENT: findNearest's query vector has 2049 dimensions; at most 2048 are supported\.$/,
      ),
      expect(
        items
          .orderBy('category')
          .findNearest({ ...options, queryVector })
          .get(),
      ).rejects.toThrow(/^3 INVALID_ARGUMENT: A findNearest query cannot also have an order by/),
      expect(
        items
          .offset(2)
          .findNearest({ ...options, queryVector })
          .get(),
      ).rejects.toThrow(/^3 INVALID_ARGUMENT: A findNearest query cannot have an offset\.$/),
      expect(
        items
          .orderBy('__name__')
          .startAt('v010')
          .findNearest({ ...options, queryVector })
          .get(),
      ).rejects.toThrow(/^3 INVALID_ARGUMENT: A findNearest query cannot/),
    ]);
    // 2048 dimensions are allowed (no document has that many).
    const wide = await items
      .findNearest({ ...options, queryVector: new Array<number>(2048).fill(0.5) })
      .get();
    expect(wide.size).toBe(0);
  }, 30_000);
});

describe('over REST', () => {
  const runQuery = (structuredQuery: unknown, method = 'runQuery') =>
    fetch(
      `http://${harness.hostPort}/v1/projects/${PROJECT}/databases/(default)/documents:${method}`,
      {
        method: 'POST',
        headers: { Authorization: 'Bearer owner', 'Content-Type': 'application/json' },
        body: JSON.stringify(
          method === 'runQuery'
            ? { structuredQuery }
            : {
                structuredAggregationQuery: {
                  structuredQuery,
                  aggregations: [{ alias: 'n', count: {} }],
                },
              },
        ),
      },
    );
  const vectorValue = (numbers: number[]) => ({
    mapValue: {
      fields: {
        __type__: { stringValue: '__vector__' },
        value: { arrayValue: { values: numbers.map((doubleValue) => ({ doubleValue })) } },
      },
    },
  });
  const findNearest = (extra: object = {}) => ({
    vectorField: { fieldPath: 'embedding' },
    queryVector: vectorValue(items[7]!.vector),
    distanceMeasure: 'DOT_PRODUCT',
    limit: 5,
    distanceResultField: 'score',
    ...extra,
  });

  it('answers as gRPC does', async () => {
    const res = await runQuery({ from: [{ collectionId: 'items' }], findNearest: findNearest() });
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      document: { name: string; fields: Record<string, { doubleValue: number }> };
    }[];
    const got = body.map((r) => ({
      id: r.document.name.split('/').at(-1)!,
      distance: r.document.fields['score']!.doubleValue,
    }));
    expectSame(got, reference('DOT_PRODUCT', items[7]!.vector, 5, items8));
  });

  it('with a select, returns the selected fields and the distance', async () => {
    const res = await runQuery({
      from: [{ collectionId: 'items' }],
      select: { fields: [{ fieldPath: 'category' }] },
      findNearest: findNearest({ limit: 2 }),
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { document: { fields: Record<string, unknown> } }[];
    expect(body).toHaveLength(2);
    for (const r of body)
      expect(Object.keys(r.document.fields).sort()).toEqual(['category', 'score']);
  });

  it('refuses limit 0 (which the SDK refuses itself) and a missing distance measure', async () => {
    const zero = await runQuery({
      from: [{ collectionId: 'items' }],
      findNearest: findNearest({ limit: 0 }),
    });
    expect(zero.status).toBe(400);
    expect(await zero.text()).toContain('limit must be a positive integer of no more than 1000');
    const noMeasure = await runQuery({
      from: [{ collectionId: 'items' }],
      findNearest: findNearest({ distanceMeasure: undefined }),
    });
    expect(noMeasure.status).toBe(400);
    expect(await noMeasure.text()).toContain('distanceMeasure');
    const notVector = await runQuery({
      from: [{ collectionId: 'items' }],
      findNearest: findNearest({ queryVector: { arrayValue: { values: [{ doubleValue: 1 }] } } }),
    });
    expect(notVector.status).toBe(400);
    expect(await notVector.text()).toContain('Query Value must be of type vector.');
  });

  it('a count over a findNearest query counts its results', async () => {
    const res = await runQuery(
      {
        from: [{ collectionId: 'items' }],
        where: fieldFilter('category', 'EQUAL', str('a')),
        findNearest: findNearest({ limit: 1000, distanceMeasure: 'EUCLIDEAN' }),
      },
      'runAggregationQuery',
    );
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      result: { aggregateFields: { n: { integerValue: string } } };
    }[];
    expect(body[0]!.result.aggregateFields.n.integerValue).toBe(
      String(items.filter((i) => i.category === 'a').length),
    );
  });
});

describe('Listen', () => {
  it('refuses a findNearest target (vector queries are one-time reads) with its cause', async () => {
    const client = rawClient(harness.hostPort);
    try {
      const first = await new Promise<Record<string, unknown>>((resolve, reject) => {
        const call = client.bidi('Listen');
        call.on('data', (r: Record<string, unknown>) => {
          call.cancel();
          resolve(r);
        });
        call.on('error', (e: { code?: number }) => (e.code === 1 ? undefined : reject(e)));
        call.write({
          database: `projects/${PROJECT}/databases/(default)`,
          addTarget: {
            targetId: 3,
            query: {
              parent: `projects/${PROJECT}/databases/(default)/documents`,
              structuredQuery: {
                from: [{ collectionId: 'items' }],
                findNearest: {
                  vectorField: { fieldPath: 'embedding' },
                  queryVector: {
                    mapValue: {
                      fields: {
                        __type__: { stringValue: '__vector__' },
                        value: { arrayValue: { values: [{ doubleValue: 1 }] } },
                      },
                    },
                  },
                  distanceMeasure: 'EUCLIDEAN',
                  limit: { value: 3 },
                },
              },
            },
          },
        });
      });
      expect(first['targetChange']).toMatchObject({
        targetChangeType: 'REMOVE',
        targetIds: [3],
        cause: {
          code: 3,
          message:
            'A findNearest (vector) query cannot be listened to; run it with RunQuery instead.',
        },
      });
    } finally {
      client.close();
    }
  });
});
