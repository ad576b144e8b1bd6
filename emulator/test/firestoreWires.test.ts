/**
 * The same request means the same thing on every wire. Seeded random requests, well-formed or
 * not, go by gRPC and by REST (the unary RPCs), and by gRPC and by WebChannel (the Write and
 * Listen streams); each wire works on its own project, so all of them see the same data. Every
 * request must get the same answer on each wire: the same documents and values, or the same
 * error code with the same message.
 */
import { expect, it } from 'vitest';
import { Code } from '../src/model/errors.js';
import { formatTimestamp } from '../src/model/json.js';
import { useRawClient } from './firestoreHarness.js';
import { webChannel } from './hostile/wire.js';
import { seededRandom } from '../src/testing/seededRandom.js';

const raw = useRawClient();

// ---- Requests in a wire-neutral form, rendered into each wire's encoding ----

/** A google.protobuf.Timestamp. */
class Time {
  constructor(
    readonly seconds: number,
    readonly nanos = 0,
  ) {}
}
/** A google.protobuf.Int32Value or Int64Value. */
class Wrapped {
  constructor(readonly value: number) {}
}
/** Bytes: base64 in JSON. */
class Bytes {
  constructor(readonly data: Buffer) {}
}
/** The null Value: `null` in JSON, the NULL_VALUE enum on protobuf. */
const NULL = Symbol('NULL_VALUE');

type Wire = 'grpc' | 'json';

function render(x: unknown, wire: Wire, project: string): unknown {
  if (x === NULL) return wire === 'json' ? null : 'NULL_VALUE';
  if (x instanceof Time)
    return wire === 'json' ? formatTimestamp(x) : { seconds: String(x.seconds), nanos: x.nanos };
  if (x instanceof Wrapped) return wire === 'json' ? x.value : { value: x.value };
  if (x instanceof Bytes) return wire === 'json' ? x.data.toString('base64') : x.data;
  if (typeof x === 'number' && !Number.isFinite(x) && wire === 'json') return String(x);
  if (typeof x === 'string') return x.replaceAll('{P}', project);
  if (Array.isArray(x)) return x.map((item) => render(item, wire, project));
  if (typeof x === 'object' && x !== null)
    return Object.fromEntries(
      Object.entries(x).map(([key, value]) => [key, render(value, wire, project)]),
    );
  return x;
}

const { random, pick } = seededRandom(20261203);
const maybe = (p: number): boolean => random() < p;

const DB = 'projects/{P}/databases/(default)';
const DOCS = `${DB}/documents`;
const names = [`${DOCS}/c/d1`, `${DOCS}/c/d2`, `${DOCS}/c/d3/s/e`, `${DOCS}/c`, `${DOCS}/c/__x__`];
const fieldPaths = ['a', 'b', 'm.x', '__name__', '`q r`', '', 'a..b'];

function value(depth = 0): Record<string, unknown> {
  switch (pick(depth > 2 ? [0, 1, 2, 3, 4, 5, 6, 7, 8] : [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11])) {
    case 0:
      return { nullValue: NULL };
    case 1:
      return { booleanValue: maybe(0.5) };
    case 2:
      return { integerValue: pick(['0', '7', '-9223372036854775808', '9007199254740993']) };
    case 3:
      return { doubleValue: pick([1.5, -0, NaN, Infinity, 2]) };
    case 4:
      return { timestampValue: new Time(pick([0, 1_000_000, -62135596800]), pick([0, 5])) };
    case 5:
      return { stringValue: pick(['', 'x', 'é', 'a'.repeat(40)]) };
    case 6:
      return { bytesValue: new Bytes(Buffer.from([1, 2, 255])) };
    case 7:
      return { referenceValue: pick([`${DOCS}/c/d1`, 'nonsense', `${DOCS}/c`]) };
    case 8:
      return {
        geoPointValue: { latitude: pick([0, 45.5, 91, -200]), longitude: pick([0, 10, 181]) },
      };
    case 9:
      return { arrayValue: { values: [value(depth + 1), value(depth + 1)] } };
    case 10:
      return { mapValue: { fields: { [pick(['x', 'y', ''])]: value(depth + 1) } } };
    default:
      // Two kinds set: a oneof both wires can carry.
      return { stringValue: 's', booleanValue: true };
  }
}

