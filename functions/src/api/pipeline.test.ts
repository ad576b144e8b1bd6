import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { todoCreateSchema } from '../model/index.js';
import { AppError } from '../shared/errors.js';
import { publicOperation, signedInOperation } from './operation.js';
import { apiPath, createApi, type ApiRequest, type RequestLog } from './pipeline.js';
import { RateLimiter } from './rateLimiter.js';

const operations = [
  publicOperation({
    method: 'GET',
    path: '/hello/{name}',
    operationId: 'hello',
    summary: 'Greets.',
    params: z.strictObject({ name: z.string().max(5) }),
    success: { status: 200, schema: z.object({ hello: z.string() }) },
    errors: [],
    handle: async ({ params }) => ({ hello: params.name }),
  }),
  signedInOperation({
    method: 'POST',
    path: '/things',
    operationId: 'createThing',
    summary: 'Echoes a to-do draft.',
    params: z.strictObject({}),
    body: todoCreateSchema,
    success: { status: 201, schema: z.object({ uid: z.string(), title: z.string() }) },
    errors: [],
    handle: async ({ uid, body }) => ({ uid, title: body.title }),
  }),
  signedInOperation({
    method: 'DELETE',
    path: '/things',
    operationId: 'deleteThings',
    summary: 'Fails in every way it can.',
    params: z.strictObject({}),
    query: z.strictObject({ fail: z.enum(['app', 'bug']).optional() }),
    success: { status: 204 },
    errors: [],
    async handle({ query }) {
      if (query.fail === 'app') throw new AppError('permission-denied', 'Viewers cannot.');
      if (query.fail === 'bug') throw new Error('database password is hunter2');
    },
  }),
];

const verifyToken = async (token: string) => {
  if (token.startsWith('good-')) return { uid: token.slice('good-'.length) };
  throw Object.assign(new Error('nope'), {
    code: token === 'expired' ? 'auth/id-token-expired' : 'auth/argument-error',
  });
};

function setup(limit = { burst: 100, perSecond: 1 }) {
  const logs: RequestLog[] = [];
  const handle = createApi({
    operations,
    verifyToken,
    limiter: new RateLimiter(limit),
    corsOrigins: new Set(['http://localhost:5173']),
    log: (entry) => logs.push(entry),
  });
  const call = (
    method: string,
    url: string,
    headers: Record<string, string> = {},
    body?: string,
  ) => {
    const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
    const request: ApiRequest = {
      method,
      url,
      header: (name) => lower[name.toLowerCase()],
      rawBody: body === undefined ? undefined : Buffer.from(body),
      ip: '203.0.113.9',
    };
    return handle(request);
  };
  return { call, logs };
}

const signedIn = { Authorization: 'Bearer good-alice', 'Content-Type': 'application/json' };

describe('apiPath', () => {
  it('accepts the path with (Hosting) and without (direct) the /api prefix', () => {
    expect(apiPath('/api/v1/lists?limit=2')?.path).toBe('/lists');
    expect(apiPath('/v1/lists')?.path).toBe('/lists');
    expect(apiPath('/api/v1/lists?limit=2')?.query.get('limit')).toBe('2');
  });

  it('refuses other versions and look-alike prefixes', () => {
    expect(apiPath('/api/v2/lists')).toBeNull();
    expect(apiPath('/api/v1lists')).toBeNull();
    expect(apiPath('/lists')).toBeNull();
  });
});

