/**
 * Storage emulator throughput and memory (`npx tsx bench/storage.ts`, ~30 s).
 *
 * The emulator runs in a child process so that its memory is measured alone. The peer, in the
 * same child, is the floor any HTTP object store pays on this machine: a bare node:http server
 * that streams request bodies to a file and files back out. Rows give MB/s and the ratio to the
 * peer, for the emulator driven by plain HTTP and through each SDK (whose own hashing and
 * buffering are part of what users get). Last, 10 clients upload 100 MB each at once, and the
 * emulator's peak RSS is reported.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { printTable } from './support/table.js';

const MB = 1024 * 1024;
const PROJECT = 'demo-bench-storage';
const BUCKET = `${PROJECT}.appspot.com`;

if (process.argv.includes('--serve')) {
  await serve();
} else {
  await main();
}

/** Child: the emulator and the peer, announced on stdout as one JSON line. */
async function serve(): Promise<void> {
  const { startStorage } = await import('../emulator/src/storage/index.js');
  const dataDir = process.argv[process.argv.indexOf('--serve') + 1]!;
  const emulator = await startStorage({
    port: 0,
    projectId: PROJECT,
    dataDir: join(dataDir, 'emulator'),
  });
  const peer = createServer((req, res) => {
    const file = join(dataDir, `peer-${encodeURIComponent(req.url!)}`);
    if (req.method === 'POST') {
      pipeline(req, createWriteStream(file)).then(
        () => res.writeHead(200).end(),
        () => res.writeHead(500).end(),
      );
    } else {
      pipeline(createReadStream(file), res).catch(() => res.destroy());
    }
  });
  await new Promise<void>((resolve) => peer.listen(0, '127.0.0.1', resolve));
  process.stdout.write(
    `${JSON.stringify({ emulator: emulator.port, peer: (peer.address() as AddressInfo).port })}\n`,
  );
  process.on('SIGTERM', () => void emulator.close().then(() => process.exit(0)));
}

interface Ports {
  emulator: number;
  peer: number;
}

async function startChild(dataDir: string): Promise<{ child: ChildProcess; ports: Ports }> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', fileURLToPath(import.meta.url), '--serve', dataDir],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const ports = await new Promise<Ports>((resolve, reject) => {
    let text = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      if (text.includes('\n')) resolve(JSON.parse(text.split('\n')[0]!) as Ports);
    });
    child.on('exit', (code) => reject(new Error(`bench server exited with ${code}`)));
  });
  return { child, ports };
}

async function memoryOf(pid: number): Promise<{ rss: number; peak: number }> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) =>
    Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0) * 1024;
  return { rss: kb('VmRSS'), peak: kb('VmHWM') };
}

async function timed(bytes: number, task: () => Promise<unknown>): Promise<number> {
  const start = process.hrtime.bigint();
  await task();
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  return bytes / MB / seconds;
}

/** Streams `total` bytes made of one repeated chunk, so the client holds no large buffer. */
function repeated(chunk: Buffer, total: number): Readable {
  let sent = 0;
  return new Readable({
    read() {
      if (sent >= total) return void this.push(null);
      const part = chunk.subarray(0, Math.min(chunk.length, total - sent));
      sent += part.length;
      this.push(part);
    },
  });
}

function rawPost(url: string, body: Readable, size: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: 'POST',
        headers: { 'Content-Length': String(size), 'Content-Type': 'application/octet-stream' },
      },
      (res) => {
        res.resume();
        res.on('end', () =>
          res.statusCode === 200
            ? resolve()
            : reject(new Error(`upload answered ${res.statusCode}`)),
        );
      },
    );
    req.on('error', reject);
    body.pipe(req);
  });
}

async function rawGet(url: string): Promise<void> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`download answered ${response.status}`);
  const reader = response.body!.getReader();
  while (!(await reader.read()).done);
}

