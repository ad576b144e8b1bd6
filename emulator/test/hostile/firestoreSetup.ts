/**
 * One Firestore emulator per test file, with documents written before any test runs and checked
 * after every test: whatever a hostile request did, the process must still answer and those
 * documents must be exactly as they were.
 */
import { afterEach, beforeAll, expect } from 'vitest';
import { http, useRawClient } from '../firestoreHarness.js';
import type { RawClient } from '../firestoreGrpcClient.js';
import { int, str, type Wire } from '../wireMessages.js';

export { int, str, type Wire } from '../wireMessages.js';
/** Parsed JSON answers; tests read into them freely and assert their shape. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;

/** A call's outcome as gRPC status code and details (0 and '' when it succeeded). */
export const status = (p: Promise<unknown>): Promise<{ code: number; details: string }> =>
  p.then(
    () => ({ code: 0, details: '' }),
    (e: { code: number; details: string }) => ({ code: e.code, details: e.details }),
  );

export interface HostileFirestore {
  readonly project: string;
  readonly db: string;
  readonly docs: string;
  readonly client: RawClient;
  readonly hostPort: string;
  update(path: string, fields: Wire, extra?: Wire): Wire;
  commit(writes: unknown[]): Promise<Wire>;
  get(path: string): Promise<Wire>;
  rest(
    method: string,
    path: string,
    body?: string | Buffer | Wire,
  ): Promise<{ status: number; json: Json }>;
  /** The documents written before the tests, by path. */
  readonly kept: Record<string, Wire>;
}

export function useHostileFirestore(project = 'demo-hostile'): HostileFirestore {
  const raw = useRawClient();
  const db = `projects/${project}/databases/(default)`;
  const docs = `${db}/documents`;
  const kept: Record<string, Wire> = {
    'kept/a': { n: int(1), s: str('first') },
    'kept/b': { m: { mapValue: { fields: { toString: int(2) } } } },
  };
  const target: HostileFirestore = {
    project,
    db,
    docs,
    kept,
    get client() {
      return raw.client;
    },
    get hostPort() {
      return raw.harness.hostPort;
    },
    update: (path, fields, extra = {}) => ({
      update: { name: `${docs}/${path}`, fields },
      ...extra,
    }),
    commit: (writes) => raw.client.unary('Commit', { database: db, writes }),
    get: (path) => raw.client.unary('GetDocument', { name: `${docs}/${path}` }),
    async rest(method, path, body) {
      const init: RequestInit = { method, headers: { Authorization: 'Bearer owner' } };
      if (body !== undefined)
        init.body =
          typeof body === 'string'
            ? body
            : Buffer.isBuffer(body)
              ? new Uint8Array(body)
              : JSON.stringify(body);
      const response = await fetch(`http://${raw.harness.hostPort}/v1/${path}`, init);
      const text = await response.text();
      return { status: response.status, json: text ? JSON.parse(text) : undefined };
    },
  };
  beforeAll(async () => {
    await target.commit(Object.entries(kept).map(([path, fields]) => target.update(path, fields)));
  });
  afterEach(async () => {
    expect((await http(raw.harness.hostPort, 'GET', '/')).text).toBe('Ok');
    for (const [path, fields] of Object.entries(kept)) {
      const doc = await target.get(path);
      expect(doc['fields']).toMatchObject(fields);
      expect(Object.keys(doc['fields'] as Wire).sort()).toEqual(Object.keys(fields).sort());
    }
  });
  return target;
}