function filter(depth = 0): Record<string, unknown> {
  const field = { fieldPath: pick(fieldPaths) };
  switch (pick(depth < 2 ? [0, 1, 2, 3] : [1, 2, 3])) {
    case 0:
      return {
        compositeFilter: {
          op: pick(['AND', 'OR', 'OPERATOR_UNSPECIFIED']),
          filters: [filter(depth + 1), filter(depth + 1)],
        },
      };
    case 1:
      // Numbers too: UnaryFilter.Operator skips 1, so IS_NAN is 2.
      return { unaryFilter: { op: pick(['IS_NAN', 'IS_NOT_NULL', 2, 3, 5]), field } };
    case 2:
      return {
        fieldFilter: {
          field,
          op: pick(['EQUAL', 'LESS_THAN', 'IN', 'ARRAY_CONTAINS', 'NOT_IN', 6]),
          value: maybe(0.8) ? value() : { arrayValue: { values: [value(), value()] } },
        },
      };
    default:
      return { fieldFilter: { field, op: 'EQUAL' } };
  }
}

// findNearest and vector fields draw from their own sequence, so the requests above stay the
// ones this seed always made.
const vectors = seededRandom(20261204);
function vectorValue(size?: number): Record<string, unknown> {
  const values = size ?? vectors.pick([0, 2, 2, 3]);
  return {
    mapValue: {
      fields: {
        __type__: { stringValue: '__vector__' },
        value: {
          arrayValue: {
            values: Array.from({ length: values }, () => ({
              doubleValue: Math.round(vectors.random() * 8) - 4,
            })),
          },
        },
      },
    },
  };
}

function findNearest(): Record<string, unknown> {
  if (vectors.random() < 0.5)
    return {
      vectorField: { fieldPath: 'v' },
      queryVector: vectorValue(2),
      distanceMeasure: vectors.pick(['EUCLIDEAN', 'COSINE', 'DOT_PRODUCT']),
      limit: new Wrapped(3),
      distanceResultField: 'd',
    };
  const nearest: Record<string, unknown> = {
    vectorField: { fieldPath: vectors.pick(['v', 'a', '']) },
    queryVector: vectors.pick([
      vectorValue,
      vectorValue,
      vectorValue,
      () => ({ doubleValue: 1 }),
    ])(),
    distanceMeasure: vectors.pick([
      'EUCLIDEAN',
      'COSINE',
      'DOT_PRODUCT',
      3,
      'DISTANCE_MEASURE_UNSPECIFIED',
    ]),
    limit: new Wrapped(vectors.pick([3, 3, 0, 1001])),
  };
  if (vectors.random() < 0.5)
    nearest['distanceResultField'] = vectors.pick(['d', 'm.d', '__name__']);
  if (vectors.random() < 0.3)
    nearest['distanceThreshold'] = new Wrapped(vectors.pick([0, 2.5, -1]));
  if (vectors.random() < 0.1) delete nearest['vectorField'];
  return nearest;
}

function structuredQuery(): Record<string, unknown> {
  const query: Record<string, unknown> = {
    from: [pick([{ collectionId: 'c' }, { collectionId: 's', allDescendants: true }, {}])],
  };
  if (maybe(0.7)) query['where'] = filter();
  if (maybe(0.4))
    query['orderBy'] = [
      { field: { fieldPath: pick(['a', '__name__', 'b']) }, direction: pick(['DESCENDING', 1]) },
    ];
  if (maybe(0.3)) query['limit'] = new Wrapped(pick([0, 2, -1]));
  if (maybe(0.2)) query['offset'] = pick([1, -1]);
  if (maybe(0.2)) query['startAt'] = { values: [value()], before: maybe(0.5) };
  if (maybe(0.15)) query['select'] = { fields: [{ fieldPath: pick(fieldPaths) }] };
  if (vectors.random() < 0.5) {
    query['findNearest'] = findNearest();
    // Mostly without the clauses findNearest refuses, so that some are served.
    if (vectors.random() < 0.7)
      for (const key of ['orderBy', 'offset', 'startAt']) delete query[key];
    if (vectors.random() < 0.5) {
      query['from'] = [{ collectionId: 'c' }];
      delete query['where'];
    }
  }
  return query;
}

