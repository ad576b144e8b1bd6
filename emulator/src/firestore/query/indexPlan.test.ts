import { describe, expect, it } from 'vitest';
import { DocumentStore } from '../store/documentStore.js';
import type { StoredDocument } from '../documents/document.js';
import type { Value, Fields } from '../../model/value.js';
import { planQuery } from './plan.js';
import { runQuery } from './runQuery.js';
import { chooseIndex } from './indexPlan.js';
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
        arrayValue: { values: [randomValue(r, 1), ...(r() < 0.5 ? [randomValue(r, 1)] : [])] },
      };
    default:
      return { mapValue: { fields: { k: randomValue(r, 1) } } };
  }
}

const FIELDS = ['a', 'b', 'c'];

function randomFields(r: () => number): Fields {
  const fields: Fields = {};
  for (const f of FIELDS) if (r() < 0.8) fields[f] = randomValue(r);
  return fields;
}

function put(store: DocumentStore, path: string, fields: Fields | null, time: number): void {
  const after: StoredDocument | null = fields
    ? { name: `${root}/${path}`, fields, createTime: T, updateTime: T }
    : null;
  store.apply([{ path, before: null, after }], time);
}

const OPS = [
  'EQUAL',
  'LESS_THAN',
  'LESS_THAN_OR_EQUAL',
  'GREATER_THAN',
  'GREATER_THAN_OR_EQUAL',
] as const;

function randomQuery(r: () => number): StructuredQuery {
  const field = FIELDS[Math.floor(r() * FIELDS.length)] as string;
  const filters: Filter[] = [];
  const shape = Math.floor(r() * 4);
  if (shape === 0 || shape === 3) {
    filters.push({
      fieldFilter: { field: { fieldPath: field }, op: 'EQUAL', value: randomValue(r) },
    });
  }
  if (shape === 1 || shape === 3) {
    const n = 1 + Math.floor(r() * 2);
    for (let i = 0; i < n; i++) {
      const op = OPS[1 + Math.floor(r() * 4)] as (typeof OPS)[number];
      filters.push({
        fieldFilter: { field: { fieldPath: shape === 3 ? 'b' : field }, op, value: randomValue(r) },
      });
    }
  }
  if (r() < 0.3) {
    const other = FIELDS[Math.floor(r() * FIELDS.length)] as string;
    filters.push({
      fieldFilter: { field: { fieldPath: other }, op: 'EQUAL', value: randomValue(r) },
    });
  }
  const query: StructuredQuery = { from: [{ collectionId: 'c' }] };
  if (filters.length === 1) query.where = filters[0] as Filter;
  else if (filters.length > 1) query.where = { compositeFilter: { op: 'AND', filters } };
  const orders = Math.floor(r() * 3);
  const ineqField = shape === 1 ? field : shape === 3 ? 'b' : undefined;
  if (orders > 0 || ineqField === undefined) {
    const first = ineqField ?? (FIELDS[Math.floor(r() * FIELDS.length)] as string);
    query.orderBy = [
      { field: { fieldPath: first }, direction: r() < 0.5 ? 'DESCENDING' : 'ASCENDING' },
    ];
    if (orders > 1)
      query.orderBy.push({
        field: { fieldPath: FIELDS[Math.floor(r() * FIELDS.length)] as string },
        direction: r() < 0.5 ? 'DESCENDING' : 'ASCENDING',
      });
  }
  if (r() < 0.3 && query.orderBy) query.startAt = { values: [randomValue(r)], before: r() < 0.5 };
  if (r() < 0.2 && query.orderBy) query.endAt = { values: [randomValue(r)], before: r() < 0.5 };
  if (r() < 0.7) query.limit = Math.floor(r() * 12);
  if (r() < 0.2) query.offset = Math.floor(r() * 4);
  return query;
}

function names(docs: StoredDocument[]): string[] {
  return docs.map((d) => d.name);
}

