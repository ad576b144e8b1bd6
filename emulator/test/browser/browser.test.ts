/**
 * The firebase JS SDK in headless Chromium against the emulator: REST for unary calls, WebChannel
 * for Listen and Write, in each transport mode the SDK has. The page reaches the emulator through a
 * TCP proxy so tests can cut backchannels mid-stream and restart the emulator behind one address.
 */
import { readdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFirestore, type FirestoreEmulator } from '../../src/firestore/index.js';
import { launchChromium, type Browser } from './chromium.js';
import type { ClientOptions, RecordedSnapshot, Transport } from './page/api.js';
import { servePage, type PageServer } from './pageServer.js';
import { TcpProxy } from './tcpProxy.js';

const TRANSPORTS: Transport[] = ['streaming', 'long-polling', 'auto-detect'];
/** The Node suite's scenario modules, which the page bundles; the scenario test waits for them. */
const SHARED_SCENARIOS = readdirSync(
  fileURLToPath(new URL('../scenarios', import.meta.url)),
).filter((file) => file.endsWith('.ts'));

let emulator: FirestoreEmulator;
let proxy: TcpProxy;
let pageServer: PageServer;
let browser: Browser;
let projects = 0;

beforeAll(async () => {
  [emulator, pageServer, browser] = await Promise.all([
    startFirestore({ port: 0, log: () => {} }),
    servePage(),
    launchChromium(),
  ]);
  proxy = await TcpProxy.start(emulator.port);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await proxy?.close();
  await emulator?.close();
  await pageServer?.close();
});

function project(): string {
  return `demo-browser-${++projects}`;
}

/** Options for a client that reaches the emulator through the proxy (`direct` skips it). */
function through(
  projectId: string,
  transport: Transport,
  extra: Partial<ClientOptions> & { direct?: boolean } = {},
): ClientOptions {
  const { direct, ...rest } = extra;
  return {
    host: '127.0.0.1',
    port: direct ? emulator.port : proxy.port,
    projectId,
    transport,
    ...rest,
  };
}

/**
 * Opens client `proxied` through the proxy and client `direct` straight to the emulator, both on a
 * fresh project; resolves with that project.
 */
async function openPair(
  page: Page,
  transport: Transport,
  proxied: string,
  direct: string,
): Promise<string> {
  const projectId = project();
  await page.evaluate(
    ([names, options]) => {
      window.hearth.open(names[0], options[0]);
      window.hearth.open(names[1], options[1]);
    },
    [
      [proxied, direct],
      [through(projectId, transport), through(projectId, transport, { direct: true })],
    ] as const,
  );
  return projectId;
}

async function openPage(): Promise<Page> {
  const page = await browser.context.newPage();
  await page.goto(pageServer.url);
  await page.waitForFunction(() => window.hearth !== undefined);
  return page;
}

async function lastSnapshot(
  page: Page,
  listener: string,
  accept: string,
  timeoutMs = 20_000,
): Promise<RecordedSnapshot> {
  const handle = await page.waitForFunction(
    ([name, condition]) => {
      const all = window.hearth.snapshots(name);
      const last = all[all.length - 1];
      return last && new Function('s', `return ${condition}`)(last) ? last : undefined;
    },
    [listener, accept] as const,
    { timeout: timeoutMs, polling: 50 },
  );
  return (await handle.jsonValue()) as RecordedSnapshot;
}

/** A fresh project with `rules` in force; resolves with it. */
async function projectWithRules(rules: string): Promise<string> {
  const projectId = project();
  const response = await fetch(
    `http://127.0.0.1:${emulator.port}/emulator/v1/projects/${projectId}:securityRules`,
    {
      method: 'PUT',
      body: JSON.stringify({ rules: { files: [{ content: rules }] } }),
    },
  );
  expect(response.status).toBe(200);
  return projectId;
}

/**
 * Backchannel modes seen per transport: CI=0 streams, CI=1 long-polls. Auto-detection starts each
 * channel streaming and falls back for that channel when the first byte takes longer than twice
 * the handshake's round trip (which on a loaded machine and a sub-millisecond loopback it may).
 */