function write(): Record<string, unknown> {
  const kind = random();
  const result: Record<string, unknown> =
    kind < 0.6
      ? {
          update: {
            name: pick(names),
            fields: { a: value(), b: value(), m: value(), v: vectorValue() },
          },
        }
      : kind < 0.8
        ? { delete: pick(names) }
        : kind < 0.9
          ? { transform: { document: pick(names), fieldTransforms: [] } }
          : {};
  if (maybe(0.3)) result['updateMask'] = { fieldPaths: [pick(fieldPaths)] };
  if (maybe(0.3))
    result['updateTransforms'] = [
      {
        fieldPath: pick(['n', 'a', '']),
        ...pick<Record<string, unknown>>([
          { increment: value() },
          { setToServerValue: pick(['REQUEST_TIME', 'SERVER_VALUE_UNSPECIFIED']) },
          { appendMissingElements: { values: [value()] } },
          { maximum: { integerValue: '3' } },
          {},
        ]),
      },
    ];
  if (maybe(0.25))
    result['currentDocument'] = pick([
      { exists: true },
      { exists: false },
      { updateTime: new Time(1) },
      {},
    ]);
  return result;
}

type Unary = { method: string; request: Record<string, unknown> };

function unaryRequest(): Unary {
  switch (Math.floor(random() * 6)) {
    case 0:
      return { method: 'Commit', request: { database: DB, writes: [write(), write()] } };
    case 1:
      return { method: 'BatchWrite', request: { database: DB, writes: [write()] } };
    case 2:
      return {
        method: 'RunQuery',
        request: { parent: pick([DOCS, `${DOCS}/c/d1`]), structuredQuery: structuredQuery() },
      };
    case 3:
      return {
        method: 'RunAggregationQuery',
        request: {
          parent: DOCS,
          structuredAggregationQuery: {
            structuredQuery: structuredQuery(),
            aggregations: [
              pick<Record<string, unknown>>([
                { alias: 'n', count: {} },
                { alias: 'n', count: { upTo: new Wrapped(pick([1, -1])) } },
                { alias: 's', sum: { field: { fieldPath: pick(['a', '']) } } },
                { alias: 'v', avg: { field: { fieldPath: 'b' } } },
                { alias: 'x' },
              ]),
            ],
          },
        },
      };
    case 4:
      return {
        method: 'BatchGetDocuments',
        request: {
          database: DB,
          documents: [pick(names), pick(names)],
          ...pick<Record<string, unknown>>([
            {},
            { newTransaction: { readOnly: {} } },
            { mask: { fieldPaths: [pick(fieldPaths)] } },
            { readTime: new Time(1) },
          ]),
        },
      };
    default:
      return {
        method: 'GetDocument',
        request: {
          name: pick([`${DOCS}/c/d1`, `${DOCS}/c/d2`, `${DOCS}/c/__x__`]),
          ...pick<Record<string, unknown>>([
            {},
            { mask: { fieldPaths: [pick(fieldPaths)] } },
            { readTime: new Time(1) },
          ]),
        },
      };
  }
}

// ---- Each wire's answer, in one comparable form ----

type Answer = { error: { code: number; message: string } } | { ok: unknown };

/** A status name (`INVALID_ARGUMENT`) as its code. */
const codeOf = (status: string): number => Code[status as keyof typeof Code] ?? -1;

/** Server times differ from wire to wire; the requests' own times are all long past. */
const isServerTime = (seconds: number): boolean => seconds > 1_600_000_000;

