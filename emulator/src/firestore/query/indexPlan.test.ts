import { describe, expect, it } from 'vitest';
import { DocumentStore } from '../store/documentStore.js';
import type { StoredDocument } from '../documents/document.js';
import type { Value, Fields } from '../../model/value.js';
import type { FieldOperator, UnaryOperator } from '../../model/filterOperator.js';
import { planQuery, type QueryPlan } from './plan.js';
import { runQuery, runQueryByScan } from './runQuery.js';
import { chooseIndex, type IndexCatalog, type IndexChoice } from './indexPlan.js';
import { resolveAggregations } from './aggregation.js';
import type { Filter, StructuredQuery } from './structuredQuery.js';

const db = { projectId: 'demo-hearth', database: '(default)' };
const root = 'projects/demo-hearth/databases/(default)/documents';
const T = { seconds: 1, nanos: 0 };

/** A small deterministic PRNG so a failure repeats. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function randomValue(r: () => number, depth = 0): Value {
  const pick = Math.floor(r() * (depth > 0 ? 9 : 12));
  const small = Math.floor(r() * 7) - 3;
  switch (pick) {
    case 0:
      return { nullValue: null };
    case 1:
      return { booleanValue: r() < 0.5 };
    case 2:
    case 3:
      return { integerValue: BigInt(small) };
    case 4:
      return { doubleValue: r() < 0.1 ? NaN : r() < 0.5 ? small : small + 0.5 };
    case 5:
      return { stringValue: ['', 'a', 'b', 'ab', 'é', 'z'][Math.floor(r() * 6)] as string };
    case 6:
      return { timestampValue: { seconds: small, nanos: r() < 0.5 ? 0 : 5 } };
    case 7:
      return { doubleValue: r() < 0.5 ? -0 : Infinity };
    case 8:
      return { referenceValue: `${root}/c/d${Math.floor(r() * 3)}` };
    case 9:
    case 10:
      return {
        arrayValue: {
          values: [randomValue(r, 1), ...(r() < 0.5 ? [randomValue(r, 1), randomValue(r, 1)] : [])],
        },
      };
    default:
      return { mapValue: { fields: { k: randomValue(r, 1) } } };
  }
}

const pick = <T>(r: () => number, items: readonly T[]): T =>
  items[Math.floor(r() * items.length)] as T;

const FIELDS = ['a', 'b', 'c'];

function vector(r: () => number): Value {
  const n = r() < 0.9 ? 2 : 3;
  const values = Array.from({ length: n }, () => ({ doubleValue: Math.floor(r() * 5) }));
  return {
    mapValue: {
      fields: {
        __type__: { stringValue: '__vector__' },
        value: { arrayValue: { values } },
      },
    },
  };
}

function randomFields(r: () => number): Fields {
  const fields: Fields = {};
  for (const f of FIELDS) if (r() < 0.8) fields[f] = randomValue(r);
  if (r() < 0.7) fields['v'] = vector(r);
  return fields;
}

function put(store: DocumentStore, path: string, fields: Fields | null, time: number): void {
  const after: StoredDocument | null = fields
    ? { name: `${root}/${path}`, fields, createTime: T, updateTime: T }
    : null;
  store.apply([{ path, before: null, after }], time);
}

/** Documents of collection id `c` at the root, under five parents and deeper; and of `x`. */
function randomPath(r: () => number): string {
  const id = Math.floor(r() * 600);
  const where = r();
  if (where < 0.5) return `c/d${id}`;
  if (where < 0.8) return `p/p${id % 5}/c/d${id}`;
  if (where < 0.9) return `p/p1/c/d${id % 7}/c/e${id}`;
  return r() < 0.5 ? `x/d${id}` : `p/p${id % 5}/x/d${id}`;
}