describe('index planning', () => {
  it('gives exactly the results and order of a scan on random data and queries', () => {
    const r = rng(15);
    const store = new DocumentStore(db);
    let time = 1;
    for (let i = 0; i < 2000; i++) put(store, `c/d${i}`, randomFields(r), time++);
    put(store, 'other/x', { a: { integerValue: 1n } }, time++);
    let planned = 0;
    let nonEmpty = 0;
    for (let q = 0; q < 2000; q++) {
      // Writes between queries: the indexes built so far must follow them.
      for (let w = 0; w < 3; w++) {
        const id = Math.floor(r() * 2100);
        put(store, `c/d${id}`, r() < 0.2 ? null : randomFields(r), time++);
      }
      let plan;
      try {
        plan = planQuery(db, '', randomQuery(r));
      } catch {
        continue; // a query Firestore refuses
      }
      if (chooseIndex(plan).kind !== 'scan') planned++;
      const viaIndex = names(runQuery(plan, store));
      const viaScan = names(runQuery(plan, store, time)); // a read time forces a scan
      expect(chooseIndex(plan, time).kind).toBe('scan');
      expect(viaIndex).toEqual(viaScan);
      if (viaScan.length > 0) nonEmpty++;
    }
    expect(planned).toBeGreaterThan(1000);
    expect(nonEmpty).toBeGreaterThan(300);
  }, 120_000);

  it('plans == onto the field, ranges and ordered limits onto the first order field', () => {
    const eq = planQuery(db, '', {
      from: [{ collectionId: 'c' }],
      where: {
        fieldFilter: { field: { fieldPath: 'a' }, op: 'EQUAL', value: { integerValue: 1n } },
      },
    });
    expect(chooseIndex(eq)).toMatchObject({ kind: 'equal', field: ['a'] });
    const range = planQuery(db, '', {
      from: [{ collectionId: 'c' }],
      where: {
        compositeFilter: {
          op: 'AND',
          filters: [
            {
              fieldFilter: {
                field: { fieldPath: 'n' },
                op: 'GREATER_THAN_OR_EQUAL',
                value: { integerValue: 5n },
              },
            },
            {
              fieldFilter: {
                field: { fieldPath: 'n' },
                op: 'LESS_THAN',
                value: { integerValue: 9n },
              },
            },
          ],
        },
      },
    });
    expect(chooseIndex(range)).toEqual({
      kind: 'range',
      field: ['n'],
      descending: false,
      lower: { integerValue: 5n },
      upper: { integerValue: 9n },
    });
    const ordered = planQuery(db, '', {
      from: [{ collectionId: 'c' }],
      orderBy: [{ field: { fieldPath: 'n' }, direction: 'DESCENDING' }],
      startAt: { values: [{ integerValue: 50n }], before: false },
      limit: 10,
      offset: 2,
    });
    expect(chooseIndex(ordered)).toEqual({
      kind: 'range',
      field: ['n'],
      descending: true,
      upper: { integerValue: 50n },
      stopAfter: 12,
    });
  });

  it('scans collection groups, OR, NaN equality, past read times and unbounded unlimited orders', () => {
    const q = (query: Omit<StructuredQuery, 'from'>, group = false) =>
      chooseIndex(
        planQuery(db, '', { from: [{ collectionId: 'c', allDescendants: group }], ...query }),
      );
    const eq: Filter = {
      fieldFilter: { field: { fieldPath: 'a' }, op: 'EQUAL', value: { integerValue: 1n } },
    };
    expect(q({ where: eq }, true).kind).toBe('scan');
    expect(q({ where: { compositeFilter: { op: 'OR', filters: [eq, eq] } } }).kind).toBe('scan');
    expect(
      q({
        where: {
          fieldFilter: { field: { fieldPath: 'a' }, op: 'EQUAL', value: { doubleValue: NaN } },
        },
      }).kind,
    ).toBe('scan');
    expect(
      chooseIndex(planQuery(db, '', { from: [{ collectionId: 'c' }], where: eq }), 5).kind,
    ).toBe('scan');
    expect(q({ orderBy: [{ field: { fieldPath: 'a' } }] }).kind).toBe('scan');
    expect(q({ limit: 3 }).kind).toBe('scan');
  });
});