function expectBackchannelModes(transport: Transport, modes: Set<string>): void {
  if (transport === 'streaming') expect(modes).toEqual(new Set(['0']));
  else if (transport === 'long-polling') expect(modes).toEqual(new Set(['1']));
  else expect(modes.has('0')).toBe(true);
}

describe.each(TRANSPORTS)('over WebChannel (%s)', (transport) => {
  // A page per test: closing it closes every channel the test left open.
  let page: Page;
  let backchannelModes: string[];
  beforeEach(async () => {
    page = await openPage();
    backchannelModes = [];
    page.on('request', (request) => {
      const mode = /[?&]RID=rpc&.*\bCI=(\d)/.exec(request.url())?.[1];
      if (mode !== undefined) backchannelModes.push(mode);
    });
  });
  afterEach(async () => {
    await page.close();
    expectBackchannelModes(transport, new Set(backchannelModes));
  });

  it.skipIf(SHARED_SCENARIOS.length === 0)('plays every shared conformance scenario', async () => {
    const names = await page.evaluate(() => window.hearth.scenarioNames());
    expect(names.length).toBeGreaterThan(0);
    const failures: string[] = [];
    for (const name of names) {
      const client = `${transport}:${name}`;
      await page.evaluate(([c, options]) => window.hearth.open(c, options), [
        client,
        through(project(), transport),
      ] as const);
      const result = await page.evaluate(([c, n]) => window.hearth.runScenario(c, n), [
        client,
        name,
      ] as const);
      if (!result.ok) failures.push(`${name}: ${result.error}`);
      await page.evaluate((c) => window.hearth.terminate(c), client);
    }
    expect(failures).toEqual([]);
  });

  it('raises latency-compensated snapshots, then the acknowledged ones, and other clients’ writes', async () => {
    await openPair(page, transport, 'me', 'other');
    await page.evaluate(() => window.hearth.listen('me', 'mine', 'todos'));
    await lastSnapshot(page, 'mine', 's.size === 0 && !s.fromCache');
    await page.evaluate(() => window.hearth.set('me', 'todos/a', { title: 'mine', n: 1 }));
    await lastSnapshot(page, 'mine', 's.size === 1 && !s.hasPendingWrites');
    await page.evaluate(() => window.hearth.set('other', 'todos/b', { title: 'theirs', n: 2 }));
    await lastSnapshot(page, 'mine', 's.size === 2');

    const snapshots = await page.evaluate(() => window.hearth.snapshots('mine'));
    const pendingAdd = snapshots.findIndex((s) =>
      s.changes.some((c) => c.id === 'a' && c.type === 'added' && c.hasPendingWrites),
    );
    const acknowledged = snapshots.findIndex((s) =>
      s.changes.some((c) => c.id === 'a' && c.type === 'modified' && !c.hasPendingWrites),
    );
    expect(pendingAdd).toBeGreaterThanOrEqual(0);
    expect(snapshots[pendingAdd]?.hasPendingWrites).toBe(true);
    expect(acknowledged).toBeGreaterThan(pendingAdd);
    const theirs = snapshots.flatMap((s) => s.changes).filter((c) => c.id === 'b');
    expect(theirs).toEqual([
      {
        type: 'added',
        id: 'b',
        data: { title: 'theirs', n: 2 },
        hasPendingWrites: false,
        fromCache: false,
      },
    ]);
  });

  // Two clients hold four channels. Over HTTP/1.1 (browsers speak no cleartext HTTP/2) Chromium
  // keeps at most six connections per host, so a third client's streaming backchannels would
  // leave its forward requests nowhere to go: the same limit holds against Google's emulator.
  it('keeps several channels open at once in one page', async () => {
    const projectId = project();
    const clients = ['c1', 'c2'];
    await page.evaluate(
      ([names, options]) => {
        for (const name of names) {
          window.hearth.open(name, options);
          window.hearth.listen(name, `${name}-listener`, 'shared');
        }
      },
      [clients, through(projectId, transport)] as const,
    );
    await page.evaluate(
      (names) =>
        Promise.all(names.map((name) => window.hearth.set(name, `shared/${name}`, { from: name }))),
      clients,
    );
    for (const name of clients) {
      const last = await lastSnapshot(
        page,
        `${name}-listener`,
        's.size === 2 && !s.hasPendingWrites && !s.fromCache',
      );
      expect(last.size).toBe(2);
    }
  });

  it('carries the user’s token in the channel headers: rules see request.auth', async () => {
    const projectId = await projectWithRules(
      "rules_version = '2'; service cloud.firestore { match /databases/{db}/documents { match /private/{uid} { allow read, write: if request.auth != null && request.auth.uid == uid; } } }",
    );
    await page.evaluate(
      ([alice, anonymous]) => {
        window.hearth.open('alice', alice);
        window.hearth.open('anonymous', anonymous);
      },
      [through(projectId, transport, { uid: 'alice' }), through(projectId, transport)] as const,
    );
    const outcome = (client: string, path: string) =>
      page.evaluate(
        ([c, p]) =>
          window.hearth.set(c, p, { secret: true }).then(
            () => 'written',
            (error: { code?: string }) => error.code,
          ),
        [client, path] as const,
      );
    expect(await outcome('alice', 'private/alice')).toBe('written');
    expect(await outcome('alice', 'private/bob')).toBe('permission-denied');
    expect(await outcome('anonymous', 'private/alice')).toBe('permission-denied');
  });

  it('delivers a denied listen and a denied write as permission-denied', async () => {
    const projectId = await projectWithRules(
      "rules_version = '2'; service cloud.firestore { match /databases/{db}/documents { match /{doc=**} { allow read, write: if false; } } }",
    );
    await page.evaluate(
      (options) => {
        window.hearth.open('denied', options);
        window.hearth.listen('denied', 'denied-listener', 'secrets');
      },
      through(projectId, transport),
    );
    await page.waitForFunction(
      () => window.hearth.listenErrors('denied-listener').length > 0,
      undefined,
      { timeout: 20_000 },
    );
    expect(await page.evaluate(() => window.hearth.listenErrors('denied-listener'))).toEqual([
      expect.stringMatching(/^permission-denied: /),
    ]);
    const write = await page.evaluate(() =>
      window.hearth.set('denied', 'secrets/s', { x: 1 }).then(
        () => 'written',
        (error: { code?: string }) => error.code,
      ),
    );
    expect(write).toBe('permission-denied');
  });
});

