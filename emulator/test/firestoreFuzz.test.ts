/**
 * Seeded fuzzing of the gRPC surface: random requests, byte-level mutations of valid ones, and
 * compressed frames (gzip, deflate) mutated before or after compression. Field names in values,
 * filters, orders, projections, masks and transforms are drawn half the time from the properties
 * of Object.prototype.
 * Every call must end with a status Firestore uses for bad input (never INTERNAL or UNKNOWN, which
 * would mean an unhandled case), and the server must keep serving afterwards.
 */
import { deflateSync, gzipSync } from 'node:zlib';
import { expect, it } from 'vitest';
import { http, useRawClient } from './firestoreHarness.js';
import { grpcCall, grpcFrame, requestBytes } from './hostile/wire.js';
import { seededRandom } from '../src/testing/seededRandom.js';

const DB = 'projects/demo-fs-fuzz/databases/(default)';
const DOCS = `${DB}/documents`;
const raw = useRawClient();

const { random, pick } = seededRandom(20261122);

/**
 * Field names that are also the properties every JavaScript object has (`toString`, `constructor`,
 * `__proto__`, ...): data to Firestore, refused only where it reserves them (`__.*__`).
 */
const BUILT_IN_NAMES = Object.getOwnPropertyNames(Object.prototype);
/** A field name: usually a built-in's, else one of `ordinary`. */
const fieldName = (...ordinary: string[]) =>
  random() < 0.5 ? pick(BUILT_IN_NAMES) : pick(ordinary);

function randomValue(depth = 0): Record<string, unknown> {
  const kinds = [
    'null',
    'bool',
    'int',
    'double',
    'string',
    'bytes',
    'ref',
    'geo',
    'time',
    'array',
    'map',
    'empty',
  ];
  switch (pick(depth > 3 ? kinds.slice(0, 9) : kinds)) {
    case 'null':
      return { nullValue: 'NULL_VALUE' };
    case 'bool':
      return { booleanValue: random() < 0.5 };
    case 'int':
      return { integerValue: String(Math.floor((random() - 0.5) * 1e12)) };
    case 'double':
      return { doubleValue: pick([NaN, Infinity, -0, random() * 100]) };
    case 'string':
      return { stringValue: pick(['', 'a', '😀', '\uffff', 'x'.repeat(50)]) };
    case 'bytes':
      return { bytesValue: Buffer.from([Math.floor(random() * 256)]) };
    case 'ref':
      return { referenceValue: pick([`${DOCS}/c/d`, 'nonsense', `${DOCS}/c`]) };
    case 'geo':
      return {
        geoPointValue: { latitude: (random() - 0.5) * 400, longitude: (random() - 0.5) * 400 },
      };
    case 'time':
      return {
        timestampValue: {
          seconds: String(Math.floor((random() - 0.5) * 1e12)),
          nanos: Math.floor(random() * 2e9),
        },
      };
    case 'array':
      return { arrayValue: { values: [randomValue(depth + 1), randomValue(depth + 1)] } };
    case 'map':
      return {
        mapValue: { fields: { [fieldName('a', '__x__', 'b.c', '')]: randomValue(depth + 1) } },
      };
    default:
      return {};
  }
}

const names = [
  `${DOCS}/c/d`,
  `${DOCS}/c`,
  `${DOCS}`,
  'projects/p',
  `${DOCS}/c/d/e/f`,
  `${DOCS}/c//d`,
  `${DOCS}/c/..`,
  '',
];
const ops = [
  'LESS_THAN',
  'EQUAL',
  'NOT_EQUAL',
  'IN',
  'NOT_IN',
  'ARRAY_CONTAINS',
  'ARRAY_CONTAINS_ANY',
  'GREATER_THAN',
];