const FIELD_OPS: FieldOperator[] = [
  'EQUAL',
  'EQUAL',
  'LESS_THAN',
  'LESS_THAN_OR_EQUAL',
  'GREATER_THAN',
  'GREATER_THAN_OR_EQUAL',
  'NOT_EQUAL',
  'IN',
  'NOT_IN',
  'ARRAY_CONTAINS',
  'ARRAY_CONTAINS_ANY',
];
const UNARY_OPS: UnaryOperator[] = ['IS_NULL', 'IS_NAN', 'IS_NOT_NULL', 'IS_NOT_NAN'];

function listOf(r: () => number, item: () => Value): Value {
  const n = 1 + Math.floor(r() * 3);
  return { arrayValue: { values: Array.from({ length: n }, item) } };
}

function reference(r: () => number): Value {
  return { referenceValue: `${root}/${randomPath(r)}` };
}

function randomFilter(r: () => number): Filter {
  if (r() < 0.08) {
    const op = pick(r, ['EQUAL', 'LESS_THAN', 'GREATER_THAN_OR_EQUAL', 'IN', 'NOT_EQUAL'] as const);
    const value = op === 'IN' ? listOf(r, () => reference(r)) : reference(r);
    return { fieldFilter: { field: { fieldPath: '__name__' }, op, value } };
  }
  const fieldPath = pick(r, FIELDS);
  if (r() < 0.1) return { unaryFilter: { field: { fieldPath }, op: pick(r, UNARY_OPS) } };
  const op = pick(r, FIELD_OPS);
  const value =
    op === 'IN' || op === 'NOT_IN' || op === 'ARRAY_CONTAINS_ANY'
      ? listOf(r, () => randomValue(r, 1))
      : randomValue(r, op === 'ARRAY_CONTAINS' ? 1 : 0);
  return { fieldFilter: { field: { fieldPath }, op, value } };
}

function conjunction(r: () => number): Filter | undefined {
  const n = Math.floor(r() * 3.5);
  const filters = Array.from({ length: n }, () => randomFilter(r));
  if (filters.length === 0) return undefined;
  return filters.length === 1 ? filters[0] : { compositeFilter: { op: 'AND', filters } };
}

function randomWhere(r: () => number): Filter | undefined {
  if (r() < 0.2) {
    const filters = Array.from({ length: 2 + Math.floor(r() * 2) }, () => conjunction(r)).filter(
      (f): f is Filter => f !== undefined,
    );
    if (filters.length >= 2) return { compositeFilter: { op: 'OR', filters } };
  }
  return conjunction(r);
}

const SCOPES = [
  { parent: '', from: { collectionId: 'c' } },
  { parent: '', from: { collectionId: 'c', allDescendants: true } },
  { parent: 'p/p1', from: { collectionId: 'c', allDescendants: true } },
  { parent: 'p/p2', from: { collectionId: 'c' } },
] as const;

function randomQuery(r: () => number): { parent: string; query: StructuredQuery } {
  const scope = pick(r, SCOPES);
  const query: StructuredQuery = { from: [{ ...scope.from }] };
  const where = randomWhere(r);
  if (where) query.where = where;
  if (r() < 0.08) {
    query.findNearest = {
      vectorField: { fieldPath: 'v' },
      queryVector: vector(r),
      distanceMeasure: pick(r, ['EUCLIDEAN', 'COSINE', 'DOT_PRODUCT'] as const),
      limit: 1 + Math.floor(r() * 8),
    };
    return { parent: scope.parent, query };
  }
  const orders = Math.floor(r() * 3);
  if (orders > 0) {
    query.orderBy = Array.from({ length: orders }, () => ({
      field: { fieldPath: r() < 0.15 ? '__name__' : pick(r, FIELDS) },
      direction: r() < 0.5 ? ('DESCENDING' as const) : ('ASCENDING' as const),
    }));
  }
  const cursorValue = () =>
    query.orderBy?.[0]?.field.fieldPath === '__name__' ? reference(r) : randomValue(r);
  const cursor = () => ({
    values: r() < 0.7 ? [cursorValue()] : [cursorValue(), reference(r)],
    before: r() < 0.5,
  });
  if (r() < 0.3) query.startAt = cursor();
  if (r() < 0.2) query.endAt = cursor();
  if (r() < 0.7) query.limit = Math.floor(r() * 12);
  if (r() < 0.2) query.offset = Math.floor(r() * 4);
  return { parent: scope.parent, query };
}

