/**
 * The Hearth Console's server on the Emulator UI's port: the built console (single-page fallback,
 * gzip, caching), the stack's description and health, the bridge's delivery log (JSON and live),
 * and export and import of the whole stack in the layout `npm start` keeps, against the real
 * Firestore and Storage emulators and a stand-in for firebase-tools' hub and Auth emulator.
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { Firestore } from 'firebase-admin/firestore';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeliveryRecord } from '../src/bridge/index.js';
import { RingLog } from '../src/observe/ringLog.js';
import { startStorage, type StorageEmulator } from '../src/storage/index.js';
import { startConsoleServer, type ConsoleServer } from '../src/ui/consoleServer.js';
import { readEvents } from './eventStreamClient.js';
import { startHarness, type Harness } from './firestoreHarness.js';

const projectId = 'demo-console-server';
const ACCOUNTS = {
  kind: 'identitytoolkit#DownloadAccountResponse',
  users: [{ localId: 'u1', email: 'a@b.c' }],
};

let harness: Harness;
let db: Firestore;
let storage: StorageEmulator;
let tools: Server;
let toolsOrigin: string;
/** What the stand-in for firebase-tools was asked, in order. */
const toolCalls: { method: string; url: string; body: string }[] = [];
let deliveries: RingLog<DeliveryRecord>;
let server: ConsoleServer;
let consoleDir: string;

function delivery(id: number, status: DeliveryRecord['status']): DeliveryRecord {
  return {
    id,
    queuedAt: 1_700_000_000_000 + id,
    functionId: 'us-central1-onTodo',
    eventType: 'google.cloud.firestore.document.v1.written',
    subject: `documents/todos/t${id} (created)`,
    attempts: status === 'pending' ? 0 : 1,
    status,
    durationMs: status === 'pending' ? null : 12,
    error: null,
  };
}

beforeAll(async () => {
  harness = await startHarness();
  db = harness.admin(projectId);
  storage = await startStorage({ port: 0, projectId, log: () => undefined });
  tools = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      toolCalls.push({ method: req.method ?? '', url: req.url ?? '', body });
      if (req.url === '/emulators') {
        res.end(JSON.stringify({ auth: { name: 'auth', host: '127.0.0.1', port: 9 } }));
      } else if (req.url === '/_admin/export') {
        const { path } = JSON.parse(body) as { path: string };
        void mkdir(join(path, 'auth_export'), { recursive: true })
          .then(() =>
            writeFile(join(path, 'auth_export', 'accounts.json'), JSON.stringify(ACCOUNTS)),
          )
          .then(() => res.end('{"message":"OK"}'));
      } else {
        res.end('{}');
      }
    });
  });
  await new Promise<void>((resolve) => tools.listen(0, '127.0.0.1', resolve));
  toolsOrigin = `http://127.0.0.1:${(tools.address() as AddressInfo).port}`;
  consoleDir = await mkdtemp(join(tmpdir(), 'hearth-console-dist-'));
  await mkdir(join(consoleDir, 'assets'));
  await writeFile(join(consoleDir, 'index.html'), '<!doctype html><title>Hearth Console</title>');
  await writeFile(
    join(consoleDir, 'assets', 'app-1234.js'),
    `console.log(${'"hearth"'.repeat(100)});`,
  );
  deliveries = new RingLog(10);
  const toolsPort = Number(new URL(toolsOrigin).port);
  server = await startConsoleServer({
    host: '127.0.0.1',
    port: 0,
    projectId,
    consoleDir,
    addresses: {
      firestore: { host: harness.emulator.host, port: harness.emulator.port },
      storage: { host: storage.host, port: storage.port },
      auth: { host: '127.0.0.1', port: toolsPort },
      functions: { host: '127.0.0.1', port: 1 },
    },
    hubOrigin: toolsOrigin,
    deliveries,
    data: { firestore: harness.emulator, storage },
  });
});

afterAll(async () => {
  await server.close();
  await new Promise((resolve) => tools.close(resolve));
  await storage.close();
  await harness.close();
});

const post = (
  path: string,
  body: string,
  headers: Record<string, string> = { 'Content-Type': 'application/json' },
) => fetch(`${server.url}${path}`, { method: 'POST', headers, body });

