/**
 * The bridge against the real firebase-tools Functions emulator running the plain-JS fixture
 * functions in fixtures/bridge-functions: each fixture function appends what the
 * firebase-functions SDK decoded from our event to a JSON-lines file, and the tests compare that
 * with what they committed. The Functions emulator runs alone (`--only functions`) on free ports,
 * so it lists the Firestore and Storage triggers as "ignored", exactly as in the local stack.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deleteApp, initializeApp } from 'firebase-admin/app';
import { getStorage } from 'firebase-admin/storage';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Fields } from '../src/model/value.js';
import {
  startBridge,
  type Bridge,
  type CommitEvent,
  type ObjectEvent,
} from '../src/bridge/index.js';
import { startStorage } from '../src/storage/index.js';
import { startHarness } from './firestoreHarness.js';

const projectId = 'demo-bridge';
const bucket = `${projectId}.appspot.com`;
const fixtureFunctions = fileURLToPath(
  new URL('./fixtures/bridge-functions/functions', import.meta.url),
);
const firebaseBin = createRequire(import.meta.url).resolve('firebase-tools/lib/bin/firebase.js');
// Handed to the firebase-tools process only, to see what its functions inherit.
const inheritedEnv = {
  FIRESTORE_EMULATOR_HOST: '127.0.0.1:18080',
  FIREBASE_STORAGE_EMULATOR_HOST: '127.0.0.1:19199',
  STORAGE_EMULATOR_HOST: 'http://127.0.0.1:19199',
};

interface Record {
  fn: string;
  [key: string]: unknown;
}

let workDir: string;
let recordFile: string;
let firebase: ChildProcess;
let firebaseOutput = '';
let hubOrigin: string;
let bridge: Bridge;
const logLines: string[] = [];
const firestoreListeners: ((event: CommitEvent) => void)[] = [];
const storageListeners: ((event: ObjectEvent) => void)[] = [];

async function freePorts(count: number): Promise<number[]> {
  const servers = await Promise.all(
    Array.from({ length: count }, () => {
      const server = createServer();
      return new Promise<ReturnType<typeof createServer>>((resolve) =>
        server.listen(0, '127.0.0.1', () => resolve(server)),
      );
    }),
  );
  const ports = servers.map((server) => (server.address() as AddressInfo).port);
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  return ports;
}

function waitForReady(child: ChildProcess, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`Functions emulator not ready:\n${firebaseOutput}`)),
      timeoutMs,
    );
    const onData = (chunk: Buffer) => {
      firebaseOutput += chunk.toString();
      if (firebaseOutput.includes('All emulators ready')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`firebase-tools exited with ${code}:\n${firebaseOutput}`));
    });
  });
}

function stopProcessGroup(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.pid === undefined) return Promise.resolve();
  const pid = child.pid;
  return new Promise((resolve) => {
    const killTimer = setTimeout(() => {
      try {
        process.kill(-pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    }, 5000);
    child.once('exit', () => {
      clearTimeout(killTimer);
      // The runtimes firebase-tools started for the functions share its process group.
      try {
        process.kill(-pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
      resolve();
    });
    process.kill(-pid, 'SIGINT');
  });
}

beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'hearth-bridge-'));
  recordFile = join(workDir, 'records.jsonl');
  await writeFile(recordFile, '');
  const [functions, hub, logging, eventarc, tasks] = (await freePorts(5)) as [
    number,
    number,
    number,
    number,
    number,
  ];
  hubOrigin = `http://127.0.0.1:${hub}`;
  await writeFile(
    join(workDir, 'firebase.json'),
    JSON.stringify({
      // firebase-tools resolves the source against the project directory and refuses absolute paths.
      functions: { source: relative(workDir, fixtureFunctions) },
      emulators: {
        functions: { port: functions },
        hub: { port: hub },
        logging: { port: logging },
        eventarc: { port: eventarc },
        tasks: { port: tasks },
        ui: { enabled: false },
      },
    }),
  );
  firebase = spawn(
    process.execPath,
    [firebaseBin, 'emulators:start', '--only', 'functions', '--project', projectId],
    {
      cwd: workDir,
      env: {
        ...process.env,
        ...inheritedEnv,
        BRIDGE_RECORD_FILE: recordFile,
        FIREBASE_EMULATOR_HUB: '',
        CI: '1',
      },
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  await waitForReady(firebase, 80_000);
  bridge = startBridge({
    projectId,
    hubOrigin,
    firestore: { onCommit: (listener) => subscribe(firestoreListeners, listener) },
    storage: { onObjectEvent: (listener) => subscribe(storageListeners, listener) },
    log: (line) => logLines.push(line),
  });
}, 90_000);

afterAll(async () => {
  await bridge?.close();
  if (firebase) await stopProcessGroup(firebase);
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

function subscribe<T>(listeners: ((event: T) => void)[], listener: (event: T) => void): () => void {
  listeners.push(listener);
  return () => listeners.splice(listeners.indexOf(listener), 1);
}

let clock = 1_700_000_000;
const nextTime = () => ({ seconds: ++clock, nanos: 123_456_000 });
const documentName = (path: string, project = projectId) =>
  `projects/${project}/databases/(default)/documents/${path}`;

/** Stored documents as the Firestore emulator keeps them, keyed by path, to build realistic changes. */
const store = new Map<string, { fields: Fields; createTime: { seconds: number; nanos: number } }>();