type Declared = IndexCatalog['indexes'][number];

/** A composite index of collection id `c`: `a` ascending, `-a` descending, `[]a` array-contains. */
function composite(queryScope: Declared['queryScope'], ...fields: string[]): Declared {
  return {
    collectionGroup: 'c',
    queryScope,
    fields: fields.map((f) =>
      f.startsWith('[]')
        ? { fieldPath: f.slice(2), arrayConfig: 'CONTAINS' as const }
        : f.startsWith('-')
          ? { fieldPath: f.slice(1), order: 'DESCENDING' as const }
          : { fieldPath: f, order: 'ASCENDING' as const },
    ),
  };
}

/** Composite indexes in both scopes and field overrides (an exemption among them). */
const CONFIG: IndexCatalog = {
  indexes: [
    composite('COLLECTION', 'a', '-b'),
    composite('COLLECTION', '[]b', 'a', '__name__'),
    composite('COLLECTION_GROUP', 'c', '[]a', 'b'),
  ],
  fieldOverrides: [
    { collectionGroup: 'c', fieldPath: 'c', indexes: [] },
    {
      collectionGroup: 'c',
      fieldPath: 'a',
      indexes: [{ arrayConfig: 'CONTAINS', queryScope: 'COLLECTION_GROUP' }],
    },
  ],
};

function names(docs: StoredDocument[]): string[] {
  return docs.map((d) => d.name);
}

/** What a query exercises, for the counts the test checks. */
function shapes(plan: QueryPlan, choice: IndexChoice): string[] {
  const ops = new Set(plan.dnf.flat().map((f) => f.op));
  const tags = [...ops].map((op) => `op:${op}`);
  if (plan.dnf.length > 1) tags.push('or');
  if (plan.allDescendants) tags.push('group');
  if (plan.startAt || plan.endAt) tags.push('cursor');
  if (plan.nearest) tags.push('nearest');
  if (choice.kind === 'index') {
    if (choice.branches.some((b) => b.spec.fields.length > 1)) tags.push('composite');
    if (choice.branches.some((b) => b.spec.fields.length === 0)) tags.push('name');
    if (choice.branches.some((b) => b.ordered) && choice.stopAfter !== undefined)
      tags.push('stopped');
  }
  return tags;
}