function randomFilter(depth = 0): Record<string, unknown> {
  const r = random();
  if (r < 0.2 && depth < 3)
    return {
      compositeFilter: {
        op: pick(['AND', 'OR']),
        filters: [randomFilter(depth + 1), randomFilter(depth + 1)],
      },
    };
  if (r < 0.4)
    return {
      unaryFilter: {
        op: pick(['IS_NAN', 'IS_NULL', 'IS_NOT_NAN', 'IS_NOT_NULL']),
        field: { fieldPath: fieldName('a', '__name__', '`x.y`', '') },
      },
    };
  return {
    fieldFilter: {
      field: { fieldPath: fieldName('a', 'b', '__name__', 'a.b', '``') },
      op: pick(ops),
      value: randomValue(),
    },
  };
}

function randomQuery(): Record<string, unknown> {
  const q: Record<string, unknown> = {
    from: pick([
      [{ collectionId: 'c' }],
      [{ collectionId: 'c', allDescendants: true }],
      [],
      [{ collectionId: '' }],
    ]),
  };
  if (random() < 0.7) q['where'] = randomFilter();
  if (random() < 0.5)
    q['orderBy'] = [
      {
        field: { fieldPath: fieldName('a', '__name__', 'b') },
        direction: pick(['ASCENDING', 'DESCENDING']),
      },
    ];
  if (random() < 0.3) q['startAt'] = { values: [randomValue()], before: random() < 0.5 };
  if (random() < 0.3) q['limit'] = { value: Math.floor((random() - 0.2) * 10) };
  if (random() < 0.2) q['offset'] = Math.floor((random() - 0.2) * 10);
  if (random() < 0.2) q['select'] = { fields: [{ fieldPath: fieldName('a', '__name__', '') }] };
  return q;
}

function randomWrite(): Record<string, unknown> {
  const r = random();
  const write: Record<string, unknown> =
    r < 0.6
      ? {
          update: {
            name: pick(names),
            fields: { a: randomValue(), [fieldName('b')]: randomValue() },
          },
        }
      : r < 0.8
        ? { delete: pick(names) }
        : { transform: { document: pick(names), fieldTransforms: [] } };
  if (random() < 0.3)
    write['updateMask'] = { fieldPaths: [fieldName('a', 'b.c', '', '`unterminated')] };
  if (random() < 0.3)
    write['updateTransforms'] = [
      {
        fieldPath: fieldName('n', 'a', ''),
        ...pick([
          { increment: randomValue() },
          { setToServerValue: 'REQUEST_TIME' },
          { appendMissingElements: { values: [randomValue()] } },
          { maximum: randomValue() },
        ]),
      },
    ];
  if (random() < 0.2)
    write['currentDocument'] = pick([
      { exists: true },
      { exists: false },
      { updateTime: { seconds: '1' } },
    ]);
  return write;
}

type Call = { method: string; request: Record<string, unknown>; stream: boolean };

function randomCall(): Call {
  switch (Math.floor(random() * 8)) {
    case 0:
      return {
        method: 'Commit',
        request: { database: pick([DB, 'x', '']), writes: [randomWrite(), randomWrite()] },
        stream: false,
      };
    case 1:
      return {
        method: 'RunQuery',
        request: {
          parent: pick([DOCS, `${DOCS}/c/d`, `${DOCS}/c`]),
          structuredQuery: randomQuery(),
        },
        stream: true,
      };
    case 2:
      return {
        method: 'RunAggregationQuery',
        request: {
          parent: DOCS,
          structuredAggregationQuery: {
            structuredQuery: randomQuery(),
            aggregations: [
              pick([
                { count: {} },
                { sum: { field: { fieldPath: 'a' } } },
                { avg: { field: { fieldPath: '' } } },
                {},
              ]),
            ],
          },
        },
        stream: true,
      };
    case 3:
      return {
        method: 'BatchGetDocuments',
        request: {
          database: DB,
          documents: [pick(names), pick(names)],
          ...pick([
            {},
            { newTransaction: { readOnly: {} } },
            { transaction: Buffer.from('x') },
            { readTime: { seconds: '99999999999' } },
          ]),
        },
        stream: true,
      };
    case 4:
      return {
        method: 'BatchWrite',
        request: { database: DB, writes: [randomWrite(), randomWrite()] },
        stream: false,
      };
    case 5:
      return {
        method: 'ListDocuments',
        request: {
          parent: pick([DOCS, `${DOCS}/c`]),
          collectionId: pick(['c', '', 'a/b']),
          pageSize: Math.floor((random() - 0.2) * 5),
          pageToken: pick(['', 'x', '-1']),
        },
        stream: false,
      };
    case 6:
      return { method: 'ListCollectionIds', request: { parent: pick(names) }, stream: false };
    default:
      return {
        method: 'GetDocument',
        request: {
          name: pick(names),
          ...pick([{}, { readTime: { seconds: '1', nanos: 5 } }, { mask: { fieldPaths: ['`'] } }]),
        },
        stream: false,
      };
  }
}