/** A Value as JSON writes it, from either wire's form; server times become 'now'. */
function canonValue(v: Record<string, unknown>): unknown {
  const kind = Object.keys(v).find((key) => key !== 'valueType') as string;
  const x = v[kind] as never;
  switch (kind) {
    case 'nullValue':
      return { nullValue: null };
    case 'doubleValue':
      return { doubleValue: String(Number(x)) };
    case 'integerValue':
      return { integerValue: String(x) };
    case 'timestampValue': {
      const time = x as string | { seconds?: string; nanos?: number };
      const text =
        typeof time === 'string'
          ? time
          : formatTimestamp({ seconds: Number(time.seconds ?? 0), nanos: time.nanos ?? 0 });
      return { timestampValue: isServerTime(Date.parse(text) / 1000) ? 'now' : text };
    }
    case 'bytesValue':
      return { bytesValue: typeof x === 'string' ? x : Buffer.from(x).toString('base64') };
    case 'geoPointValue': {
      const g = x as { latitude?: number; longitude?: number };
      return { geoPointValue: { latitude: g.latitude ?? 0, longitude: g.longitude ?? 0 } };
    }
    case 'arrayValue':
      return {
        arrayValue: ((x as { values?: Record<string, unknown>[] }).values ?? []).map(canonValue),
      };
    case 'mapValue':
      return { mapValue: canonFields((x as { fields?: Record<string, never> }).fields) };
    default:
      return { [kind]: x };
  }
}

function canonFields(fields: Record<string, Record<string, unknown>> = {}): unknown {
  return Object.fromEntries(
    Object.entries(fields)
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([key, v]) => [key, canonValue(v)]),
  );
}

type Doc = { name: string; fields?: Record<string, Record<string, unknown>> };
const canonDoc = (doc: Doc | undefined) =>
  doc && { name: doc.name, fields: canonFields(doc.fields) };

/** What a response says, without times, tokens and transaction ids. */
function canonResponse(r: Record<string, unknown>): unknown {
  const results = (r['writeResults'] ?? []) as { transformResults?: Record<string, unknown>[] }[];
  return {
    document: canonDoc(r['document'] as Doc | undefined),
    found: canonDoc(r['found'] as Doc | undefined),
    missing: r['missing'],
    writeResults: results.map((w) => (w.transformResults ?? []).map(canonValue)),
    status: ((r['status'] ?? []) as { code?: number }[]).map((s) => s.code ?? 0),
    aggregates: canonFields(
      (r['result'] as { aggregateFields?: Record<string, Record<string, unknown>> } | undefined)
        ?.aggregateFields,
    ),
    change: canonDoc((r['documentChange'] as { document?: Doc } | undefined)?.document),
    cause: (r['targetChange'] as { cause?: unknown } | undefined)?.cause,
    // proto3 JSON leaves out the default NO_CHANGE; a protobuf client reads it back.
    targetChange:
      r['targetChange'] &&
      ((r['targetChange'] as { targetChangeType?: string }).targetChangeType ?? 'NO_CHANGE'),
  };
}

const unproject = (text: string, project: string): string => text.replaceAll(project, '{P}');
/** An answer with the wire's project named `{P}`, as the request named it. */
const answered = (ok: unknown, project: string): Answer => ({
  ok: JSON.parse(unproject(JSON.stringify(ok), project)),
});

async function viaGrpc(call: Unary, project: string): Promise<Answer> {
  const request = render(call.request, 'grpc', project) as Record<string, unknown>;
  const stream = ['RunQuery', 'RunAggregationQuery', 'BatchGetDocuments'].includes(call.method);
  try {
    const result = stream
      ? await raw.client.stream(call.method, request)
      : [await raw.client.unary(call.method, request)];
    return answered(result.map(canonResponse), project);
  } catch (error) {
    const { code, details } = error as { code: number; details: string };
    return { error: { code, message: unproject(details, project) } };
  }
}