describe('index planning', () => {
  it('gives exactly the results and order of a scan for every query shape', () => {
    const r = rng(15);
    const store = new DocumentStore(db);
    let time = 1;
    for (let i = 0; i < 2500; i++) put(store, randomPath(r), randomFields(r), time++);
    const planned = new Map<string, number>();
    let nonEmpty = 0;
    let queries = 0;
    const sums = resolveAggregations([
      { count: {} },
      { sum: { field: { fieldPath: 'a' } } },
      { avg: { field: { fieldPath: 'b' } } },
    ]);
    for (let q = 0; q < 2000; q++) {
      // Writes between queries: the indexes built so far must follow them.
      if (r() < 0.7)
        for (let w = 0; w < 3; w++)
          put(store, randomPath(r), r() < 0.2 ? null : randomFields(r), time++);
      const { parent, query } = randomQuery(r);
      let plan: QueryPlan;
      try {
        plan = planQuery(db, parent, query);
      } catch {
        continue; // a query Firestore refuses
      }
      if (r() < 0.6) plan.indexes = CONFIG;
      queries++;
      const choice = chooseIndex(plan, store.indexes);
      if (choice.kind === 'index')
        for (const tag of shapes(plan, choice)) planned.set(tag, (planned.get(tag) ?? 0) + 1);
      const viaScan = runQueryByScan(plan, store);
      const viaIndex = runQuery(plan, store);
      const shown = JSON.stringify({ parent, query }, (_, v) =>
        typeof v === 'bigint' ? `${v}n` : v,
      );
      expect(names(viaIndex), shown).toEqual(names(viaScan));
      // Aggregations and reads at a read time (served by indexes when nothing changed since).
      expect(sums.map((s) => s.compute(viaIndex))).toEqual(sums.map((s) => s.compute(viaScan)));
      expect(names(runQuery(plan, store, time))).toEqual(names(viaScan));
      if (viaScan.length > 0) nonEmpty++;
    }
    expect(queries).toBeGreaterThan(1000);
    expect(nonEmpty).toBeGreaterThan(400);
    // Every shape went through the planner many times.
    const counts = Object.fromEntries(planned);
    if (process.env['PLAN_COUNTS']) console.log(queries, nonEmpty, counts);
    for (const tag of [
      'op:EQUAL',
      'op:IN',
      'op:NOT_IN',
      'op:NOT_EQUAL',
      'op:ARRAY_CONTAINS',
      'op:ARRAY_CONTAINS_ANY',
      'op:LESS_THAN',
      'op:IS_NULL',
      'op:IS_NOT_NAN',
      'or',
      'group',
      'cursor',
      'nearest',
      'composite',
      'name',
      'stopped',
    ])
      expect(counts[tag] ?? 0, `planned queries with ${tag}`).toBeGreaterThan(20);
  }, 300_000);

  const where = (fieldPath: string, op: FieldOperator, value: Value): Filter => ({
    fieldFilter: { field: { fieldPath }, op, value },
  });
  const eq = (fieldPath: string, value: Value): Filter => where(fieldPath, 'EQUAL', value);
  const and = (...filters: Filter[]): Filter => ({ compositeFilter: { op: 'AND', filters } });
  const plan = (query: Omit<StructuredQuery, 'from'>, group = false, indexes?: IndexCatalog) => {
    const p = planQuery(db, '', { from: [{ collectionId: 'c', allDescendants: group }], ...query });
    if (indexes) p.indexes = indexes;
    return p;
  };
  const filled = () => {
    const store = new DocumentStore(db);
    for (let i = 0; i < 200; i++) {
      const fields: Fields = {
        a: { integerValue: BigInt(i % 10) },
        b: { integerValue: BigInt(i) },
        tags: { arrayValue: { values: [{ stringValue: `t${i % 4}` }] } },
      };
      put(store, `c/d${i}`, fields, i + 1);
      put(store, `p/p${i % 3}/c/d${i}`, fields, 1000 + i);
    }
    return store;
  };
  const one = (choice: IndexChoice) => {
    expect(choice.kind).toBe('index');
    if (choice.kind !== 'index') throw new Error('scanned');
    expect(choice.branches).toHaveLength(1);
    return choice.branches[0]!;
  };

  it('reads the cheapest index: counts decide, and a limited ordered read stops early', () => {
    const store = filled();
    // == on a (20 of 200) and a range on b (5 of 200): the range is cheaper.
    const both = one(
      chooseIndex(
        plan({
          where: and(eq('a', { integerValue: 3n }), where('b', 'LESS_THAN', { integerValue: 5n })),
        }),
        store.indexes,
      ),
    );
    expect(both.spec.fields.map((f) => f.path.join('.'))).toEqual(['b']);
    expect(both.cost).toBe(5);
    // A collection group query reads the group's index: 40 of 400 documents.
    const group = one(
      chooseIndex(plan({ where: eq('a', { integerValue: 1n }) }, true), store.indexes),
    );
    expect(group.cost).toBe(40);
    // array-contains reads the element index.
    const contains = one(
      chooseIndex(
        plan({ where: where('tags', 'ARRAY_CONTAINS', { stringValue: 't1' }) }),
        store.indexes,
      ),
    );
    expect(contains.spec.fields[0]?.contains).toBe(true);
    expect(contains.cost).toBe(50);
    // It builds no index of the whole array value, which every later write would keep for nothing,
    // until a query filters or orders by the array's value.
    const scope = { group: false, collection: 'c' } as const;
    expect(store.indexes.built(scope)).not.toContain('tags');
    const byValue = one(
      chooseIndex(
        plan({
          where: and(
            where('tags', 'ARRAY_CONTAINS', { stringValue: 't1' }),
            eq('tags', { arrayValue: { values: [{ stringValue: 't1' }] } }),
          ),
        }),
        store.indexes,
      ),
    );
    expect(store.indexes.built(scope)).toContain('tags');
    expect(byValue.cost).toBe(50);
    const byOrder = one(
      chooseIndex(
        plan({
          where: where('tags', 'ARRAY_CONTAINS', { stringValue: 't1' }),
          orderBy: [{ field: { fieldPath: 'tags' } }],
          limit: 2,
        }),
        store.indexes,
      ),
    );
    expect(byOrder.spec.fields[0]?.contains).toBe(false);
    expect(byOrder.ordered).toBe(true);
    // == a with orderBy b and a limit: the declared composite (a, b) is read in order, 3 entries.
    const declared: IndexCatalog = {
      indexes: [composite('COLLECTION', 'a', '-b')],
      fieldOverrides: [],
    };
    const ordered = one(
      chooseIndex(
        plan(
          {
            where: eq('a', { integerValue: 3n }),
            orderBy: [{ field: { fieldPath: 'b' }, direction: 'DESCENDING' }],
            limit: 3,
          },
          false,
          declared,
        ),
        store.indexes,
      ),
    );
    expect(ordered.spec.fields).toHaveLength(2);
    expect(ordered.ordered).toBe(true);
    expect(ordered.cost).toBe(3);
  });

  it('splits != and not-in around the excluded values and unions OR branches', () => {
    const store = filled();
    const notIn = one(
      chooseIndex(
        plan({
          where: where('a', 'NOT_IN', {
            arrayValue: { values: [{ integerValue: 1n }, { integerValue: 2n }] },
          }),
        }),
        store.indexes,
      ),
    );
    expect(notIn.streams[0]?.ranges).toHaveLength(3);
    expect(notIn.cost).toBe(160);
    const or = chooseIndex(
      plan({
        where: {
          compositeFilter: {
            op: 'OR',
            filters: [eq('a', { integerValue: 1n }), eq('b', { integerValue: 7n })],
          },
        },
      }),
      store.indexes,
    );
    expect(or.kind === 'index' && or.branches.map((b) => b.cost)).toEqual([20, 1]);
  });

  it('honours exemptions, and scans kindless queries and past reads of a changed scope', () => {
    const store = filled();
    const exempt: IndexCatalog = {
      indexes: [],
      fieldOverrides: [{ collectionGroup: 'c', fieldPath: 'a', indexes: [] }],
    };
    expect(
      chooseIndex(plan({ where: eq('a', { integerValue: 1n }) }, false, exempt), store.indexes)
        .kind,
    ).toBe('scan');
    expect(
      chooseIndex(planQuery(db, '', { from: [{ allDescendants: true }] }), store.indexes).kind,
    ).toBe('scan');
    const p = plan({ where: eq('a', { integerValue: 1n }) });
    expect(chooseIndex(p, store.indexes, 150).kind).toBe('scan');
    expect(chooseIndex(p, store.indexes, 5000).kind).toBe('index');
    // Unbounded, unlimited orders read everything either way: a scan.
    expect(
      chooseIndex(plan({ orderBy: [{ field: { fieldPath: 'a' } }] }), store.indexes).kind,
    ).toBe('scan');
    expect(chooseIndex(plan({ limit: 3 }), store.indexes).kind).toBe('index');
  });
});