const ALLOWED = new Set([0, 3, 5, 6, 7, 9, 10, 12]);

it('answers 300 random requests with proper statuses', async () => {
  const codes = new Map<number, number>();
  for (let i = 0; i < 300; i++) {
    const call = randomCall();
    const result = call.stream
      ? raw.client.stream(call.method, call.request)
      : raw.client.unary(call.method, call.request);
    const status = await result.then(
      () => 0,
      (e: { code?: number; details?: string }) => {
        if (!ALLOWED.has(e.code ?? -1))
          throw new Error(
            `${call.method} ${JSON.stringify(call.request, (_k, v) => (typeof v === 'bigint' ? String(v) : v))} → ${e.code} ${e.details}`,
          );
        return e.code as number;
      },
    );
    codes.set(status, (codes.get(status) ?? 0) + 1);
  }
  expect(codes.get(3)).toBeGreaterThan(0);
  expect(codes.get(0)).toBeGreaterThan(0);
});

/** Valid requests that the byte-level fuzzers mutate. */
const SEEDS: [string, Buffer][] = [
  [
    'Commit',
    requestBytes('Commit', {
      database: DB,
      writes: [
        {
          update: {
            name: `${DOCS}/m/d`,
            fields: {
              a: { integerValue: '1' },
              m: { mapValue: { fields: { x: { stringValue: 'y' } } } },
            },
          },
        },
      ],
    }),
  ],
  [
    'ListDocuments',
    requestBytes('ListDocuments', { parent: DOCS, collectionId: 'm', pageSize: 3 }),
  ],
];

function mutated(seed: Buffer): Buffer {
  const bytes = Buffer.from(seed);
  const flips = 1 + Math.floor(random() * 4);
  for (let f = 0; f < flips; f++)
    bytes[Math.floor(random() * bytes.length)] = Math.floor(random() * 256);
  return bytes;
}

it('answers 300 byte-mutated valid requests without INTERNAL', async () => {
  for (let i = 0; i < 300; i++) {
    const [method, seed] = pick(SEEDS);
    const status = await raw.client.unaryBytes(method, mutated(seed)).then(
      () => 0,
      (e: { code?: number }) => e.code ?? -1,
    );
    expect(ALLOWED.has(status), `status ${status} for mutated ${method}`).toBe(true);
  }
  expect((await http(raw.harness.hostPort, 'GET', '/')).text).toBe('Ok');
});

it('answers 300 compressed frames, mutated before or after compression, each with a status', async () => {
  const compress = { gzip: gzipSync, deflate: deflateSync };
  for (let i = 0; i < 300; i++) {
    const [method, seed] = pick(SEEDS);
    const encoding = pick(['gzip', 'deflate'] as const);
    const payload =
      random() < 0.5 ? compress[encoding](mutated(seed)) : mutated(compress[encoding](seed));
    const result = await grpcCall(
      raw.harness.hostPort,
      method,
      [grpcFrame(payload, { compressed: random() < 0.9 })],
      { 'grpc-encoding': encoding },
    );
    // A frame that does not inflate is INTERNAL, as gRPC itself answers it; nothing else may be.
    const expected =
      ALLOWED.has(result.code) || (result.code === 13 && /decompress/.test(result.message));
    expect(expected, `${result.code} ${result.message} for ${encoding} ${method}`).toBe(true);
  }
  expect((await http(raw.harness.hostPort, 'GET', '/')).text).toBe('Ok');
});