const REST_ROUTES: Record<string, (request: Record<string, unknown>) => [string, string]> = {
  Commit: (r) => ['POST', `/v1/${r['database']}/documents:commit`],
  BatchWrite: (r) => ['POST', `/v1/${r['database']}/documents:batchWrite`],
  BatchGetDocuments: (r) => ['POST', `/v1/${r['database']}/documents:batchGet`],
  RunQuery: (r) => ['POST', `/v1/${r['parent']}:runQuery`],
  RunAggregationQuery: (r) => ['POST', `/v1/${r['parent']}:runAggregationQuery`],
};

/** GetDocument by REST: the name in the path, the rest as query parameters. */
function getDocumentUrl(request: Record<string, unknown>): string {
  const params = new URLSearchParams();
  const mask = request['mask'] as { fieldPaths: string[] } | undefined;
  for (const path of mask?.fieldPaths ?? []) params.append('mask.fieldPaths', path);
  if (request['readTime']) params.set('readTime', request['readTime'] as string);
  return `/v1/${request['name']}?${params}`;
}

async function viaRest(call: Unary, project: string): Promise<Answer> {
  const request = render(call.request, 'json', project) as Record<string, unknown>;
  let response: Response;
  if (call.method === 'GetDocument') {
    response = await fetch(`http://${raw.harness.hostPort}${getDocumentUrl(request)}`, {
      headers: { Authorization: 'Bearer owner' },
    });
  } else {
    const [method, path] = (REST_ROUTES[call.method] as (typeof REST_ROUTES)['Commit'])(request);
    response = await fetch(`http://${raw.harness.hostPort}${path}`, {
      method,
      headers: { Authorization: 'Bearer owner', 'Content-Type': 'application/json' },
      body: JSON.stringify(request),
    });
  }
  const json = (await response.json()) as Record<string, unknown>;
  const error = json['error'] as { status: string; message: string } | undefined;
  if (error)
    return {
      error: { code: codeOf(error.status), message: unproject(error.message, project) },
    };
  return answered((Array.isArray(json) ? json : [json]).map(canonResponse), project);
}

/**
 * Sends `count` random calls both ways, expects the same answer from each, and checks that the
 * sample held both successes and INVALID_ARGUMENT refusals (at least `least` of each).
 */
async function expectSameAnswers<Call>(
  count: number,
  least: number,
  make: () => Call,
  describeCall: (call: Call) => string,
  one: (call: Call) => Promise<Answer>,
  other: (call: Call) => Promise<Answer>,
): Promise<void> {
  const codes: Record<number, number> = {};
  for (let i = 0; i < count; i++) {
    const call = make();
    const expected = await one(call);
    expect(await other(call), `#${i} ${describeCall(call)}`).toEqual(expected);
    const code = 'error' in expected ? expected.error.code : 0;
    codes[code] = (codes[code] ?? 0) + 1;
  }
  expect(codes[0]).toBeGreaterThanOrEqual(least);
  expect(codes[Code.INVALID_ARGUMENT]).toBeGreaterThanOrEqual(least);
}

it('answers 250 random unary requests alike by gRPC and by REST', async () => {
  /** findNearest RunQuery answers (the random documents rarely hold a vector it finds). */
  const nearest = { refused: 0, served: 0 };
  await expectSameAnswers(
    250,
    40,
    unaryRequest,
    (call) => `${call.method} ${JSON.stringify(render(call.request, 'json', '{P}'))}`,
    async (call) => {
      const answer = await viaGrpc(call, 'demo-wires-grpc');
      const query = call.request['structuredQuery'] as Record<string, unknown> | undefined;
      if (call.method === 'RunQuery' && query?.['findNearest']) {
        if ('error' in answer) nearest.refused++;
        else nearest.served++;
      }
      return answer;
    },
    (call) => viaRest(call, 'demo-wires-rest'),
  );
  expect(nearest.refused).toBeGreaterThanOrEqual(3);
  expect(nearest.served).toBeGreaterThanOrEqual(3);
});