describe('the console’s files', () => {
  it('answers every page address with the single page, which browsers ask for again each time', async () => {
    for (const path of ['/', '/firestore/(default)/data/lists/l1', '/requests?denied=1']) {
      const response = await fetch(`${server.url}${path}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('cache-control')).toBe('no-cache');
      expect(await response.text()).toContain('<title>Hearth Console</title>');
    }
  });

  it('sends hashed assets gzipped when the browser accepts it, to be cached for good', async () => {
    const response = await fetch(`${server.url}/assets/app-1234.js`, {
      headers: { 'Accept-Encoding': 'identity' },
    });
    const raw = await response.text();
    const gzipped = await new Promise<{
      encoding: string | undefined;
      body: Buffer;
      cache: string | undefined;
    }>((resolve) => {
      // fetch would decompress: read the bytes as they come.
      void import('node:http').then(({ get }) =>
        get(
          `${server.url}/assets/app-1234.js`,
          { headers: { 'Accept-Encoding': 'gzip' } },
          (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (chunk: Buffer) => chunks.push(chunk));
            res.on('end', () =>
              resolve({
                encoding: res.headers['content-encoding'],
                body: Buffer.concat(chunks),
                cache: res.headers['cache-control'],
              }),
            );
          },
        ),
      );
    });
    expect(gzipped.encoding).toBe('gzip');
    expect(gzipped.cache).toBe('public, max-age=31536000, immutable');
    expect(gzipped.body.length).toBeLessThan(raw.length);
    expect(gunzipSync(gzipped.body).toString()).toBe(raw);
  });

  it('says how to build the console when it is not built, and the emulators go on', async () => {
    const bare = await startConsoleServer({
      host: '127.0.0.1',
      port: 0,
      projectId,
      consoleDir: join(consoleDir, 'missing'),
      addresses: {},
      deliveries: null,
      data: {},
    });
    try {
      const response = await fetch(`${bare.url}/`);
      expect(response.status).toBe(503);
      expect(await response.text()).toContain('npm run build -w console');
    } finally {
      await bare.close();
    }
  });
});

describe('the stack’s description', () => {
  it('gives the project and every emulator’s address: firebase.json’s, the hub’s, and its own', async () => {
    const config = (await (await fetch(`${server.url}/api/config`)).json()) as Record<
      string,
      unknown
    >;
    expect(config).toEqual({
      projectId,
      emulators: {
        firestore: { host: harness.emulator.host, port: harness.emulator.port },
        storage: { host: storage.host, port: storage.port },
        auth: { host: '127.0.0.1', port: 9 },
        functions: { host: '127.0.0.1', port: 1 },
        ui: { host: '127.0.0.1', port: server.port },
      },
      bridge: true,
    });
  });

  it('tells which emulators accept connections', async () => {
    const health = (await (await fetch(`${server.url}/api/health`)).json()) as Record<
      string,
      boolean
    >;
    expect(health).toEqual({
      firestore: true,
      storage: true,
      auth: false,
      functions: false,
      ui: true,
    });
  });
});

describe('the delivery log', () => {
  it('gives each delivery’s latest state, newest first', async () => {
    deliveries.push(delivery(1, 'pending'));
    deliveries.push(delivery(2, 'pending'));
    deliveries.push(delivery(1, 'delivered'));
    const { deliveries: listed } = (await (
      await fetch(`${server.url}/emulator/v1/projects/${projectId}/deliveries`)
    ).json()) as { deliveries: DeliveryRecord[] };
    expect(listed.map((d) => [d.id, d.status])).toEqual([
      [2, 'pending'],
      [1, 'delivered'],
    ]);
  });

  it('streams what was logged and then each change as it happens', async () => {
    const stream = readEvents(`${server.url}/emulator/v1/projects/${projectId}/deliveries`);
    try {
      const replayed = await stream.next(3);
      expect(replayed.map((e) => JSON.parse(e.data).status)).toEqual([
        'pending',
        'pending',
        'delivered',
      ]);
      // Well after the request was read: the stream must still be open.
      await new Promise((resolve) => setTimeout(resolve, 200));
      deliveries.push(delivery(2, 'delivered'));
      const [live] = await stream.next(1);
      expect(live).toMatchObject({ event: 'delivery', id: '4' });
      expect(JSON.parse(live?.data ?? '')).toMatchObject({
        id: 2,
        status: 'delivered',
        durationMs: 12,
      });
    } finally {
      stream.close();
    }
  });
});

describe('export and import', () => {
  it('exports Firestore, Storage and (through the hub) Auth into the layout npm start keeps', async () => {
    await db.doc('notes/n1').set({ text: 'before' });
    await fetch(
      `http://${storage.host}:${storage.port}/upload/storage/v1/b/bucket/o?uploadType=media&name=a.txt`,
      {
        method: 'POST',
        headers: { 'Content-Type': 'text/plain' },
        body: 'hello',
      },
    );
    const dir = join(await mkdtemp(join(tmpdir(), 'hearth-stack-export-')), 'monday');
    const response = await post(
      `/emulator/v1/projects/${projectId}:export`,
      JSON.stringify({ path: dir }),
    );
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ path: dir, parts: ['firestore', 'storage', 'auth'] });
    expect(existsSync(join(dir, 'emulator', 'hearth-export.json'))).toBe(true);
    expect(existsSync(join(dir, 'emulator', 'firestore'))).toBe(true);
    expect(existsSync(join(dir, 'emulator', 'storage'))).toBe(true);
    expect(toolCalls.find((c) => c.url === '/_admin/export')?.body).toBe(
      JSON.stringify({ path: join(dir, 'firebase'), initiatedBy: 'hearth-console' }),
    );

    await db.doc('notes/n1').set({ text: 'after' });
    await db.doc('notes/n2').set({ text: 'new' });
    toolCalls.length = 0;
    const imported = await post(
      `/emulator/v1/projects/${projectId}:import`,
      JSON.stringify({ path: dir }),
    );
    expect(imported.status).toBe(200);
    expect(await imported.json()).toEqual({ path: dir, parts: ['firestore', 'storage', 'auth'] });
    expect((await db.doc('notes/n1').get()).get('text')).toBe('before');
    expect((await db.doc('notes/n2').get()).exists).toBe(false);
    const object = await fetch(
      `http://${storage.host}:${storage.port}/download/storage/v1/b/bucket/o/a.txt?alt=media`,
    );
    expect(await object.text()).toBe('hello');
    expect(toolCalls.map((c) => `${c.method} ${c.url}`)).toEqual([
      `DELETE /emulator/v1/projects/${projectId}/accounts`,
      `POST /identitytoolkit.googleapis.com/v1/projects/${projectId}/accounts:batchCreate`,
    ]);
    expect(JSON.parse(toolCalls[1]?.body ?? '')).toEqual(ACCOUNTS);
    expect(await readFile(join(dir, 'firebase', 'auth_export', 'accounts.json'), 'utf8')).toBe(
      JSON.stringify(ACCOUNTS),
    );
  });

  it.each([
    [
      'a page of another site',
      { 'Content-Type': 'application/json', Origin: 'http://evil.example' },
      '{"path":"x"}',
      403,
      /only taken from the console/,
    ],
    ['a form post', { 'Content-Type': 'text/plain' }, '{"path":"x"}', 400, /application\/json/],
    ['no folder', { 'Content-Type': 'application/json' }, '{}', 400, /Name the folder/],
    ['not JSON', { 'Content-Type': 'application/json' }, '{path', 400, /not a JSON object/],
  ])('refuses %s and writes nothing', async (_what, headers, body, status, message) => {
    const before = await readFile(join(consoleDir, 'index.html'), 'utf8');
    const response = await post(`/emulator/v1/projects/${projectId}:export`, body, headers);
    expect(response.status).toBe(status);
    expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(
      message,
    );
    expect(existsSync('x')).toBe(false);
    expect(await readFile(join(consoleDir, 'index.html'), 'utf8')).toBe(before);
  });

  it('refuses to import a folder that does not exist, changing nothing', async () => {
    await db.doc('notes/n3').set({ text: 'stays' });
    const response = await post(
      `/emulator/v1/projects/${projectId}:import`,
      JSON.stringify({ path: join(tmpdir(), 'no-such-hearth-export') }),
    );
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(
      /There is no folder/,
    );
    expect((await db.doc('notes/n3').get()).exists).toBe(true);
  });
});
