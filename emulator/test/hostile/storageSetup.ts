/**
 * One Storage emulator per test file, with objects stored before any test runs and checked after
 * every test: whatever a hostile request did, the server must still answer and those objects must
 * be exactly as they were.
 */
import { createHash } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { startStorage, type StorageEmulator } from '../../src/storage/index.js';
import { postMultipart } from '../storageRequests.js';

/** Parsed JSON answers; tests read into them freely and assert their shape. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;

export { OWNER } from '../storageRequests.js';
export const md5 = (data: string | Buffer): string =>
  createHash('md5').update(data).digest('base64');

/** An unsigned ID token for `uid`, as the Auth emulator's are. */
export function userToken(uid: string): string {
  const claims = Buffer.from(JSON.stringify({ sub: uid, user_id: uid })).toString('base64url');
  return `Firebase ${Buffer.from('{"alg":"none"}').toString('base64url')}.${claims}.`;
}

export async function answer(response: Promise<Response>): Promise<{ status: number; json: Json }> {
  const r = await response;
  const text = await r.text();
  return { status: r.status, json: text ? JSON.parse(text) : undefined };
}

export interface HostileStorage {
  readonly bucket: string;
  readonly base: string;
  /** Firebase API object URL (the listing URL without a name). */
  v0(name?: string): string;
  /** GCS JSON API object URL (the listing URL without a name). */
  gcs(name?: string): string;
  /** GCS JSON API upload URL. */
  upload(): string;
  /** Stores an object through a GCS multipart upload. */
  put(name: string, data: string, metadata?: Record<string, string>): Promise<Json>;
  objectNames(): Promise<string[]>;
  /** The objects stored before the tests, name to contents. */
  readonly kept: Record<string, string>;
}

export function useHostileStorage(projectId = 'demo-hostile-storage'): HostileStorage {
  const bucket = `${projectId}.appspot.com`;
  let emulator: StorageEmulator;
  let base = '';
  const encoded = (name?: string): string =>
    name === undefined ? '' : `/${encodeURIComponent(name)}`;
  const storage: HostileStorage = {
    bucket,
    get base() {
      return base;
    },
    v0: (name) => `${base}/v0/b/${bucket}/o${encoded(name)}`,
    gcs: (name) => `${base}/storage/v1/b/${bucket}/o${encoded(name)}`,
    upload: () => `${base}/upload/storage/v1/b/${bucket}/o`,
    async put(name, data, metadata = {}) {
      const body =
        `--b\r\nContent-Type: application/json\r\n\r\n${JSON.stringify({ name, metadata })}\r\n` +
        `--b\r\nContent-Type: text/plain\r\n\r\n${data}\r\n--b--`;
      const response = await postMultipart(storage.upload(), 'b', body);
      expect(response.status).toBe(200);
      return response.json();
    },
    async objectNames() {
      const listed = (await (await fetch(storage.gcs())).json()) as Json;
      return (listed.items ?? []).map((item: Json) => item.name);
    },
    kept: { 'kept/a.txt': 'first', 'kept/b.txt': 'second' },
  };
  beforeAll(async () => {
    emulator = await startStorage({
      port: 0,
      projectId,
      dataDir: await mkdtemp(join(tmpdir(), 'hostile-storage-')),
      log: () => undefined,
    });
    base = `http://${emulator.host}:${emulator.port}`;
    for (const [name, data] of Object.entries(storage.kept)) await storage.put(name, data);
  });
  afterAll(() => emulator.close());
  afterEach(async () => {
    for (const [name, data] of Object.entries(storage.kept)) {
      const response = await fetch(`${storage.gcs(name)}?alt=media`);
      expect({ name, body: await response.text() }).toEqual({ name, body: data });
    }
  });
  return storage;
}
