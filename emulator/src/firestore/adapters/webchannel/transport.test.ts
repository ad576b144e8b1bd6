import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { preflight as sendPreflight } from '../../../testing/cors.js';
import { WebChannelTransport, type ChannelStream, type WebChannelOptions } from './transport.js';

/** An echo service: answers every message `m` with `{echo: m}`; `{close: true}` asks to close. */
interface EchoLog {
  streams: ChannelStream[];
  received: unknown[];
  closed: string[];
}

let server: Server;
let transport: WebChannelTransport;
let base: string;
let log: EchoLog;

async function start(options: WebChannelOptions = {}): Promise<void> {
  log = { streams: [], received: [], closed: [] };
  transport = new WebChannelTransport((stream) => {
    if (!stream.path.endsWith('/channel')) return undefined;
    log.streams.push(stream);
    return {
      message: (message) => {
        log.received.push(message);
        if ((message as { close?: boolean }).close) stream.close();
        else stream.send({ echo: message });
      },
      closed: () => log.closed.push(stream.id),
    };
  }, options);
  server = createServer((req, res) => transport.handle(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/echo/channel`;
}

async function stop(): Promise<void> {
  transport.close();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
}

/** For tests that need other timings than the defaults. */
async function restart(options: WebChannelOptions): Promise<void> {
  await stop();
  await start(options);
}

beforeEach(() => start());
afterEach(stop);

function decodeChunks(text: string): { chunks: unknown[]; rest: string } {
  const chunks: unknown[] = [];
  let at = 0;
  for (;;) {
    const newline = text.indexOf('\n', at);
    if (newline < 0) break;
    const size = Number(text.slice(at, newline));
    if (newline + 1 + size > text.length) break;
    chunks.push(JSON.parse(text.slice(newline + 1, newline + 1 + size)));
    at = newline + 1 + size;
  }
  return { chunks, rest: text.slice(at) };
}

function formBody(offset: number, messages: unknown[], headers = ''): string {
  const parts = headers ? [`headers=${encodeURIComponent(headers)}`] : [];
  parts.push(`count=${messages.length}`, `ofs=${offset}`);
  messages.forEach((message, index) =>
    parts.push(`req${index}___data__=${encodeURIComponent(JSON.stringify(message))}`),
  );
  return parts.join('&');
}

async function post(
  query: string,
  body: string,
  url = base,
): Promise<{ status: number; text: string }> {
  const response = await fetch(`${url}?VER=8&${query}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body,
  });
  return { status: response.status, text: await response.text() };
}

async function handshake(messages: unknown[] = [], headers = ''): Promise<string> {
  const { status, text } = await post(
    'RID=1234&CVER=22&database=projects%2Fp%2Fdatabases%2F(default)',
    formBody(0, messages, headers),
  );
  expect(status).toBe(200);
  const [[[id, [kind, sid]]]] = decodeChunks(text).chunks as [[[number, [string, string]]]];
  expect([id, kind]).toEqual([0, 'c']);
  return sid;
}

/** A long poll: resolves with the arrays of one completed GET. */
async function longPoll(sid: string, aid: number): Promise<[number, unknown][]> {
  const response = await fetch(`${base}?VER=8&RID=rpc&SID=${sid}&AID=${aid}&CI=1&TYPE=xmlhttp`);
  expect(response.status).toBe(200);
  return decodeChunks(await response.text()).chunks.flat() as [number, unknown][];
}

/** A streaming GET that collects arrays until aborted. */
function stream(
  sid: string,
  aid: number,
): { arrays: [number, unknown][]; next(count: number): Promise<void>; abort(): void } {
  const arrays: [number, unknown][] = [];
  let buffer = '';
  let waiter: { count: number; resolve: () => void } | undefined;
  const req = request(`${base}?VER=8&RID=rpc&SID=${sid}&AID=${aid}&CI=0&TYPE=xmlhttp`, (res) => {
    res.setEncoding('utf8');
    res.on('data', (text: string) => {
      const { chunks, rest } = decodeChunks(buffer + text);
      buffer = rest;
      for (const chunk of chunks) arrays.push(...(chunk as [number, unknown][]));
      if (waiter && arrays.length >= waiter.count) waiter.resolve();
    });
  });
  req.on('error', () => {});
  req.end();
  return {
    arrays,
    next: (count) =>
      new Promise((resolve) => {
        if (arrays.length >= count) resolve();
        else waiter = { count, resolve };
      }),
    abort: () => req.destroy(),
  };
}

