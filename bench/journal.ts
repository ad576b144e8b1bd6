/**
 * The journal's cost and its promise (`node --import tsx bench/journal.ts`, ~1 min; needs
 * `npm run build -w emulator`).
 *
 * Commit throughput of the emulator's command with the journal (`--export-on-exit DIR`, every
 * commit fsynced before its answer) against the same command without it, measured in the same run
 * with the real Firestore SDK: sequential sets, and 50 writers in parallel. Each figure is the
 * best of 3 alternating runs; the ratio is with / without (the issue asks ≥ 0.8).
 *
 * Then the promise: BENCH_CRASH_ROUNDS times (default 20), 50 writers commit until the process
 * is killed with SIGKILL at a random moment, and the restarted emulator must hold every write
 * whose promise resolved. It prints how many rounds held everything.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Firestore } from '@google-cloud/firestore';

process.env['METADATA_SERVER_DETECTION'] = 'none';
const root = resolve(fileURLToPath(import.meta.url), '../..');
const bundle = join(root, 'emulator/dist/hearth-emulator.js');
if (!existsSync(bundle)) throw new Error(`${bundle} is missing: run npm run build -w emulator.`);

async function start(dir: string, journal: boolean) {
  const data = join(dir, 'data');
  const imported = existsSync(join(data, 'hearth-export.json')) ? ['--import', data] : [];
  const persist = journal ? [...imported, '--export-on-exit', data] : [];
  const child: ChildProcess = spawn(
    process.execPath,
    [bundle, 'start', '--config', join(dir, 'firebase.json'), '--only', 'firestore', ...persist],
    {
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { ...process.env, HEARTH_JOURNAL_COMPACT_MS: '5000' },
    },
  );
  let output = '';
  const host = await new Promise<string>((done, fail) => {
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Firestore ready at http:\/\/(\S+)/.exec(output);
      if (match) done(match[1] as string);
    });
    child.on('exit', (code) => fail(new Error(`emulator exited (${code}): ${output}`)));
  });
  const db = new Firestore({ projectId: 'demo-bench', host, ssl: false });
  await db.doc('warm/up').get();
  return {
    db,
    kill: () =>
      new Promise<void>((done) => {
        child.removeAllListeners('exit');
        child.on('exit', () => done());
        child.kill('SIGKILL');
      }),
  };
}

async function folder() {
  const dir = await mkdtemp(join(tmpdir(), 'hearth-bench-journal-'));
  await writeFile(
    join(dir, 'firebase.json'),
    JSON.stringify({ emulators: { firestore: { port: 0 } } }),
  );
  return dir;
}

async function throughput(journal: boolean, parallel: number, total: number): Promise<number> {
  const server = await start(await folder(), journal);
  let next = 0;
  const began = performance.now();
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      while (next < total) {
        const i = next++;
        await server.db.doc(`items/${i}`).set({ i, at: Date.now() });
      }
    }),
  );
  const perSecond = total / ((performance.now() - began) / 1000);
  void server.db.terminate().catch(() => undefined);
  await server.kill();
  return perSecond;
}

const rows: [string, number, number][] = [];
for (const [label, parallel, total] of [
  ['sequential sets /s', 1, 400],
  ['50 parallel writers, sets /s', 50, 2000],
] as const) {
  let withJournal = 0;
  let without = 0;
  for (let run = 0; run < 3; run++) {
    without = Math.max(without, await throughput(false, parallel, total));
    withJournal = Math.max(withJournal, await throughput(true, parallel, total));
  }
  rows.push([label, withJournal, without]);
}
console.log('commit throughput         with journal   without   ratio');
for (const [label, withJournal, without] of rows)
  console.log(
    `${label.padEnd(30)} ${withJournal.toFixed(0).padStart(8)} ${without.toFixed(0).padStart(9)} ${(withJournal / without).toFixed(2).padStart(7)}x`,
  );

const rounds = Number(process.env['BENCH_CRASH_ROUNDS'] ?? 20);
const dir = await folder();
const acknowledged = new Set<number>();
let next = 0;
let held = 0;
for (let round = 0; round < rounds; round++) {
  const server = await start(dir, true);
  const present = new Set(
    (await server.db.collection('crash').get()).docs.map((d) => Number(d.id)),
  );
  const missing = [...acknowledged].filter((i) => !present.has(i));
  if (round > 0 && missing.length === 0) held++;
  if (missing.length > 0)
    console.log(`round ${round}: ${missing.length} acknowledged writes missing`);
  let stop = false;
  const writers = Array.from({ length: 50 }, async () => {
    while (!stop) {
      const i = next++;
      await server.db.doc(`crash/${i}`).set({ i });
      acknowledged.add(i);
    }
  });
  await new Promise((r) => setTimeout(r, 200 + Math.random() * 400));
  await server.kill();
  stop = true;
  for (const writer of writers) writer.catch(() => undefined);
  void server.db.terminate().catch(() => undefined);
}
const last = await start(dir, true);
const present = new Set((await last.db.collection('crash').get()).docs.map((d) => Number(d.id)));
if ([...acknowledged].every((i) => present.has(i))) held++;
console.log(
  `kill -9 during 50 writers: ${held} of ${rounds} restarts held every acknowledged write (${acknowledged.size} acknowledged in all)`,
);
void last.db.terminate().catch(() => undefined);
await last.kill();
process.exit(0);