function commit(
  writes: { path: string; fields: Fields | null }[],
  options: { auth?: CommitEvent['auth']; project?: string } = {},
): CommitEvent {
  const commitTime = nextTime();
  const changes = writes.map(({ path, fields }) => {
    const name = documentName(path, options.project);
    const previous = store.get(path);
    const before = previous
      ? { name, fields: previous.fields, createTime: previous.createTime, updateTime: commitTime }
      : null;
    if (fields) store.set(path, { fields, createTime: previous?.createTime ?? commitTime });
    else store.delete(path);
    const after = fields
      ? { name, fields, createTime: previous?.createTime ?? commitTime, updateTime: commitTime }
      : null;
    return { name, before, after };
  });
  const event: CommitEvent = {
    projectId: options.project ?? projectId,
    database: '(default)',
    commitTime,
    auth: options.auth ?? null,
    changes,
  };
  for (const listener of firestoreListeners) listener(event);
  return event;
}

function objectEvent(
  type: ObjectEvent['type'],
  name: string,
  bucketName = bucket,
  extra: object = {},
): void {
  const event: ObjectEvent = {
    type,
    bucket: bucketName,
    object: {
      kind: 'storage#object',
      name,
      bucket: bucketName,
      generation: '1700000000000001',
      metageneration: '1',
      contentType: 'image/png',
      size: '3',
      updated: '2024-05-01T10:00:00.123Z',
      ...extra,
    },
  };
  for (const listener of storageListeners) listener(event);
}

async function records(
  fn: string,
  where: (record: Record) => boolean = () => true,
  settled: Bridge = bridge,
): Promise<Record[]> {
  await settled.idle();
  const lines = (await readFile(recordFile, 'utf8')).split('\n').filter((line) => line !== '');
  return lines
    .map((line) => JSON.parse(line) as Record)
    .filter((record) => record.fn === fn && where(record));
}

const about = (path: string) => (record: Record) => record.document === path;
const title = (text: string): Fields => ({ title: { stringValue: text } });