const until = async (predicate: () => boolean): Promise<void> => {
  for (let i = 0; i < 200 && !predicate(); i++)
    await new Promise((resolve) => setTimeout(resolve, 10));
  expect(predicate()).toBe(true);
};

describe('WebChannelTransport', () => {
  it('opens a session with the messages of the handshake and answers them on a long poll', async () => {
    const sid = await handshake([{ hello: 1 }, { hello: 2 }], 'Authorization:Bearer owner\r\n');
    expect(log.received).toEqual([{ hello: 1 }, { hello: 2 }]);
    expect(log.streams[0]?.headers.authorization).toBe('Bearer owner');
    expect(log.streams[0]?.params.get('database')).toBe('projects/p/databases/(default)');
    expect(await longPoll(sid, 0)).toEqual([
      [1, [{ echo: { hello: 1 } }]],
      [2, [{ echo: { hello: 2 } }]],
    ]);
  });

  it('acknowledges forward POSTs with the last array id and skips maps it already has', async () => {
    const sid = await handshake([{ n: 0 }]);
    const first = await post(`SID=${sid}&RID=1235&AID=0`, formBody(1, [{ n: 1 }]));
    expect(decodeChunks(first.text).chunks).toEqual([[1, 2, expect.any(Number)]]);
    // A retry of the same POST (its answer was lost) repeats map 1: it is not delivered again.
    await post(`SID=${sid}&RID=1235&AID=0`, formBody(1, [{ n: 1 }, { n: 2 }]));
    expect(log.received).toEqual([{ n: 0 }, { n: 1 }, { n: 2 }]);
  });

  it('streams arrays as they are sent, starting with a noop, and resends unacknowledged ones on a new backchannel', async () => {
    const sid = await handshake();
    const first = stream(sid, 0);
    await first.next(1);
    expect(first.arrays[0]).toEqual([1, ['noop']]);
    await post(`SID=${sid}&RID=1&AID=1`, formBody(0, [{ n: 'a' }, { n: 'b' }]));
    await first.next(3);
    expect(first.arrays.slice(1)).toEqual([
      [2, [{ echo: { n: 'a' } }]],
      [3, [{ echo: { n: 'b' } }]],
    ]);
    // The backchannel dies having delivered only array 2 to the client: array 3 comes again.
    first.abort();
    await post(`SID=${sid}&RID=2&AID=2`, formBody(2, [{ n: 'c' }]));
    expect(await longPoll(sid, 2)).toEqual([
      [3, [{ echo: { n: 'b' } }]],
      [4, [{ echo: { n: 'c' } }]],
    ]);
  });

  it('answers an idle long poll with a noop after the hold time, or the client bound TO', async () => {
    await restart({ longPollHoldMs: 50 });
    const sid = await handshake();
    expect(await longPoll(sid, 0)).toEqual([[1, ['noop']]]);
    const response = await fetch(`${base}?VER=8&RID=rpc&SID=${sid}&AID=1&CI=1&TO=20&TYPE=xmlhttp`);
    expect(decodeChunks(await response.text()).chunks).toEqual([[[2, ['noop']]]]);
  });

  it('sends keep-alive noops on an idle streaming backchannel', async () => {
    await restart({ keepAliveMs: 30 });
    const sid = await handshake();
    const backchannel = stream(sid, 0);
    await backchannel.next(3);
    expect(backchannel.arrays.slice(0, 3)).toEqual([
      [1, ['noop']],
      [2, ['noop']],
      [3, ['noop']],
    ]);
    backchannel.abort();
  });

  it('ends a streaming backchannel after maxStreamingChars so the client opens a fresh one', async () => {
    await restart({ maxStreamingChars: 10 });
    const sid = await handshake();
    const response = await fetch(`${base}?VER=8&RID=rpc&SID=${sid}&AID=0&CI=0&TYPE=xmlhttp`);
    expect(decodeChunks(await response.text()).chunks).toEqual([[[1, ['noop']]]]);
  });

  it('ends the session on TYPE=terminate, after which the SID is unknown', async () => {
    const sid = await handshake();
    const terminate = await post(`SID=${sid}&RID=9&TYPE=terminate`, '');
    expect(terminate.status).toBe(200);
    expect(log.closed).toEqual([sid]);
    expect(transport.sessionCount).toBe(0);
    const stale = await post(`SID=${sid}&RID=10&AID=0`, formBody(0, [{}]));
    expect(stale.status).toBe(400);
    expect(stale.text.indexOf('Unknown SID')).toBeGreaterThan(0);
    const staleGet = await fetch(`${base}?VER=8&RID=rpc&SID=${sid}&AID=0&CI=0&TYPE=xmlhttp`);
    expect(staleGet.status).toBe(400);
    expect((await staleGet.text()).indexOf('Unknown SID')).toBeGreaterThan(0);
  });

  it('asks the client to close when the service closes the stream', async () => {
    const sid = await handshake([{ close: true }]);
    expect(await longPoll(sid, 0)).toEqual([[1, ['close']]]);
  });

  it.each([
    ['a map gap', (sid: string) => post(`SID=${sid}&RID=2&AID=0`, formBody(5, [{}]))],
    [
      'a map that is not JSON',
      (sid: string) => post(`SID=${sid}&RID=2&AID=0`, 'count=1&ofs=0&req0___data__=%7Bnope'),
    ],
    [
      'a truncated body',
      (sid: string) => post(`SID=${sid}&RID=2&AID=0`, 'count=2&ofs=0&req0___data__=%7B%7D'),
    ],
    ['a bad AID', (sid: string) => post(`SID=${sid}&RID=2&AID=x`, formBody(0, [{}]))],
    [
      'a GET that is not a backchannel',
      (sid: string) =>
        fetch(`${base}?VER=8&SID=${sid}&RID=3`).then((r) => ({ status: r.status, text: '' })),
    ],
  ])('answers %s with 400 and ends the session', async (_name, send) => {
    const sid = await handshake();
    const held = stream(sid, 0);
    await held.next(1);
    expect((await send(sid)).status).toBe(400);
    expect(log.closed).toEqual([sid]);
    expect(log.received).toEqual([]);
    expect(transport.sessionCount).toBe(0);
    held.abort();
  });

  it('refuses a handshake that is not a POST, a malformed one, and a path the handler does not serve', async () => {
    expect((await fetch(`${base}?VER=8&RID=1`)).status).toBe(400);
    expect((await post('RID=1', 'count=1&ofs=0')).status).toBe(400);
    expect((await post('RID=1', '', base.replace('/channel', '/other'))).status).toBe(404);
    expect(transport.sessionCount).toBe(0);
  });

  it('abandons a session whose client went away', async () => {
    await restart({ idleTimeoutMs: 30 });
    const sid = await handshake();
    await until(() => log.closed.includes(sid));
    expect(transport.sessionCount).toBe(0);
  });

  it('keeps several concurrent sessions apart', async () => {
    const [a, b] = await Promise.all([handshake([{ from: 'a' }]), handshake([{ from: 'b' }])]);
    expect(a).not.toBe(b);
    expect(await longPoll(b, 0)).toEqual([[1, [{ echo: { from: 'b' } }]]]);
    expect(await longPoll(a, 0)).toEqual([[1, [{ echo: { from: 'a' } }]]]);
  });

  it('answers CORS preflights and echoes the origin on credentialed requests', async () => {
    const preflight = await sendPreflight(base, 'x-goog-api-client,content-type');
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    expect(preflight.headers.get('access-control-allow-headers')).toBe(
      'x-goog-api-client,content-type',
    );
    expect(preflight.headers.get('access-control-allow-credentials')).toBe('true');
    const response = await fetch(`${base}?VER=8&RID=1&X-HTTP-Session-Id=gsessionid`, {
      method: 'POST',
      headers: { Origin: 'http://localhost:5173' },
      body: '',
    });
    expect(response.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    expect(response.headers.get('x-http-session-id')).toMatch(/^[\w-]{22}$/);
    expect(response.headers.get('access-control-expose-headers')).toContain('X-HTTP-Session-Id');
  });
});