describe('REST from the browser', () => {
  it('commits a transaction that verifies what it read, and retries when that changed', async () => {
    const page = await openPage();
    const projectId = await openPair(page, 'streaming', 'mine', 'theirs');
    await page.evaluate(() => window.hearth.set('theirs', 'accounts/source', { n: 1 }));
    expect(
      await page.evaluate(() =>
        window.hearth.copyInTransaction('mine', 'accounts/source', 'accounts/calm'),
      ),
    ).toBe(1);
    expect(
      await page.evaluate(() =>
        window.hearth.copyInTransaction('mine', 'accounts/source', 'accounts/raced', 'theirs'),
      ),
    ).toBe(2);
    const access = emulator.documentAccess(projectId);
    expect(access.get('/databases/(default)/documents/accounts/calm')?.fields).toEqual({
      copied: { integerValue: 1n },
    });
    expect(access.get('/databases/(default)/documents/accounts/raced')?.fields).toEqual({
      copied: { integerValue: 101n },
    });
    await page.close();
  });
});

describe.each(['streaming', 'long-polling'] as const)(
  'when the network fails (%s)',
  (transport) => {
    it('recovers from backchannels cut mid-stream without losing or repeating a change', async () => {
      const page = await openPage();
      await openPair(page, transport, 'watched', 'writer');
      await page.evaluate(() => window.hearth.listen('watched', 'stream', 'feed'));
      await lastSnapshot(page, 'stream', 's.size === 0 && !s.fromCache');
      const total = 40;
      let cuts = 0;
      for (let i = 0; i < total; i++) {
        await page.evaluate(
          (n) => window.hearth.set('writer', `feed/d${String(n).padStart(2, '0')}`, { n }),
          i,
        );
        if (i % 4 === 1) cuts += proxy.cutBackchannels();
      }
      const last = await lastSnapshot(
        page,
        'stream',
        `s.size === ${total} && !s.fromCache`,
        60_000,
      );
      expect(last.size).toBe(total);
      expect(cuts).toBeGreaterThan(0);
      const changes = (await page.evaluate(() => window.hearth.snapshots('stream'))).flatMap(
        (s) => s.changes,
      );
      const added = changes.filter((c) => c.type === 'added').map((c) => c.id);
      expect(added.sort()).toEqual(
        Array.from({ length: total }, (_, i) => `d${String(i).padStart(2, '0')}`),
      );
      expect(changes.filter((c) => c.type === 'removed')).toEqual([]);
      expect(changes.every((c) => c.data['n'] === Number(c.id.slice(1)))).toBe(true);
      expect(await page.evaluate(() => window.hearth.listenErrors('stream'))).toEqual([]);
      await page.close();
    });
  },
);