// Each function's first event waits for firebase-tools to start a runtime for it: seconds each.
describe('Firestore triggers through the bridge', { timeout: 60_000 }, () => {
  it('runs a v2 onDocumentCreated function with every value type decoded and the params of its pattern', async () => {
    const fields: Fields = {
      title: { stringValue: 'Buy milk' },
      big: { integerValue: 9007199254740993n },
      small: { integerValue: -3n },
      ratio: { doubleValue: 0.25 },
      nan: { doubleValue: NaN },
      done: { booleanValue: false },
      nothing: { nullValue: null },
      dueAt: { timestampValue: { seconds: 1_700_000_000, nanos: 987_654_321 } },
      blob: { bytesValue: new Uint8Array([0, 1, 254, 255]) },
      list: { referenceValue: documentName('lists/l1') },
      where: { geoPointValue: { latitude: 48.85, longitude: 2.35 } },
      tags: { arrayValue: { values: [{ stringValue: 'a' }, { integerValue: 2n }] } },
      counts: { mapValue: { fields: { open: { integerValue: 1n } } } },
    };
    const event = commit([{ path: 'lists/l1/todos/t1', fields }]);
    const [created] = await records('todoCreated', about('lists/l1/todos/t1'));
    expect(created).toMatchObject({
      type: 'google.cloud.firestore.document.v1.created',
      source: `//firestore.googleapis.com/projects/${projectId}/databases/(default)`,
      subject: 'documents/lists/l1/todos/t1',
      project: projectId,
      database: '(default)',
      namespace: '(default)',
      params: { listId: 'l1', todoId: 't1' },
      time: `${new Date(event.commitTime.seconds * 1000).toISOString().slice(0, 19)}.123456Z`,
    });
    expect(created?.after).toEqual({
      exists: true,
      path: 'lists/l1/todos/t1',
      data: {
        title: 'Buy milk',
        // firebase-admin reads integers as JS numbers by default.
        big: 9007199254740992,
        small: -3,
        ratio: 0.25,
        nan: { $double: 'NaN' },
        done: false,
        nothing: null,
        dueAt: { $timestamp: [1_700_000_000, 987_654_321] },
        blob: { $bytes: 'AAH+/w==' },
        list: { $ref: 'lists/l1' },
        where: { $geo: [48.85, 2.35] },
        tags: ['a', 2],
        counts: { open: 1 },
      },
      createTime: [event.commitTime.seconds, 123_456_000],
      updateTime: [event.commitTime.seconds, 123_456_000],
    });
  });

  it('delivers one document’s changes in commit order with before and after chained', async () => {
    const path = 'lists/l1/todos/ordered';
    commit([{ path, fields: title('one') }]);
    commit([{ path, fields: title('two') }]);
    commit([{ path, fields: title('three') }]);
    commit([{ path, fields: null }]);
    const written = await records('todoWritten', about(path));
    const titleOf = (side: unknown) => {
      const snapshot = side as { exists: boolean; data?: { title: string } };
      return snapshot.exists ? snapshot.data?.title : null;
    };
    expect(written.map((record) => [titleOf(record.before), titleOf(record.after)])).toEqual([
      [null, 'one'],
      ['one', 'two'],
      ['two', 'three'],
      ['three', null],
    ]);
  });

  it('matches {name=**} patterns and fires onDocumentDeleted only on deletion', async () => {
    const path = 'lists/l1/todos/t1/archive/a1';
    commit([{ path, fields: title('archived') }]);
    commit([{ path, fields: null }]);
    const deleted = await records('anyDeleted', about(path));
    expect(deleted).toHaveLength(1);
    expect(deleted[0]).toMatchObject({
      type: 'google.cloud.firestore.document.v1.deleted',
      params: { path: 'lists/l1/todos/t1', docId: 'a1' },
      before: { exists: true, data: { title: 'archived' } },
    });
  });

  it('passes the writer to withAuthContext functions and runs v1 onWrite functions with their params', async () => {
    commit([{ path: 'users/alice', fields: { displayName: { stringValue: 'Alice' } } }], {
      auth: { uid: 'alice', token: { email: 'alice@example.com' } },
    });
    const [withAuth] = await records('userWrittenWithAuth', about('users/alice'));
    expect(withAuth).toMatchObject({
      type: 'google.cloud.firestore.document.v1.written.withAuthContext',
      authType: 'app_user',
      authId: 'alice',
      params: { uid: 'alice' },
      after: { exists: true, data: { displayName: 'Alice' } },
    });
    const [v1] = await records(
      'userWrittenV1',
      (record) => (record.params as { uid?: string }).uid === 'alice',
    );
    expect(v1).toMatchObject({
      eventType: 'google.firestore.document.write',
      resource: { service: 'firestore.googleapis.com', name: documentName('users/alice') },
      params: { uid: 'alice' },
      before: { exists: false },
      after: { exists: true, path: 'users/alice', data: { displayName: 'Alice' } },
    });
  });

  it('fires an exact-document trigger for that document only', async () => {
    commit([
      { path: 'settings/global', fields: { theme: { stringValue: 'dark' } } },
      { path: 'settings/other', fields: { theme: { stringValue: 'light' } } },
    ]);
    const written = await records('fixedDocWritten');
    expect(written.map((record) => record.document)).toEqual(['settings/global']);
  });

  it('fires nothing for another project or for an update that changes no data', async () => {
    commit([{ path: 'users/bob', fields: title('same') }]);
    commit([{ path: 'users/bob', fields: title('same') }]);
    commit([{ path: 'users/carol', fields: title('elsewhere') }], { project: 'demo-other' });
    expect(await records('userWrittenWithAuth', about('users/bob'))).toHaveLength(1);
    expect(await records('userWrittenWithAuth', about('users/carol'))).toHaveLength(0);
  });

  it('logs one line when a function fails, and keeps delivering', async () => {
    const before = logLines.length;
    commit([{ path: 'lists/l2/todos/failing', fields: title('fail') }]);
    await bridge.idle();
    const failures = logLines.slice(before);
    expect(failures).toHaveLength(1);
    expect(failures[0]).toMatch(
      /us-central1-todoCreated.*documents\/lists\/l2\/todos\/failing.*HTTP 500/,
    );
    commit([{ path: 'lists/l2/todos/after-failure', fields: title('still') }]);
    expect(await records('todoCreated', about('lists/l2/todos/after-failure'))).toHaveLength(1);
  });
});