async function main(): Promise<void> {
  const dataDir = await mkdtemp(join(tmpdir(), 'bench-storage-'));
  const { child, ports } = await startChild(dataDir);
  const host = `127.0.0.1:${ports.emulator}`;
  // The bench starts its own emulator; whatever stack the environment points at is not measured.
  process.env.STORAGE_EMULATOR_HOST = `http://${host}`;
  const { Storage } = await import('@google-cloud/storage');
  const { initializeApp } = await import('firebase/app');
  const web = await import('firebase/storage');
  const gcs = new Storage({ projectId: PROJECT }).bucket(BUCKET);
  const app = initializeApp({ projectId: PROJECT, apiKey: 'bench', storageBucket: BUCKET });
  const storage = web.getStorage(app);
  web.connectStorageEmulator(storage, '127.0.0.1', ports.emulator, { mockUserToken: 'owner' });

  const idle = await memoryOf(child.pid!);
  const data = randomBytes(100 * MB);
  const rows: string[][] = [];
  const sizes = [
    { label: '1 MB', size: MB, repeat: 5 },
    { label: '100 MB', size: 100 * MB, repeat: 1 },
  ];
  try {
    for (const { label, size, repeat } of sizes) {
      const payload = data.subarray(0, size);
      const total = size * repeat;
      const loop = (task: (i: number) => PromiseLike<unknown>) => async () => {
        for (let i = 0; i < repeat; i++) await task(i);
      };
      const peerUrl = (i: number) => `http://127.0.0.1:${ports.peer}/${size}-${i}`;
      const rawUrl = (i: number) =>
        `http://${host}/upload/storage/v1/b/${BUCKET}/o?uploadType=media&name=raw/${size}-${i}`;
      const peerUp = await timed(
        total,
        loop((i) => rawPost(peerUrl(i), Readable.from([payload]), size)),
      );
      const peerDown = await timed(
        total,
        loop((i) => rawGet(peerUrl(i))),
      );
      const rawUp = await timed(
        total,
        loop((i) => rawPost(rawUrl(i), Readable.from([payload]), size)),
      );
      const rawDown = await timed(
        total,
        loop((i) => rawGet(`http://${host}/storage/v1/b/${BUCKET}/o/raw%2F${size}-${i}?alt=media`)),
      );
      const gcsUp = await timed(
        total,
        loop((i) => gcs.file(`gcs/${label}/${i}`).save(payload, { resumable: size > 8 * MB })),
      );
      const gcsDown = await timed(
        total,
        loop((i) => gcs.file(`gcs/${label}/${i}`).download()),
      );
      const webUp = await timed(
        total,
        loop((i) =>
          size > 8 * MB
            ? web
                .uploadBytesResumable(web.ref(storage, `web/${label}/${i}`), payload)
                .then(() => undefined)
            : web.uploadBytes(web.ref(storage, `web/${label}/${i}`), payload),
        ),
      );
      const webDown = await timed(
        total,
        loop((i) => web.getBytes(web.ref(storage, `web/${label}/${i}`))),
      );
      const ratio = (value: number, peer: number) =>
        `${value.toFixed(0)} MB/s (${(value / peer).toFixed(2)}x)`;
      for (const [direction, peer, ...ours] of [
        ['upload', peerUp, rawUp, gcsUp, webUp],
        ['download', peerDown, rawDown, gcsDown, webDown],
      ] as const)
        rows.push([
          `${direction} ${label}`,
          `${peer.toFixed(0)} MB/s`,
          ...ours.map((value) => ratio(value, peer)),
        ]);
    }
    const beforeParallel = await memoryOf(child.pid!);
    const chunk = data.subarray(0, MB);
    const parallel = await timed(1000 * MB, () =>
      Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          rawPost(
            `http://${host}/upload/storage/v1/b/${BUCKET}/o?uploadType=media&name=parallel/${i}`,
            repeated(chunk, 100 * MB),
            100 * MB,
          ),
        ),
      ),
    );
    const after = await memoryOf(child.pid!);

    const table = [
      [
        '',
        'peer (node:http, disk)',
        'emulator, raw HTTP',
        'GCS JSON API (@google-cloud/storage)',
        'Firebase v0 API (web SDK)',
      ],
      ...rows,
    ];
    console.log('Storage emulator throughput, ratio to the peer in parentheses');
    printTable(table);
    console.log(`10 parallel 100 MB uploads (GCS media): ${parallel.toFixed(0)} MB/s in total`);
    console.log(
      `emulator RSS: idle ${(idle.rss / MB).toFixed(0)} MB, before the parallel uploads ${(beforeParallel.rss / MB).toFixed(0)} MB, ` +
        `peak over the whole run ${(after.peak / MB).toFixed(0)} MB (1000 MB uploaded at once)`,
    );
  } catch (error) {
    console.error(error);
    process.exitCode = 1;
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
    await rm(dataDir, { recursive: true, force: true });
  }
  // The SDKs keep sockets and timers alive; the numbers are out, so stop here.
  process.exit();
}