describe('offline persistence', () => {
  it('shares one cache between tabs: each tab sees the other’s writes', async () => {
    const projectId = project();
    const tabs = [await openPage(), await openPage()];
    for (const [index, tab] of tabs.entries()) {
      await tab.evaluate(
        ([options, name]) => {
          window.hearth.open(name, options);
          window.hearth.listen(name, 'tab', 'notes');
        },
        [through(projectId, 'streaming', { persistence: true }), `tab${index}`] as const,
      );
    }
    await (tabs[0] as Page).evaluate(() => window.hearth.set('tab0', 'notes/from0', { tab: 0 }));
    await (tabs[1] as Page).evaluate(() => window.hearth.set('tab1', 'notes/from1', { tab: 1 }));
    for (const tab of tabs) {
      const last = await lastSnapshot(
        tab,
        'tab',
        's.size === 2 && !s.hasPendingWrites && !s.fromCache',
      );
      expect(last.size).toBe(2);
    }
    await Promise.all(tabs.map((tab) => tab.close()));
  });

  it('reconnects after the emulator restarts and sends the writes made while it was down', async () => {
    const projectId = project();
    const page = await openPage();
    await page.evaluate(
      (options) => {
        window.hearth.open('offline', options);
        window.hearth.listen('offline', 'offline', 'journal');
      },
      through(projectId, 'streaming', { persistence: true }),
    );
    await page.evaluate(() => window.hearth.set('offline', 'journal/before', { at: 'before' }));
    await lastSnapshot(page, 'offline', 's.size === 1 && !s.hasPendingWrites && !s.fromCache');

    const exportDir = await mkdtemp(join(tmpdir(), 'hearth-restart-'));
    try {
      await emulator.exportData(exportDir);
      await emulator.close();
      proxy.cutAll();
      await page.evaluate(() =>
        window.hearth.setPending('offline', 'journal/during', { at: 'during' }),
      );
      const pending = await lastSnapshot(page, 'offline', 's.size === 2');
      expect(pending.hasPendingWrites).toBe(true);

      emulator = await startFirestore({ port: 0, log: () => {}, importDir: exportDir });
      proxy.retarget(emulator.port);
      const synced = await lastSnapshot(
        page,
        'offline',
        's.size === 2 && !s.hasPendingWrites && !s.fromCache',
        60_000,
      );
      expect(synced.size).toBe(2);
      const stored = await emulator
        .documentAccess(projectId)
        .get('/databases/(default)/documents/journal/during');
      expect(stored?.fields).toEqual({ at: { stringValue: 'during' } });
    } finally {
      await rm(exportDir, { recursive: true, force: true });
      await page.close();
    }
  });
});