describe('Storage triggers through the bridge', { timeout: 60_000 }, () => {
  const named = (name: string) => (record: Record) => record.name === name;

  it('runs v2 onObjectFinalized and v1 onFinalize functions for the default bucket', async () => {
    objectEvent('finalized', 'lists/l1/todos/t1/a1/original', bucket, {
      metadata: { owner: 'alice' },
    });
    const [v2] = await records('objectFinalized', named('lists/l1/todos/t1/a1/original'));
    expect(v2).toMatchObject({
      type: 'google.cloud.storage.object.v1.finalized',
      source: `//storage.googleapis.com/projects/_/buckets/${bucket}`,
      subject: 'objects/lists/l1/todos/t1/a1/original',
      bucket,
      dataBucket: bucket,
      contentType: 'image/png',
      size: '3',
      metadata: { owner: 'alice' },
      time: '2024-05-01T10:00:00.123Z',
    });
    const [v1] = await records('objectFinalizedV1', named('lists/l1/todos/t1/a1/original'));
    expect(v1).toMatchObject({
      eventType: 'google.storage.object.finalize',
      resource: {
        service: 'storage.googleapis.com',
        name: `projects/_/buckets/${bucket}/objects/lists/l1/todos/t1/a1/original`,
        type: 'storage#object',
      },
      bucket,
      contentType: 'image/png',
    });
  });

  it('runs onObjectDeleted for deletions and honours each trigger’s bucket', async () => {
    objectEvent('deleted', 'gone.png');
    objectEvent('finalized', 'elsewhere.png', 'other-bucket');
    objectEvent('metadataUpdated', 'elsewhere.png', 'other-bucket');
    objectEvent('metadataUpdated', 'here.png');
    expect(await records('objectDeleted', named('gone.png'))).toHaveLength(1);
    expect(await records('objectFinalized', named('elsewhere.png'))).toHaveLength(0);
    expect(await records('otherBucketMetadataUpdated', named('elsewhere.png'))).toMatchObject([
      { type: 'google.cloud.storage.object.v1.metadataUpdated', bucket: 'other-bucket' },
    ]);
    expect(await records('otherBucketMetadataUpdated', named('here.png'))).toHaveLength(0);
  });
});

