/**
 * One data set through every query feature, checking the exact result order Firestore gives:
 * cross-type ordering, every operator, composite filters, several inequality fields with their
 * implicit ordering, cursors, limits, offsets, projections, collection groups and aggregations.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AggregateField,
  FieldPath,
  Filter,
  GeoPoint,
  Timestamp,
  type Firestore,
  type Query,
} from 'firebase-admin/firestore';
import { startHarness, type Harness } from './firestoreHarness.js';

let harness: Harness;
let db: Firestore;

const ids = async (q: Query): Promise<string[]> => (await q.get()).docs.map((d) => d.id);

beforeAll(async () => {
  harness = await startHarness();
  db = harness.admin('demo-fs-queries');
  const mixed: Record<string, unknown> = {
    m01: null,
    m02: false,
    m03: true,
    m04: NaN,
    m05: -Infinity,
    m06: -1,
    m07: 0,
    m08: 1.5,
    m09: 2,
    m10: Infinity,
    m11: Timestamp.fromMillis(0),
    m12: '',
    m13: 'a',
    m14: '\uffff',
    m15: '😀',
    m16: Buffer.from([1]),
    m17: db.doc('x/y'),
    m18: new GeoPoint(1, 1),
    m19: [1],
    m20: { a: 1 },
  };
  const batch = db.batch();
  // Ids are written in reverse so that insertion order cannot pass for ordering.
  for (const id of Object.keys(mixed).reverse())
    batch.set(db.collection('mixed').doc(id), { v: mixed[id] });
  batch.set(db.doc('mixed/m00'), { other: 1 });
  const rows: [string, number, number, string, string[]][] = [
    ['r1', 1, 9, 'red', ['a']],
    ['r2', 2, 8, 'blue', ['b', 'a']],
    ['r3', 2, 7, 'red', []],
    ['r4', 3, 6, 'green', ['c']],
    ['r5', 4, 5, 'blue', ['a', 'c']],
    ['r6', 5, 4, 'red', ['b']],
  ];
  for (const [id, a, b, color, tags] of rows)
    batch.set(db.collection('rows').doc(id), { a, b, color, tags, f: a + 0.5 });
  batch.set(db.doc('rows/r7'), { a: 1.0, b: 1, color: 'red', tags: [], f: 1 });
  batch.set(db.doc('groups/g1/items/i1'), { n: 2 });
  batch.set(db.doc('groups/g2/items/i2'), { n: 1 });
  batch.set(db.doc('groups/g2/items/i2/items/i3'), { n: 3 });
  batch.set(db.doc('items/i0'), { n: 0 });
  await batch.commit();
});
afterAll(() => harness.close());

describe('ordering across types', () => {
  it('orders null < booleans < numbers (NaN first) < timestamps < strings (UTF-8) < bytes < references < geo points < arrays < maps', async () => {
    expect(await ids(db.collection('mixed').orderBy('v'))).toEqual([
      'm01',
      'm02',
      'm03',
      'm04',
      'm05',
      'm06',
      'm07',
      'm08',
      'm09',
      'm10',
      'm11',
      'm12',
      'm13',
      'm14',
      'm15',
      'm16',
      'm17',
      'm18',
      'm19',
      'm20',
    ]);
  });
  it('descending order reverses everything, including the implicit name order', async () => {
    expect(await ids(db.collection('rows').orderBy('a', 'desc'))).toEqual([
      'r6',
      'r5',
      'r4',
      'r3',
      'r2',
      'r7',
      'r1',
    ]);
  });
});

describe('operators', () => {
  it('compares numbers numerically across int and double', async () => {
    expect(await ids(db.collection('rows').where('a', '==', 1))).toEqual(['r1', 'r7']);
    expect(await ids(db.collection('mixed').where('v', '>=', 0))).toEqual([
      'm07',
      'm08',
      'm09',
      'm10',
    ]);
  });
  it('range filters only match their own type', async () => {
    expect(await ids(db.collection('mixed').where('v', '>', ''))).toEqual(['m13', 'm14', 'm15']);
    expect(await ids(db.collection('mixed').where('v', '<', Timestamp.fromMillis(1)))).toEqual([
      'm11',
    ]);
  });
  it('!= and not-in skip missing fields and nulls', async () => {
    expect(await ids(db.collection('mixed').where('v', '!=', 'a'))).toHaveLength(18);
    expect(await ids(db.collection('rows').where('color', 'not-in', ['red', 'green']))).toEqual([
      'r2',
      'r5',
    ]);
  });
  it('null and NaN equality are IS_NULL and IS_NAN', async () => {
    expect(await ids(db.collection('mixed').where('v', '==', null))).toEqual(['m01']);
    expect(await ids(db.collection('mixed').where('v', '==', NaN))).toEqual(['m04']);
    expect(await ids(db.collection('mixed').where('v', '!=', null))).toHaveLength(19);
  });
  it('in, array-contains and array-contains-any', async () => {
    expect(await ids(db.collection('rows').where('color', 'in', ['green', 'blue']))).toEqual([
      'r2',
      'r4',
      'r5',
    ]);
    expect(await ids(db.collection('rows').where('tags', 'array-contains', 'a'))).toEqual([
      'r1',
      'r2',
      'r5',
    ]);
    expect(
      await ids(db.collection('rows').where('tags', 'array-contains-any', ['b', 'c'])),
    ).toEqual(['r2', 'r4', 'r5', 'r6']);
  });
  it('filters on the document id', async () => {
    expect(
      await ids(db.collection('rows').where(FieldPath.documentId(), '>', db.doc('rows/r5'))),
    ).toEqual(['r6', 'r7']);
  });
});

describe('composite filters and inequalities', () => {
  it('OR of ANDs, ordered by the inequality field', async () => {
    const q = db
      .collection('rows')
      .where(
        Filter.or(
          Filter.where('color', '==', 'green'),
          Filter.and(Filter.where('color', '==', 'red'), Filter.where('b', '>=', 7)),
        ),
      );
    expect(await ids(q)).toEqual(['r4', 'r3', 'r1']);
  });
  it('several inequality fields order implicitly by field name, then by name', async () => {
    const q = db.collection('rows').where('b', '<', 9).where('a', '>', 1);
    expect(await ids(q)).toEqual(['r3', 'r2', 'r4', 'r5', 'r6']);
    const q2 = db.collection('rows').where('f', '>', 1).where('b', '>', 4).orderBy('color');
    expect(await ids(q2)).toEqual(['r5', 'r2', 'r4', 'r3', 'r1']);
  });
});

describe('cursors, limits, offsets, projections', () => {
  const ordered = (): Query => db.collection('rows').orderBy('a');
  it('startAt, startAfter, endAt, endBefore', async () => {
    expect(await ids(ordered().startAt(2).endAt(3))).toEqual(['r2', 'r3', 'r4']);
    expect(await ids(ordered().startAfter(2).endBefore(5))).toEqual(['r4', 'r5']);
  });
  it('a document cursor includes its name', async () => {
    const r2 = await db.doc('rows/r2').get();
    expect(await ids(ordered().startAfter(r2))).toEqual(['r3', 'r4', 'r5', 'r6']);
  });
  it('limit, limitToLast and offset', async () => {
    expect(await ids(ordered().limit(3))).toEqual(['r1', 'r7', 'r2']);
    expect(await ids(ordered().limitToLast(2))).toEqual(['r5', 'r6']);
    expect(await ids(ordered().offset(5))).toEqual(['r5', 'r6']);
  });
  it('select returns only the chosen fields', async () => {
    const snap = await db.collection('rows').select('color').orderBy('a').limit(1).get();
    expect(snap.docs[0]!.data()).toEqual({ color: 'red' });
  });
});

describe('collection groups and aggregations', () => {
  it('collection group queries find every collection with the id', async () => {
    expect(await ids(db.collectionGroup('items').orderBy('n'))).toEqual(['i0', 'i2', 'i1', 'i3']);
  });
  it('count, sum and avg follow Firestore numeric rules', async () => {
    const snap = await db
      .collection('rows')
      .aggregate({
        n: AggregateField.count(),
        s: AggregateField.sum('a'),
        avg: AggregateField.average('b'),
        none: AggregateField.average('missing'),
      })
      .get();
    expect(snap.data()).toEqual({ n: 7, s: 18, avg: 40 / 7, none: null });
    const ints = await db
      .collection('rows')
      .where('color', '==', 'blue')
      .aggregate({ s: AggregateField.sum('a') })
      .get();
    expect(ints.data().s).toBe(6);
  });
});
