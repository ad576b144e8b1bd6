/**
 * startBridge's delivery discipline against a stand-in for the Functions emulator's three
 * endpoints, where timing and answers can be controlled: ordering per document, parallelism across
 * documents, stale trigger keys, failing functions. What the real emulator and the
 * firebase-functions SDK make of the events is tested in emulator/test/bridgeFunctions.test.ts.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startBridge, type Bridge, type CommitEvent } from './index.js';

const projectId = 'demo-unit';

interface Received {
  key: string;
  document: string;
  title: string;
  startedAt: number;
  endedAt?: number;
}

let server: Server;
let origin: string;
let generation: number;
let answer: (
  key: string,
  document: string,
  title: string,
) => { status: number; delayMs: number; body?: string };
let received: Received[];
let logLines: string[];
let listeners: ((event: CommitEvent) => void)[];
let bridge: Bridge;

const definition = {
  id: 'us-central1-onTodo',
  platform: 'gcfv2',
  timeoutSeconds: 5,
  eventTrigger: {
    eventType: 'google.cloud.firestore.document.v1.written',
    eventFilters: { database: '(default)', namespace: '(default)' },
    eventFilterPathPatterns: { document: 'todos/{id}' },
  },
};

async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
  let body = '';
  for await (const chunk of request) body += chunk;
  if (request.method === 'GET' && request.url === '/backends') {
    response.end(JSON.stringify({ backends: [{ functionTriggers: [definition] }] }));
    return;
  }
  const key = /^\/functions\/projects\/[^/]+\/triggers\/(.+)$/.exec(request.url ?? '')?.[1] ?? '';
  if (key !== `${definition.id}-${generation}`) {
    response.statusCode = 404;
    response.end(
      `Function ${key} does not exist, valid functions are: api, ${definition.id}-${generation}`,
    );
    return;
  }
  const event = JSON.parse(body) as {
    document: string;
    data: { value?: { fields: { title: { stringValue: string } } } };
  };
  const title = event.data.value?.fields.title.stringValue ?? '(deleted)';
  const entry: Received = { key, document: event.document, title, startedAt: performance.now() };
  received.push(entry);
  const { status, delayMs, body: answerBody } = answer(key, event.document, title);
  await new Promise((resolve) => setTimeout(resolve, delayMs));
  entry.endedAt = performance.now();
  response.statusCode = status;
  response.end(
    answerBody ??
      (status === 500 ? 'Error: the function threw\n    at stack' : '{"status":"acknowledged"}'),
  );
}

beforeEach(async () => {
  generation = 0;
  answer = () => ({ status: 200, delayMs: 0 });
  received = [];
  logLines = [];
  listeners = [];
  server = createServer((request, response) => void handle(request, response));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  bridge = startBridge({
    projectId,
    functionsOrigin: origin,
    firestore: {
      onCommit(listener) {
        listeners.push(listener);
        return () => listeners.splice(listeners.indexOf(listener), 1);
      },
    },
    log: (line) => logLines.push(line),
  });
});

afterEach(async () => {
  await bridge.close();
  await new Promise((resolve) => server.close(resolve));
});

let seconds = 1000;
function write(id: string, title: string): void {
  const name = `projects/${projectId}/databases/(default)/documents/todos/${id}`;
  const time = { seconds: ++seconds, nanos: 0 };
  const event: CommitEvent = {
    projectId,
    database: '(default)',
    commitTime: time,
    auth: null,
    changes: [
      {
        name,
        before: null,
        after: {
          name,
          fields: { title: { stringValue: title } },
          createTime: time,
          updateTime: time,
        },
      },
    ],
  };
  for (const listener of listeners) listener(event);
}

describe('startBridge', () => {
  it('sends the next event for a document only after the function finished the previous one', async () => {
    answer = (_key, _document, title) => ({ status: 200, delayMs: title === 'first' ? 150 : 0 });
    write('a', 'first');
    write('a', 'second');
    write('a', 'third');
    await bridge.idle();
    expect(received.map((entry) => entry.title)).toEqual(['first', 'second', 'third']);
    const [first, second, third] = received as [Received, Received, Received];
    expect(second.startedAt).toBeGreaterThanOrEqual(first.endedAt ?? Infinity);
    expect(third.startedAt).toBeGreaterThanOrEqual(second.endedAt ?? Infinity);
  });

  it('does not hold one document’s events behind another’s slow function', async () => {
    answer = (_key, document) => ({ status: 200, delayMs: document === 'todos/slow' ? 300 : 0 });
    write('slow', 'x');
    write('fast', 'y');
    await bridge.idle();
    const slow = received.find((entry) => entry.document === 'todos/slow');
    const fast = received.find((entry) => entry.document === 'todos/fast');
    expect(fast?.endedAt).toBeLessThan(slow?.endedAt ?? -Infinity);
  });

  it('hands one function at most two events at once; the rest wait for a warm runtime', async () => {
    answer = () => ({ status: 200, delayMs: 60 });
    for (const id of ['a', 'b', 'c', 'd', 'e']) write(id, id);
    await bridge.idle();
    expect(received.map((entry) => entry.title).sort()).toEqual(['a', 'b', 'c', 'd', 'e']);
    const inFlight = received.map(
      (entry) =>
        received.filter(
          (other) => other.startedAt <= entry.startedAt && (other.endedAt ?? 0) > entry.startedAt,
        ).length,
    );
    expect(Math.max(...inFlight)).toBe(2);
  });

  it('finds the new key when the emulator reloaded its triggers, and delivers there', async () => {
    write('a', 'before reload');
    await bridge.idle();
    generation = 1;
    write('a', 'after reload');
    await bridge.idle();
    expect(received.map((entry) => [entry.key, entry.title])).toEqual([
      ['us-central1-onTodo-0', 'before reload'],
      ['us-central1-onTodo-1', 'after reload'],
    ]);
    expect(logLines.filter((line) => line.includes('not delivered'))).toEqual([]);
  });

  it('logs a failing function in one line and goes on with the next event', async () => {
    answer = (_key, _document, title) => ({ status: title === 'bad' ? 500 : 200, delayMs: 0 });
    write('a', 'bad');
    write('a', 'good');
    await bridge.idle();
    expect(received.map((entry) => entry.title)).toEqual(['bad', 'good']);
    const failures = logLines.filter((line) => line.includes('not delivered'));
    expect(failures).toEqual([
      'bridge: us-central1-onTodo on documents/todos/a (created) not delivered: HTTP 500: Error: the function threw',
    ]);
  });

  it('retries when the emulator could not reach the function’s runtime', async () => {
    let attempts = 0;
    answer = () =>
      ++attempts === 1
        ? {
            status: 500,
            delayMs: 0,
            body: '{"errno":-111,"code":"ECONNREFUSED","syscall":"connect"}',
          }
        : { status: 200, delayMs: 0 };
    write('a', 'once');
    await bridge.idle();
    expect(received.map((entry) => entry.title)).toEqual(['once', 'once']);
    expect(logLines.filter((line) => line.includes('not delivered'))).toEqual([]);
  });

  it('logs each delivery when queued and again with its outcome, attempts and duration', async () => {
    let calls = 0;
    answer = (_key, _document, title) =>
      title === 'bad'
        ? { status: 500, delayMs: 0 }
        : ++calls === 1
          ? { status: 500, delayMs: 0, body: '{"code":"ECONNRESET","syscall":"read"}' }
          : { status: 200, delayMs: 40 };
    write('a', 'good');
    write('b', 'bad');
    await bridge.idle();
    const entries = [...bridge.deliveries.since(0)].map(([, entry]) => entry);
    const latest = new Map(entries.map((entry) => [entry.id, entry]));
    expect(entries.filter((entry) => entry.status === 'pending')).toHaveLength(2);
    expect(
      [...latest.values()].map(({ subject, status, attempts, error }) => ({
        subject,
        status,
        attempts,
        error,
      })),
    ).toEqual([
      { subject: 'documents/todos/a (created)', status: 'delivered', attempts: 2, error: null },
      {
        subject: 'documents/todos/b (created)',
        status: 'failed',
        attempts: 1,
        error: 'HTTP 500: Error: the function threw',
      },
    ]);
    const good = [...latest.values()][0];
    expect(good).toMatchObject({
      functionId: 'us-central1-onTodo',
      eventType: 'google.cloud.firestore.document.v1.written',
    });
    expect(good?.durationMs).toBeGreaterThanOrEqual(40);
  });

  it('ignores commits to other projects', async () => {
    const name = 'projects/demo-elsewhere/databases/(default)/documents/todos/a';
    const time = { seconds: 1, nanos: 0 };
    for (const listener of listeners) {
      listener({
        projectId: 'demo-elsewhere',
        database: '(default)',
        commitTime: time,
        auth: null,
        changes: [
          { name, before: null, after: { name, fields: {}, createTime: time, updateTime: time } },
        ],
      });
    }
    await bridge.idle();
    expect(received).toEqual([]);
  });
});