describe('with the real Firestore and Storage emulators', { timeout: 120_000 }, () => {
  it('delivers what firebase-admin writes and uploads', async () => {
    const harness = await startHarness();
    const storage = await startStorage({ port: 0, projectId });
    process.env.STORAGE_EMULATOR_HOST = `http://${storage.host}:${storage.port}`;
    const app = initializeApp({ projectId, storageBucket: bucket }, 'bridge-e2e');
    const live = startBridge({
      projectId,
      hubOrigin,
      firestore: harness.emulator,
      storage,
      log: (line) => logLines.push(line),
    });
    try {
      const db = harness.admin(projectId);
      await db.doc('lists/e2e/todos/t1').set({ title: 'real write', priority: 2 });
      await db.doc('users/e2e').set({ displayName: 'Admin-made' });
      await getStorage(app)
        .bucket()
        .file('e2e/photo.png')
        .save(Buffer.from([1, 2, 3]), {
          resumable: false,
          contentType: 'image/png',
        });

      const [created] = await records('todoCreated', about('lists/e2e/todos/t1'), live);
      expect(created).toMatchObject({
        params: { listId: 'e2e', todoId: 't1' },
        after: { exists: true, data: { title: 'real write', priority: 2 } },
      });
      const [byAdmin] = await records('userWrittenWithAuth', about('users/e2e'), live);
      expect(byAdmin).toMatchObject({ authType: 'service_account', after: { exists: true } });
      const [finalized] = await records(
        'objectFinalized',
        (record) => record.name === 'e2e/photo.png',
        live,
      );
      expect(finalized).toMatchObject({
        subject: 'objects/e2e/photo.png',
        bucket,
        dataBucket: bucket,
        contentType: 'image/png',
        size: '3',
      });
    } finally {
      await live.close();
      await deleteApp(app);
      await storage.close();
      await harness.close();
    }
  });
});

describe('the Functions emulator’s environment', () => {
  it('passes the emulator hosts set in its own environment on to the functions', async () => {
    commit([{ path: 'lists/env/todos/e1', fields: title('env') }]);
    const [created] = await records('todoCreated', about('lists/env/todos/e1'));
    expect(created?.env).toEqual(inheritedEnv);
  });
});

// Last of the suites that use firebase-tools: re-enabling triggers makes it drop every warm runtime.
describe('the hub’s switch for background triggers', { timeout: 90_000 }, () => {
  it('drops events while the hub disables background triggers and finds the new trigger keys afterwards', async () => {
    await fetch(`${hubOrigin}/functions/disableBackgroundTriggers`, { method: 'PUT' });
    commit([{ path: 'lists/l3/todos/while-disabled', fields: title('x') }]);
    expect(await records('todoCreated', about('lists/l3/todos/while-disabled'))).toHaveLength(0);
    await fetch(`${hubOrigin}/functions/enableBackgroundTriggers`, { method: 'PUT' });
    commit([{ path: 'lists/l3/todos/after-enable', fields: title('y') }]);
    expect(await records('todoCreated', about('lists/l3/todos/after-enable'))).toHaveLength(1);
  });
});

describe('a bridge without a Functions emulator', () => {
  it('logs that it cannot deliver and never throws into the emulator', async () => {
    const [closedPort] = await freePorts(1);
    const lines: string[] = [];
    const listeners: ((event: CommitEvent) => void)[] = [];
    const lonely = startBridge({
      projectId,
      functionsOrigin: `http://127.0.0.1:${closedPort}`,
      firestore: { onCommit: (listener) => subscribe(listeners, listener) },
      log: (line) => lines.push(line),
    });
    const event = commit([{ path: 'lists/l9/todos/t9', fields: title('x') }]);
    expect(() => listeners.forEach((listener) => listener(event))).not.toThrow();
    await lonely.idle();
    await lonely.close();
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/Functions emulator unavailable.*ECONNREFUSED/);
  });
});
