/**
 * The journal's cost and its promise (`node --import tsx bench/journal.ts`, ~1 min; needs
 * `npm run build -w emulator`).
 *
 * Commit throughput of the emulator's command with the journal (`--export-on-exit DIR`, every
 * commit fsynced before its answer) against the same command without it, measured in the same run
 * with the real Firestore SDK: sequential sets (600, one to each emulator in turn), and 50 writers
 * in parallel (6 bursts of 500 sets, each emulator in turn). Both run at once and the order of
 * each turn is random, so the machine's swings (up to 10x here from one minute to the next) fall on
 * both alike; the ratio is with / without (the issue asks ≥ 0.8).
 *
 * Then the promise: BENCH_CRASH_ROUNDS times (default 20), 50 writers commit until the process
 * is killed with SIGKILL at a random moment (within 400 ms of the round's first answer), and the
 * restarted emulator must hold every write whose promise resolved. It prints how many rounds held
 * everything.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, fdatasyncSync, openSync, writeSync } from 'node:fs';
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

/**
 * Both emulators run at once and take turns: one commit (or one burst of `parallel` writers) to
 * each in turn, `turns` times, in a random order each turn, so the machine's swings fall on both
 * sides alike. Returns commits per second of each, from the time spent on it.
 */
async function throughput(parallel: number, perTurn: number, turns: number) {
  const servers = [await start(await folder(), true), await start(await folder(), false)];
  const spent = [0, 0];
  for (let turn = 0; turn < turns; turn++) {
    for (const side of Math.random() < 0.5 ? [0, 1] : [1, 0]) {
      const db = (servers[side] as Awaited<ReturnType<typeof start>>).db;
      let next = 0;
      const began = performance.now();
      await Promise.all(
        Array.from({ length: parallel }, async () => {
          while (next < perTurn) {
            const i = next++;
            await db.doc(`items/${turn}-${i}`).set({ i, at: Date.now() });
          }
        }),
      );
      spent[side] = (spent[side] as number) + performance.now() - began;
    }
  }
  for (const server of servers) {
    void server.db.terminate().catch(() => undefined);
    await server.kill();
  }
  return spent.map((ms) => (perTurn * turns) / (ms / 1000)) as [number, number];
}

/**
 * What the disk itself asks of a sequential writer's record: the mean of one small write and its
 * fdatasync into a file whose blocks exist (as the journal's zero-filled segments are), each made
 * right after a set's round trip to an emulator without the journal, as the journal's are (a flush
 * after a round trip is slower here than one after a pause: p50 350 against 220 µs in one run).
 */
async function deviceFlushMicros(rounds = 300): Promise<number> {
  const dir = await folder();
  const server = await start(dir, false);
  const record = Buffer.alloc(300, 1);
  const fd = openSync(join(dir, 'flush.dat'), 'w');
  writeSync(fd, Buffer.alloc(record.length * rounds));
  fdatasyncSync(fd);
  const times: number[] = [];
  for (let i = 0; i < rounds; i++) {
    await server.db.doc(`flush/${i}`).set({ i });
    const began = performance.now();
    writeSync(fd, record, 0, record.length, i * record.length);
    fdatasyncSync(fd);
    times.push((performance.now() - began) * 1000);
  }
  closeSync(fd);
  void server.db.terminate().catch(() => undefined);
  await server.kill();
  return times.reduce((a, b) => a + b) / rounds;
}

const rows: [string, number, number][] = [];
for (const [label, parallel, perTurn, turns] of [
  ['sequential sets /s', 1, 1, 600],
  ['50 parallel writers, sets /s', 50, 500, 6],
] as const) {
  const [withJournal, without] = await throughput(parallel, perTurn, turns);
  rows.push([label, withJournal, without]);
}
console.log('commit throughput         with journal   without   ratio');
for (const [label, withJournal, without] of rows)
  console.log(
    `${label.padEnd(30)} ${withJournal.toFixed(0).padStart(8)} ${without.toFixed(0).padStart(9)} ${(withJournal / without).toFixed(2).padStart(7)}x`,
  );
const [, sequentialWith, sequentialWithout] = rows[0] as [string, number, number];
console.log(
  `a sequential commit: the journal adds ${((1 / sequentialWith - 1 / sequentialWithout) * 1e6).toFixed(0)} µs; this disk's write + fdatasync of one record after a round trip: ${(await deviceFlushMicros()).toFixed(0)} µs (means)`,
);

const rounds = Number(process.env['BENCH_CRASH_ROUNDS'] ?? 20);
if (rounds === 0) process.exit(0);
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
  let firstAck: () => void = () => undefined;
  const acked = new Promise<void>((done) => (firstAck = done));
  const writers = Array.from({ length: 50 }, async () => {
    while (!stop) {
      const i = next++;
      await server.db.doc(`crash/${i}`).set({ i });
      acknowledged.add(i);
      firstAck();
    }
  });
  // Killed while the writers are in full flow: a random moment after the round's first answer.
  await Promise.race([acked, new Promise((r) => setTimeout(r, 60_000))]);
  await new Promise((r) => setTimeout(r, Math.random() * 400));
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