// ---- The streams: gRPC against WebChannel ----

type StreamCall = { rpc: 'Write' | 'Listen'; messages: Record<string, unknown>[] };

function streamRequest(): StreamCall {
  if (maybe(0.5))
    return {
      rpc: 'Write',
      messages: [{ database: DB }, { writes: [write(), write()] }],
    };
  const target: Record<string, unknown> = {
    targetId: pick([1, 2]),
    ...(maybe(0.8)
      ? { query: { parent: pick([DOCS, `${DOCS}/c/d1`]), structuredQuery: structuredQuery() } }
      : { documents: { documents: [pick(names), pick(names)] } }),
  };
  if (maybe(0.15)) target['readTime'] = new Time(1);
  if (maybe(0.1)) target['once'] = true;
  return { rpc: 'Listen', messages: [{ database: DB, addTarget: target }] };
}

/**
 * A Listen stream is done at its first global snapshot (no target ids, a read time), or when its
 * target is removed: Firestore refuses a bad target that way and keeps the stream open.
 */
function settled(call: StreamCall, payloads: unknown[]): boolean {
  const last = payloads[payloads.length - 1] as Record<string, unknown> | string | undefined;
  if (last === undefined) return false;
  if (typeof last !== 'object' || 'error' in last) return true;
  if (call.rpc === 'Write') return payloads.length >= 2;
  const change = last['targetChange'] as
    { targetChangeType?: string; targetIds?: number[]; readTime?: unknown } | undefined;
  if (change?.targetChangeType === 'REMOVE') return true;
  // A target listened to once is removed after its snapshot.
  const once = (call.messages[0]?.['addTarget'] as { once?: boolean } | undefined)?.once;
  return (
    !once && change !== undefined && !change.targetIds?.length && change.readTime !== undefined
  );
}

function streamAnswer(
  rpc: StreamCall['rpc'],
  payloads: Record<string, unknown>[],
  project: string,
): Answer {
  const failure = payloads.find((p) => 'error' in p);
  if (failure) {
    const error = failure['error'] as { status: string; message: string };
    return {
      error: { code: codeOf(error.status), message: unproject(error.message, project) },
    };
  }
  return answered(payloads.map(canonResponse), project);
}

async function streamViaGrpc(call: StreamCall, project: string): Promise<Answer> {
  const stream = raw.client.bidi(call.rpc);
  const payloads: Record<string, unknown>[] = [];
  return new Promise((resolve) => {
    stream.on('data', (message: Record<string, unknown>) => {
      payloads.push(message);
      if (settled(call, payloads)) {
        stream.cancel();
        resolve(streamAnswer(call.rpc, payloads, project));
      }
    });
    stream.on('error', (error: { code: number; details: string }) => {
      if (error.code === 1) return; // our own cancel
      resolve({ error: { code: error.code, message: unproject(error.details, project) } });
    });
    for (const message of call.messages)
      stream.write(render(message, 'grpc', project) as Record<string, unknown>);
  });
}

async function streamViaWebChannel(call: StreamCall, project: string): Promise<Answer> {
  const database = render(DB, 'json', project) as string;
  const client = webChannel(`http://${raw.harness.hostPort}`, database);
  const messages = call.messages.map((m) => render(m, 'json', project));
  const sid = await client.open(call.rpc, messages, 'Authorization:Bearer owner\r\n');
  const payloads = await client.receiveUntil(call.rpc, sid, (received) => settled(call, received));
  return streamAnswer(
    call.rpc,
    payloads.filter((p) => p !== 'close') as Record<string, unknown>[],
    project,
  );
}

it('answers 80 random Write and Listen streams alike by gRPC and by WebChannel', () =>
  expectSameAnswers(
    80,
    15,
    streamRequest,
    (call) => `${call.rpc} ${JSON.stringify(render(call.messages, 'json', '{P}'))}`,
    (call) => streamViaGrpc(call, 'demo-streams-grpc'),
    (call) => streamViaWebChannel(call, 'demo-streams-wc'),
  ));
