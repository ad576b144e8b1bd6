/**
 * The wire itself, through a raw gRPC client: what the SDKs never send (maximum/minimum, limits,
 * malformed messages, bad tokens), the Write stream handshake, BatchWrite statuses, Listen resume.
 */
import { describe, expect, it } from 'vitest';
import { http, useRawClient } from './firestoreHarness.js';
import { int } from './wireMessages.js';

const DB = 'projects/demo-fs-wire/databases/(default)';
const DOCS = `${DB}/documents`;
const raw = useRawClient();

const update = (
  path: string,
  fields: Record<string, unknown>,
  extra: Record<string, unknown> = {},
): Record<string, unknown> => ({ update: { name: `${DOCS}/${path}`, fields }, ...extra });
const commit = (writes: unknown[], token?: string): Promise<Record<string, unknown>> =>
  raw.client.unary('Commit', { database: DB, writes }, token);
const code = async (p: Promise<unknown>): Promise<number | undefined> =>
  p.then(
    () => 0,
    (e: { code?: number }) => e.code,
  );

describe('transforms the SDKs do not expose', () => {
  it('maximum and minimum keep the larger and smaller operand, with mixed types', async () => {
    await commit([update('t/mm', { hi: int(5), lo: int(5), same: int(3) })]);
    const result = await commit([
      update(
        't/mm',
        {},
        {
          updateMask: { fieldPaths: [] },
          updateTransforms: [
            { fieldPath: 'hi', maximum: { doubleValue: 7.5 } },
            { fieldPath: 'lo', minimum: int(2) },
            { fieldPath: 'same', maximum: { doubleValue: 3 } },
            { fieldPath: 'fresh', minimum: int(9) },
          ],
        },
      ),
    ]);
    const [write] = result['writeResults'] as { transformResults: Record<string, unknown>[] }[];
    expect(write!.transformResults).toEqual([
      { doubleValue: 7.5, valueType: 'doubleValue' },
      { integerValue: '2', valueType: 'integerValue' },
      { integerValue: '3', valueType: 'integerValue' },
      { integerValue: '9', valueType: 'integerValue' },
    ]);
  });

  it('integer increments saturate at the int64 bounds', async () => {
    await commit([update('t/sat', { n: { integerValue: '9223372036854775800' } })]);
    const result = await commit([
      update(
        't/sat',
        {},
        {
          updateMask: { fieldPaths: [] },
          updateTransforms: [{ fieldPath: 'n', increment: int(100) }],
        },
      ),
    ]);
    const [write] = result['writeResults'] as { transformResults: Record<string, unknown>[] }[];
    expect(write!.transformResults[0]!['integerValue']).toBe('9223372036854775807');
  });
});

