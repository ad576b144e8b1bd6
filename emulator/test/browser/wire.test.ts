/**
 * The browser wires spoken by hand, for what the SDK never sends: every REST route, CORS, bad
 * bodies and tokens, and WebChannel sessions whose messages the service refuses.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFirestore, type FirestoreEmulator } from '../../src/firestore/index.js';
import { preflight } from '../../src/testing/cors.js';
import { webChannel } from '../hostile/wire.js';
import { fieldFilter, int, orderBy } from '../wireMessages.js';

let emulator: FirestoreEmulator;
let base: string;
const DB = 'projects/demo-wire/databases/(default)';

beforeAll(async () => {
  emulator = await startFirestore({ port: 0, log: () => {} });
  base = `http://127.0.0.1:${emulator.port}`;
});
afterAll(() => emulator.close());

/** The parsed JSON answer; tests read into it freely and assert its shape. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

async function call(
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; json: Json }> {
  const init: RequestInit = { method, headers: { 'Content-Type': 'text/plain', ...headers } };
  if (body !== undefined) init.body = typeof body === 'string' ? body : JSON.stringify(body);
  const response = await fetch(`${base}${path}`, init);
  const text = await response.text();
  return { status: response.status, json: text ? JSON.parse(text) : undefined };
}

describe('REST', () => {
  it('answers the preflight the web SDK triggers with its headers', async () => {
    const response = await preflight(
      `${base}/v1/${DB}/documents:commit`,
      'authorization,content-type,google-cloud-resource-prefix,x-firebase-gmpid,x-goog-api-client,x-goog-request-params',
    );
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    expect(response.headers.get('access-control-allow-credentials')).toBe('true');
    expect(response.headers.get('access-control-allow-headers')).toContain('x-goog-api-client');
  });

  it('creates, reads, lists, patches and deletes documents', async () => {
    const created = await call(
      'POST',
      `/v1/${DB}/documents/notes?documentId=n1&mask.fieldPaths=title`,
      { fields: { title: { stringValue: 'a' }, n: { integerValue: '1' } } },
    );
    expect(created.status).toBe(200);
    expect(created.json).toMatchObject({
      name: `${DB}/documents/notes/n1`,
      fields: { title: { stringValue: 'a' } },
    });
    expect(created.json.fields.n).toBeUndefined();
    expect(created.json.updateTime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);

    const again = await call('POST', `/v1/${DB}/documents/notes?documentId=n1`, { fields: {} });
    expect(again).toMatchObject({
      status: 409,
      json: { error: { code: 409, status: 'ALREADY_EXISTS' } },
    });

    const patched = await call(
      'PATCH',
      `/v1/${DB}/documents/notes/n1?updateMask.fieldPaths=n&currentDocument.exists=true`,
      { fields: { n: { integerValue: '9007199254740993' } } },
    );
    expect(patched.json.fields).toEqual({
      title: { stringValue: 'a' },
      n: { integerValue: '9007199254740993' },
    });

    const got = await call('GET', `/v1/${DB}/documents/notes/n1?mask.fieldPaths=n`);
    expect(got.json.fields).toEqual({ n: { integerValue: '9007199254740993' } });

    await call('PATCH', `/v1/${DB}/documents/notes/n2`, {
      fields: { title: { stringValue: 'b' } },
    });
    const page = await call('GET', `/v1/${DB}/documents/notes?pageSize=1`);
    expect(page.json.documents.map((d: { name: string }) => d.name)).toEqual([
      `${DB}/documents/notes/n1`,
    ]);
    expect(page.json.nextPageToken).toBeTruthy();

    const stale = await call(
      'DELETE',
      `/v1/${DB}/documents/notes/n1?currentDocument.updateTime=2000-01-01T00:00:00Z`,
    );
    expect(stale).toMatchObject({
      status: 400,
      json: { error: { status: 'FAILED_PRECONDITION' } },
    });
    expect((await call('DELETE', `/v1/${DB}/documents/notes/n1`)).status).toBe(200);
    expect(await call('GET', `/v1/${DB}/documents/notes/n1`)).toMatchObject({
      status: 404,
      json: { error: { code: 404, status: 'NOT_FOUND' } },
    });
  });

  it('streams batchGet, runQuery and runAggregationQuery as JSON arrays', async () => {
    await call('POST', `/v1/${DB}/documents:commit`, {
      writes: [1, 2, 3].map((n) => ({
        update: { name: `${DB}/documents/nums/n${n}`, fields: { n: { integerValue: String(n) } } },
      })),
    });
    const batch = await call('POST', `/v1/${DB}/documents:batchGet`, {
      documents: [`${DB}/documents/nums/n1`, `${DB}/documents/nums/zz`],
    });
    expect(batch.json).toEqual([
      expect.objectContaining({
        found: expect.objectContaining({ name: `${DB}/documents/nums/n1` }),
      }),
      expect.objectContaining({ missing: `${DB}/documents/nums/zz`, readTime: expect.any(String) }),
    ]);
    const query = await call('POST', `/v1/${DB}/documents:runQuery`, {
      structuredQuery: {
        from: [{ collectionId: 'nums' }],
        where: fieldFilter('n', 'GREATER_THAN', int(1)),
        orderBy: [orderBy('n', 'DESCENDING')],
      },
    });
    expect(query.json.map((r: { document?: { name: string } }) => r.document?.name)).toEqual([
      `${DB}/documents/nums/n3`,
      `${DB}/documents/nums/n2`,
    ]);
    expect(query.json.at(-1).done).toBe(true);
    const aggregate = await call('POST', `/v1/${DB}/documents:runAggregationQuery`, {
      structuredAggregationQuery: {
        structuredQuery: { from: [{ collectionId: 'nums' }] },
        aggregations: [{ alias: 'total', sum: { field: { fieldPath: 'n' } } }],
      },
    });
    expect(aggregate.json).toEqual([
      {
        result: { aggregateFields: { total: { integerValue: '6' } } },
        readTime: expect.any(String),
      },
    ]);
  });

  it('begins, uses and rolls back a transaction', async () => {
    const begun = await call('POST', `/v1/${DB}/documents:beginTransaction`, {
      options: { readWrite: {} },
    });
    expect(begun.json.transaction).toMatch(/^[A-Za-z0-9+/]+=*$/);
    const read = await call('POST', `/v1/${DB}/documents:batchGet`, {
      documents: [`${DB}/documents/nums/n1`],
      transaction: begun.json.transaction,
    });
    expect(read.status).toBe(200);
    expect(
      (await call('POST', `/v1/${DB}/documents:rollback`, { transaction: begun.json.transaction }))
        .status,
    ).toBe(200);
  });

  it.each([
    [
      'a body that is not JSON',
      'POST',
      `/v1/${DB}/documents:commit`,
      '{"writes": [',
      /Invalid JSON payload/,
    ],
    [
      'an unknown field',
      'POST',
      `/v1/${DB}/documents:commit`,
      { writes: [], wat: 1 },
      /Unknown name "wat"/,
    ],
    [
      'a mistyped value',
      'POST',
      `/v1/${DB}/documents:commit`,
      {
        writes: [{ update: { name: `${DB}/documents/a/b`, fields: { n: { integerValue: 'x' } } } }],
      },
      /TYPE_INT64/,
    ],
    [
      'another database in the body',
      'POST',
      `/v1/${DB}/documents:commit`,
      { database: 'projects/other/databases/(default)' },
      /does not match/,
    ],
    [
      'an unknown query parameter',
      'GET',
      `/v1/${DB}/documents/a/b?bogus=1`,
      undefined,
      /Unknown name "bogus"/,
    ],
    [
      'a query without structuredQuery',
      'POST',
      `/v1/${DB}/documents:runQuery`,
      {},
      /structuredQuery/,
    ],
  ])(
    'refuses %s with INVALID_ARGUMENT and changes nothing',
    async (_name, method, path, body, message) => {
      const response = await call(method, path, body);
      expect(response.status).toBe(400);
      expect(response.json.error.status).toBe('INVALID_ARGUMENT');
      expect(response.json.error.message).toMatch(message);
    },
  );

  it('refuses a malformed token as UNAUTHENTICATED and an unsupported method as UNIMPLEMENTED', async () => {
    const unauthenticated = await call(
      'POST',
      `/v1/${DB}/documents:commit`,
      { writes: [] },
      { Authorization: 'Bearer not-a-jwt' },
    );
    expect(unauthenticated).toMatchObject({
      status: 401,
      json: { error: { status: 'UNAUTHENTICATED' } },
    });
    const unimplemented = await call('POST', `/v1/${DB}/documents:partitionQuery`, {});
    expect(unimplemented).toMatchObject({
      status: 501,
      json: { error: { status: 'UNIMPLEMENTED' } },
    });
  });
});

describe('WebChannel', () => {
  const open = (rpc: string, messages: unknown[], headers = ''): Promise<string> =>
    webChannel(base, DB).open(rpc, messages, headers);
  const receive = (rpc: string, sid: string, count: number): Promise<unknown[]> =>
    webChannel(base, DB).receive(rpc, sid, count);

  it('serves a document target: added, current, then a global snapshot', async () => {
    const sid = await open('Listen', [
      {
        database: DB,
        addTarget: { targetId: 2, documents: { documents: [`${DB}/documents/nums/n1`] } },
      },
    ]);
    const messages = await receive('Listen', sid, 4);
    expect(messages[0]).toEqual({ targetChange: { targetChangeType: 'ADD', targetIds: [2] } });
    expect(messages[1]).toMatchObject({
      documentChange: { document: { name: `${DB}/documents/nums/n1` }, targetIds: [2] },
    });
    expect(messages[2]).toMatchObject({
      targetChange: {
        targetChangeType: 'CURRENT',
        targetIds: [2],
        resumeToken: expect.any(String),
      },
    });
    expect(messages[3]).toEqual({
      targetChange: { resumeToken: expect.any(String), readTime: expect.any(String) },
    });
  });

  it('ends a stream whose request is malformed with INVALID_ARGUMENT, then asks the client to close', async () => {
    const sid = await open('Listen', [
      { database: DB, addTarget: { targetId: 1, nonsense: true } },
    ]);
    const [error, close] = await receive('Listen', sid, 2);
    expect(error).toEqual({
      error: {
        code: 400,
        message: expect.stringMatching(/Unknown name "nonsense"/),
        status: 'INVALID_ARGUMENT',
      },
    });
    expect(close).toBe('close');
  });

  it('refuses a channel whose token is malformed with UNAUTHENTICATED', async () => {
    const sid = await open('Write', [{ database: DB }], 'Authorization:Bearer garbage\r\n');
    const [error] = await receive('Write', sid, 1);
    expect(error).toMatchObject({ error: { status: 'UNAUTHENTICATED' } });
  });

  it('answers requests for an unknown session with 400 Unknown SID', async () => {
    const response = await fetch(
      `${webChannel(base, DB).url('Write')}&RID=rpc&SID=nope&AID=0&CI=0&TYPE=xmlhttp`,
    );
    expect(response.status).toBe(400);
    expect(await response.text()).toMatch(/.Unknown SID/);
  });
});
