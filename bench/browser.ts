/**
 * Browser round trip (`npx tsx bench/browser.ts`, ~1 min): one page writes a document, another
 * page's onSnapshot sees it; p50 and p99 over WebChannel streaming and long polling, with the
 * firebase JS SDK in headless Chromium against this emulator. The peer in the same run is the same
 * round trip through the same emulator core over gRPC (the JS SDK in Node), so the ratio is what
 * the browser wires cost. The emulator runs in a child process, away from the measuring side.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { launchChromium } from '../emulator/test/browser/chromium.js';
import type { Transport } from '../emulator/test/browser/page/api.js';
import { servePage } from '../emulator/test/browser/pageServer.js';
import { printTable } from './support/table.js';

const WARMUP = 20;
const SAMPLES = 200;

if (process.argv.includes('--serve')) {
  const { startFirestore } = await import('../emulator/src/firestore/index.js');
  process.stdout.write(`${(await startFirestore({ port: 0, log: () => {} })).port}\n`);
} else {
  await main();
}

function startEmulator(): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', fileURLToPath(import.meta.url), '--serve'],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  return new Promise((resolve, reject) => {
    child.stdout!.once('data', (chunk: Buffer) =>
      resolve({ child, port: Number(chunk.toString().trim()) }),
    );
    child.once('exit', (code) => reject(new Error(`emulator exited with ${code}`)));
  });
}

interface Stats {
  p50: number;
  p99: number;
}

function stats(samples: number[]): Stats {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number): number =>
    sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number;
  return { p50: at(0.5), p99: at(0.99) };
}

/** Writer page sets `rt/doc` to n; reader page's snapshot with n ends the sample (both page clocks share an epoch). */
async function browserRoundTrip(
  writer: Page,
  reader: Page,
  port: number,
  transport: Transport,
): Promise<Stats> {
  const options = { host: '127.0.0.1', port, projectId: `demo-bench-${transport}`, transport };
  await writer.evaluate((o) => window.hearth.open('writer', o), options);
  await reader.evaluate((o) => {
    window.hearth.open('reader', o);
    window.hearth.listen('reader', 'rt', 'rt');
  }, options);
  const samples: number[] = [];
  for (let n = 0; n < WARMUP + SAMPLES; n++) {
    const sent = await writer.evaluate((value) => {
      const at = performance.timeOrigin + performance.now();
      window.hearth.setPending('writer', 'rt/doc', { n: value });
      return at;
    }, n);
    const received = await reader.waitForFunction(
      (value) =>
        window.hearth.snapshots('rt').find((s) => s.changes.some((c) => c.data['n'] === value))?.at,
      n,
      { polling: 1, timeout: 10_000 },
    );
    if (n >= WARMUP) samples.push(((await received.jsonValue()) as number) - sent);
  }
  await Promise.all([
    writer.evaluate(() => window.hearth.terminate('writer')),
    reader.evaluate(() => window.hearth.terminate('reader')),
  ]);
  return stats(samples);
}

/** The same round trip with the JS SDK in Node, which speaks gRPC: two apps, one process. */
async function grpcRoundTrip(port: number): Promise<Stats> {
  const { initializeApp, deleteApp } = await import('firebase/app');
  const { connectFirestoreEmulator, doc, getFirestore, onSnapshot, setDoc } =
    await import('firebase/firestore');
  const apps = ['writer', 'reader'].map((name) =>
    initializeApp({ projectId: 'demo-bench-grpc' }, name),
  );
  const [writer, reader] = apps.map((app) => {
    const db = getFirestore(app);
    connectFirestoreEmulator(db, '127.0.0.1', port);
    return db;
  }) as [ReturnType<typeof getFirestore>, ReturnType<typeof getFirestore>];
  let waiting: { n: number; resolve: (at: number) => void } | undefined;
  const unsubscribe = onSnapshot(doc(reader, 'rt/doc'), (snapshot) => {
    if (waiting && snapshot.data()?.['n'] === waiting.n) waiting.resolve(performance.now());
  });
  const samples: number[] = [];
  for (let n = 0; n < WARMUP + SAMPLES; n++) {
    const arrived = new Promise<number>((resolve) => (waiting = { n, resolve }));
    const sent = performance.now();
    void setDoc(doc(writer, 'rt/doc'), { n });
    const at = await arrived;
    if (n >= WARMUP) samples.push(at - sent);
  }
  unsubscribe();
  await Promise.all(apps.map((app) => deleteApp(app)));
  return stats(samples);
}

async function main(): Promise<void> {
  const [{ child, port }, pageServer, browser] = await Promise.all([
    startEmulator(),
    servePage(),
    launchChromium(),
  ]);
  try {
    const [writer, reader] = await Promise.all([
      browser.context.newPage(),
      browser.context.newPage(),
    ]);
    await Promise.all([writer, reader].map((page) => page.goto(pageServer.url)));
    const results: [string, Stats][] = [];
    for (const transport of ['streaming', 'long-polling'] as const) {
      results.push([
        `browser, WebChannel ${transport}`,
        await browserRoundTrip(writer, reader, port, transport),
      ]);
    }
    const peer = await grpcRoundTrip(port);
    results.push(['Node JS SDK, gRPC (peer)', peer]);

    const rows = [
      [
        'round trip (write in one client, snapshot in another)',
        'p50 ms',
        'p99 ms',
        'p50 ratio',
        'p99 ratio',
      ],
    ];
    for (const [name, s] of results) {
      rows.push([
        name,
        s.p50.toFixed(2),
        s.p99.toFixed(2),
        (peer.p50 / s.p50).toFixed(2) + 'x',
        (peer.p99 / s.p99).toFixed(2) + 'x',
      ]);
    }
    printTable(rows);
    console.log(
      `${SAMPLES} samples each after ${WARMUP} warm-up; ratio = peer / this row, above 1 means faster than gRPC.`,
    );
  } finally {
    await browser.close();
    await pageServer.close();
    child.kill();
  }
}