describe('limits and malformed input', () => {
  it('nesting deeper than 20 and arrays in arrays are INVALID_ARGUMENT', async () => {
    let deep: Record<string, unknown> = int(1);
    for (let i = 0; i < 21; i++) deep = { mapValue: { fields: { m: deep } } };
    expect(await code(commit([update('lim/deep', { d: deep })]))).toBe(3);
    expect(
      await code(
        commit([
          update('lim/arr', { a: { arrayValue: { values: [{ arrayValue: { values: [] } }] } } }),
        ]),
      ),
    ).toBe(3);
  });

  it('bad names, empty values and unknown transactions are INVALID_ARGUMENT', async () => {
    expect(await code(commit([update('odd', {})]))).toBe(3);
    expect(await code(commit([update('c/__reserved__', {})]))).toBe(3);
    expect(await code(commit([update('c/d', { v: {} })]))).toBe(3);
    expect(
      await code(
        raw.client.unary('Commit', { database: DB, writes: [], transaction: Buffer.from('nope') }),
      ),
    ).toBe(3);
    expect(await code(raw.client.unary('GetDocument', { name: 'garbage' }))).toBe(3);
  });

  it('undecodable bytes are INVALID_ARGUMENT, not INTERNAL', async () => {
    expect(
      await code(raw.client.unaryBytes('Commit', Buffer.from([0xff, 0xff, 0xff, 0x0f, 0x01]))),
    ).toBe(3);
  });

  it('impossible queries are INVALID_ARGUMENT', async () => {
    const query = (structuredQuery: unknown): Promise<unknown> =>
      raw.client.stream('RunQuery', { parent: DOCS, structuredQuery });
    const values = Array.from({ length: 31 }, (_, i) => int(i));
    expect(
      await code(
        query({
          from: [{ collectionId: 'c' }],
          where: {
            fieldFilter: { field: { fieldPath: 'a' }, op: 'IN', value: { arrayValue: { values } } },
          },
        }),
      ),
    ).toBe(3);
    expect(
      await code(query({ from: [{ collectionId: 'c' }], startAt: { values: [int(1), int(2)] } })),
    ).toBe(3);
    expect(await code(query({ from: [] }))).toBe(3);
    expect(
      await code(
        query({
          from: [{ collectionId: 'c' }],
          where: { fieldFilter: { field: { fieldPath: '' }, op: 'EQUAL', value: int(1) } },
        }),
      ),
    ).toBe(3);
  });

  it('a malformed token is UNAUTHENTICATED; an emulator token is accepted', async () => {
    expect(await code(raw.client.unary('GetDocument', { name: `${DOCS}/c/d` }, 'not-a-jwt'))).toBe(
      16,
    );
    const claims = Buffer.from(JSON.stringify({ sub: 'u1', user_id: 'u1' })).toString('base64url');
    const token = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${claims}.`;
    expect(await code(raw.client.unary('GetDocument', { name: `${DOCS}/c/d` }, token))).toBe(5);
  });
});

describe('BatchWrite and the Write stream', () => {
  it('BatchWrite applies each write independently', async () => {
    await commit([update('bw/exists', { v: int(1) })]);
    const result = await raw.client.unary('BatchWrite', {
      database: DB,
      writes: [
        update('bw/a', { v: int(1) }),
        update('bw/exists', {}, { currentDocument: { exists: false } }),
      ],
    });
    expect((result['status'] as { code: number }[]).map((s) => s.code ?? 0)).toEqual([0, 6]);
  });

  it('the Write stream answers the handshake with a stream id and token, then commits', async () => {
    const call = raw.client.bidi('Write');
    const responses: Record<string, unknown>[] = [];
    const second = new Promise<void>((resolve, reject) => {
      call.on('data', (r: Record<string, unknown>) => {
        responses.push(r);
        if (responses.length === 1)
          call.write({ streamToken: r['streamToken'], writes: [update('ws/one', { v: int(1) })] });
        if (responses.length === 2) resolve();
      });
      call.on('error', reject);
    });
    call.write({ database: DB });
    await second;
    call.end();
    expect(typeof responses[0]!['streamId']).toBe('string');
    expect((responses[1]!['writeResults'] as unknown[]).length).toBe(1);
    expect(responses[1]!['commitTime']).toBeDefined();
  });
});

describe('Listen', () => {
  type Response = Record<string, Record<string, unknown> | undefined>;
  function listen(
    target: Record<string, unknown>,
    until: (r: Response[]) => boolean,
    during?: () => Promise<unknown>,
  ): Promise<Response[]> {
    return new Promise((resolve, reject) => {
      const call = raw.client.bidi('Listen');
      const seen: Response[] = [];
      let started = false;
      call.on('data', (r: Response) => {
        seen.push(r);
        const global =
          r['targetChange'] &&
          r['targetChange']['targetChangeType'] === 'NO_CHANGE' &&
          ((r['targetChange']['targetIds'] as unknown[]) ?? []).length === 0;
        if (global && !started && during) {
          started = true;
          during().catch(reject);
        }
        if (until(seen)) {
          call.cancel();
          resolve(seen);
        }
      });
      call.on('error', (e: { code?: number }) => (e.code === 1 ? undefined : reject(e)));
      call.write({ database: DB, addTarget: { targetId: 7, ...target } });
    });
  }
  const kinds = (rs: Response[]): string[] =>
    rs.map((r) =>
      r['targetChange']
        ? `${r['targetChange']['targetChangeType']}`
        : (Object.keys(r).find((k) => r[k] !== undefined) ?? '?'),
    );
  const globals = (rs: Response[]): Response[] =>
    rs.filter((r) => r['targetChange']?.['targetChangeType'] === 'NO_CHANGE');

  it('sends ADD, the documents, CURRENT and a global snapshot, then every change', async () => {
    await commit([update('lis/a', { v: int(1) })]);
    const seen = await listen(
      { query: { parent: DOCS, structuredQuery: { from: [{ collectionId: 'lis' }] } } },
      (rs) => globals(rs).length === 3,
      async () => {
        await commit([update('lis/b', { v: int(2) })]);
        await commit([{ delete: `${DOCS}/lis/a` }]);
      },
    );
    expect(kinds(seen)).toEqual([
      'ADD',
      'documentChange',
      'CURRENT',
      'NO_CHANGE',
      'documentChange',
      'NO_CHANGE',
      'documentDelete',
      'NO_CHANGE',
    ]);
  });

  it('resuming from a token sends only what changed since, including removals', async () => {
    await commit([update('res/a', { v: int(1) }), update('res/b', { v: int(1) })]);
    const first = await listen(
      { query: { parent: DOCS, structuredQuery: { from: [{ collectionId: 'res' }] } } },
      (rs) => globals(rs).length === 1,
    );
    const token = globals(first)[0]!['targetChange']!['resumeToken'];
    await commit([{ delete: `${DOCS}/res/a` }, update('res/c', { v: int(1) })]);
    const resumed = await listen(
      {
        query: { parent: DOCS, structuredQuery: { from: [{ collectionId: 'res' }] } },
        resumeToken: token,
      },
      (rs) => globals(rs).length === 1,
    );
    const changed = resumed
      .filter((r) => r['documentChange'])
      .map((r) => (r['documentChange']!['document'] as { name: string }).name.split('/').pop());
    const removed = resumed
      .filter((r) => r['documentRemove'] || r['documentDelete'])
      .map((r) =>
        String((r['documentRemove'] ?? r['documentDelete'])!['document'])
          .split('/')
          .pop(),
      );
    expect(changed).toEqual(['c']);
    expect(removed).toEqual(['a']);
    // After the delta and before CURRENT, the count of what the target now holds (b and c).
    const filterAt = resumed.findIndex((r) => r['filter']);
    expect(resumed[filterAt]!['filter']).toEqual({ targetId: expect.any(Number), count: 2 });
    expect(filterAt).toBeGreaterThan(resumed.findIndex((r) => r['documentChange']));
    expect(filterAt).toBeLessThan(
      resumed.findIndex((r) => r['targetChange']?.['targetChangeType'] === 'CURRENT'),
    );
  });
});

describe('control endpoints', () => {
  it('GET / answers Ok and DELETE clears one project only', async () => {
    expect((await http(raw.harness.hostPort, 'GET', '/')).text).toBe('Ok');
    await commit([update('keep/me', { v: int(1) })]);
    const other = 'projects/demo-fs-wire-other/databases/(default)';
    await raw.client.unary('Commit', {
      database: other,
      writes: [{ update: { name: `${other}/documents/keep/me`, fields: {} } }],
    });
    expect(
      (
        await http(
          raw.harness.hostPort,
          'DELETE',
          '/emulator/v1/projects/demo-fs-wire/databases/(default)/documents',
        )
      ).status,
    ).toBe(200);
    expect(await code(raw.client.unary('GetDocument', { name: `${DOCS}/keep/me` }))).toBe(5);
    expect(
      await code(raw.client.unary('GetDocument', { name: `${other}/documents/keep/me` })),
    ).toBe(0);
  });
});