describe('the request pipeline', () => {
  it('runs a public operation and answers JSON with a request id', async () => {
    const { call } = setup();
    const response = await call('GET', '/api/v1/hello/bob');
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ hello: 'bob' });
    expect(response.headers['X-Request-Id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('echoes a sane X-Request-Id and replaces one that could forge log fields', async () => {
    const { call } = setup();
    expect(
      (await call('GET', '/v1/hello/bob', { 'X-Request-Id': 'abc-123' })).headers['X-Request-Id'],
    ).toBe('abc-123');
    const forged = await call('GET', '/v1/hello/bob', { 'X-Request-Id': 'a"\n{"uid":"x"}' });
    expect(forged.headers['X-Request-Id']).not.toContain('"');
  });

  it('answers unknown paths with 404 in the error shape', async () => {
    const { call } = setup();
    const response = await call('GET', '/api/v1/nothing');
    expect(response.status).toBe(404);
    expect(response.body).toEqual({ error: { code: 'not-found', message: expect.any(String) } });
  });

  it('answers a wrong method with 405 and an Allow header', async () => {
    const { call } = setup();
    const response = await call('PUT', '/api/v1/things', signedIn, '{}');
    expect(response.status).toBe(405);
    expect(response.headers.Allow).toBe('POST, DELETE');
    expect(response.body).toMatchObject({ error: { code: 'method-not-allowed' } });
  });

  it('names the invalid path parameter', async () => {
    const { call } = setup();
    const response = await call('GET', '/api/v1/hello/toolongname');
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({
      error: { code: 'invalid-argument', message: expect.stringMatching(/^name: /) },
    });
  });

  it.each([
    ['no Authorization header', {}, /Sign in first/],
    ['another scheme', { Authorization: 'Basic YTpi' }, /Bearer/],
    ['an empty bearer', { Authorization: 'Bearer ' }, /Bearer/],
    ['a garbage token', { Authorization: 'Bearer garbage' }, /not valid/],
    ['an expired token', { Authorization: 'Bearer expired' }, /expired/],
  ])('answers %s with 401 and WWW-Authenticate', async (_what, headers, message) => {
    const { call } = setup();
    const response = await call(
      'POST',
      '/api/v1/things',
      { 'Content-Type': 'application/json', ...headers },
      '{"title":"x"}',
    );
    expect(response.status).toBe(401);
    expect(response.headers['WWW-Authenticate']).toBe('Bearer');
    expect(response.body).toMatchObject({ error: { code: 'unauthenticated', message } });
  });

  it('passes the verified uid and the validated body to the operation', async () => {
    const { call, logs } = setup();
    const response = await call('POST', '/api/v1/things', signedIn, '{"title":"  Milk  "}');
    expect(response).toMatchObject({ status: 201, body: { uid: 'alice', title: 'Milk' } });
    expect(logs.at(-1)).toMatchObject({
      method: 'POST',
      path: '/api/v1/things',
      status: 201,
      uid: 'alice',
    });
  });

  it.each([
    ['a server-owned field', '{"title":"x","createdBy":"mallory"}', /^createdBy: /],
    ['a wrong type', '{"title":42}', /^title: /],
    ['malformed JSON', '{"title":', /not valid JSON/],
    ['a JSON array', '[1]', /object/],
    ['__proto__', '{"title":"x","__proto__":{"admin":true}}', /__proto__/],
  ])('refuses %s with 400', async (_what, body, message) => {
    const { call } = setup();
    const response = await call('POST', '/api/v1/things', signedIn, body);
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ error: { code: 'invalid-argument', message } });
  });

  it('refuses a non-JSON body with 415 and a huge one with 413', async () => {
    const { call } = setup();
    const text = await call(
      'POST',
      '/api/v1/things',
      { ...signedIn, 'Content-Type': 'text/plain' },
      'hi',
    );
    expect(text.status).toBe(415);
    const huge = await call(
      'POST',
      '/api/v1/things',
      signedIn,
      JSON.stringify({ title: 'x'.repeat(70_000) }),
    );
    expect(huge.status).toBe(413);
  });

  it('refuses repeated and unknown query parameters', async () => {
    const { call } = setup();
    expect((await call('DELETE', '/api/v1/things?fail=app&fail=bug', signedIn)).status).toBe(400);
    expect((await call('DELETE', '/api/v1/things?nope=1', signedIn)).status).toBe(400);
  });

  it('maps AppErrors to their status and hides unexpected errors, logging them', async () => {
    const { call, logs } = setup();
    expect((await call('DELETE', '/api/v1/things?fail=app', signedIn)).status).toBe(403);
    const bug = await call('DELETE', '/api/v1/things?fail=bug', signedIn);
    expect(bug.status).toBe(500);
    expect(JSON.stringify(bug.body)).not.toContain('hunter2');
    expect(String(logs.at(-1)?.error)).toContain('hunter2');
  });

  it('answers 204 without a body', async () => {
    const { call } = setup();
    const response = await call('DELETE', '/api/v1/things', signedIn);
    expect(response.status).toBe(204);
    expect(response.body).toBeUndefined();
  });

  it('rate limits a flooding caller with 429 and Retry-After, per uid', async () => {
    const { call } = setup({ burst: 2, perSecond: 0.5 });
    const statuses = [];
    for (let i = 0; i < 3; i++)
      statuses.push((await call('DELETE', '/api/v1/things', signedIn)).status);
    expect(statuses).toEqual([204, 204, 429]);
    const limited = await call('DELETE', '/api/v1/things', signedIn);
    expect(limited.headers['Retry-After']).toBe('2');
    expect(limited.body).toMatchObject({ error: { code: 'resource-exhausted' } });
    const bob = await call('DELETE', '/api/v1/things', { Authorization: 'Bearer good-bob' });
    expect(bob.status).toBe(204);
  });

  it('counts failed sign-ins against the address', async () => {
    const { call } = setup({ burst: 2, perSecond: 0.5 });
    const garbage = { Authorization: 'Bearer garbage' };
    const statuses = [];
    for (let i = 0; i < 3; i++)
      statuses.push((await call('DELETE', '/api/v1/things', garbage)).status);
    expect(statuses).toEqual([401, 401, 429]);
  });

  it('adds CORS headers for configured origins only', async () => {
    const { call } = setup();
    const allowed = await call('GET', '/api/v1/hello/bob', { Origin: 'http://localhost:5173' });
    expect(allowed.headers['Access-Control-Allow-Origin']).toBe('http://localhost:5173');
    expect(allowed.headers['Access-Control-Expose-Headers']).toContain('X-Request-Id');
    expect(allowed.headers.Vary).toBe('Origin');
    const other = await call('GET', '/api/v1/hello/bob', { Origin: 'https://evil.example' });
    expect(other.headers['Access-Control-Allow-Origin']).toBeUndefined();
  });

  it('answers preflights with the methods of the path', async () => {
    const { call } = setup();
    const response = await call('OPTIONS', '/api/v1/things', {
      Origin: 'http://localhost:5173',
      'Access-Control-Request-Method': 'POST',
    });
    expect(response.status).toBe(204);
    expect(response.headers['Access-Control-Allow-Methods']).toBe('POST, DELETE');
    expect(response.headers['Access-Control-Allow-Headers']).toContain('Authorization');
    const stranger = await call('OPTIONS', '/api/v1/things', { Origin: 'https://evil.example' });
    expect(stranger.headers['Access-Control-Allow-Methods']).toBeUndefined();
    expect((await call('OPTIONS', '/api/v1/nothing')).status).toBe(404);
  });

  it('logs one line per call with method, path, status, latency and uid', async () => {
    const { call, logs } = setup();
    await call('GET', '/api/v1/hello/bob?x=1');
    await call('GET', '/api/v1/nothing');
    expect(logs).toHaveLength(2);
    expect(logs[0]).toEqual({
      requestId: expect.any(String),
      method: 'GET',
      path: '/api/v1/hello/bob',
      status: 200,
      latencyMs: expect.any(Number),
      uid: null,
    });
    expect(logs[1]?.status).toBe(404);
  });
});
