// Data that survives a crash: a real emulator process (the CLI, as `npm start` runs it, with
// --import/--export-on-exit on one data folder) is killed with SIGKILL while 50 writers commit
// through the real Firestore SDK, then restarted on the same folder: every write whose promise
// resolved before the kill is there, and every batch is all or nothing.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Firestore } from '@google-cloud/firestore';
import { afterEach, describe, expect, it } from 'vitest';
import { readRecords } from '../src/journal.js';

const CLI = resolve(__dirname, '../src/cli.ts');
const running = new Set<ChildProcess>();

afterEach(() => {
  for (const child of running) child.kill('SIGKILL');
  running.clear();
});

async function folder() {
  const dir = await mkdtemp(join(tmpdir(), 'hearth-crash-'));
  await writeFile(
    join(dir, 'firebase.json'),
    JSON.stringify({ emulators: { firestore: { port: 0 }, storage: { port: 0 } } }),
  );
  return dir;
}

/** Starts the CLI the way the stack does (scripts/lib/stack.ts persistenceArgs). */
async function startEmulator(dir: string, env: Record<string, string> = {}) {
  const data = join(dir, 'data');
  const imported = existsSync(join(data, 'hearth-export.json')) ? ['--import', data] : [];
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      CLI,
      'start',
      '--config',
      join(dir, 'firebase.json'),
      '--only',
      'firestore,storage',
      ...imported,
      '--export-on-exit',
      data,
    ],
    { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  running.add(child);
  let output = '';
  const host = await new Promise<string>((resolveHost, reject) => {
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Firestore ready at http:\/\/(\S+)/.exec(output);
      if (match && /Storage ready at/.test(output)) resolveHost(match[1] as string);
    });
    child.on('exit', (code) => reject(new Error(`emulator exited (${code}):\n${output}`)));
  });
  // The SDK takes FIRESTORE_EMULATOR_HOST over `host` (`npm test` sets it to the stack's emulator):
  // point it at this test's own.
  process.env.FIRESTORE_EMULATOR_HOST = host;
  const db = new Firestore({ projectId: 'demo-crash', host, ssl: false, preferRest: false });
  const storage = /Storage ready at (\S+)/.exec(output)?.[1] as string;
  return { child, db, storage, output: () => output };
}

function kill(child: ChildProcess) {
  return new Promise<void>((done) => {
    child.on('exit', () => done());
    child.kill('SIGKILL');
    running.delete(child);
  });
}

describe('journal: kill -9 loses nothing acknowledged', () => {
  it('keeps every acknowledged batch across repeated kills mid-write (with compaction running)', async () => {
    const dir = await folder();
    const acknowledged = new Set<string>();
    let next = 0;
    let killAt = 0;
    for (let round = 0; round < 6; round++) {
      const { child, db } = await startEmulator(dir, { HEARTH_JOURNAL_COMPACT_MS: '150' });
      // Everything acknowledged in earlier rounds survived the previous kill and restart.
      const [a, b] = await Promise.all([db.collection('a').get(), db.collection('b').get()]);
      const aIds = new Set(a.docs.map((d) => d.id));
      const bIds = new Set(b.docs.map((d) => d.id));
      for (const id of acknowledged) {
        expect(aIds.has(id), `a/${id}`).toBe(true);
        expect(bIds.has(id), `b/${id}`).toBe(true);
      }
      // A batch is all or nothing, acknowledged or not.
      expect([...aIds].sort()).toEqual([...bIds].sort());
      for (const doc of a.docs) expect(doc.data()).toEqual({ n: Number(doc.id) });

      let stop = false;
      const writers = Array.from({ length: 50 }, async () => {
        while (!stop) {
          const id = String(next++);
          const batch = db.batch();
          batch.set(db.doc(`a/${id}`), { n: Number(id) });
          batch.set(db.doc(`b/${id}`), { n: Number(id) });
          // A resolved commit was answered by the emulator, so before the kill.
          await batch.commit();
          acknowledged.add(id);
          // Even rounds: killed the instant an answer arrives, while the next group is written.
          if (killAt && acknowledged.size >= killAt) child.kill('SIGKILL');
        }
      });
      const exited = new Promise<void>((done) => child.on('exit', () => done()));
      const target = acknowledged.size + 200;
      if (round % 2 === 0) killAt = target;
      while (acknowledged.size < target) await new Promise((r) => setTimeout(r, 5));
      // Odd rounds: at a random moment. Writes are in flight at the kill either way; the SDK
      // retries them against a dead port: left alone.
      if (round % 2 === 1) await new Promise((r) => setTimeout(r, Math.random() * 300));
      child.kill('SIGKILL');
      running.delete(child);
      await exited;
      killAt = 0;
      stop = true;
      for (const writer of writers) writer.catch(() => undefined);
      void db.terminate().catch(() => undefined);
    }
    const { child, db } = await startEmulator(dir);
    const ids = new Set((await db.collection('a').get()).docs.map((d) => d.id));
    for (const id of acknowledged) expect(ids.has(id), `a/${id}`).toBe(true);
    await db.terminate();
    await kill(child);
  }, 120_000);

  it('starts after a torn last record, keeping the records before it', async () => {
    const dir = await folder();
    const first = await startEmulator(dir, { HEARTH_JOURNAL_COMPACT_MS: '3600000' });
    for (let i = 1; i <= 5; i++) await first.db.doc(`notes/${i}`).set({ i });
    await kill(first.child);
    void first.db.terminate().catch(() => undefined);
    const journalDir = join(dir, 'data.journal', 'firestore');
    const segments = await readdir(journalDir);
    let last = '';
    for (const name of segments.sort())
      if ((await stat(join(journalDir, name))).size > 0) last = join(journalDir, name);
    // The segment ends in zeros written ahead: zero the last record's last bytes instead, as a
    // crash does when only part of a write reached the disk.
    const bytes = await readFile(last);
    const used = readRecords(bytes).records.reduce((end, record) => end + 8 + record.length, 0);
    bytes.fill(0, used - 3, used);
    await writeFile(last, bytes);

    const second = await startEmulator(dir);
    const ids = (await second.db.collection('notes').get()).docs.map((d) => d.id).sort();
    expect(ids).toEqual(['1', '2', '3', '4']);
    expect(second.output()).toContain('torn or corrupt record');
    await second.db.terminate();
    await kill(second.child);
  });

  it('compacts into the export on a clean exit and starts from it', async () => {
    const dir = await folder();
    const first = await startEmulator(dir);
    await first.db.doc('notes/kept').set({ ok: true });
    await first.db.terminate();
    await new Promise<void>((done) => {
      first.child.on('exit', () => done());
      first.child.kill('SIGTERM');
    });
    running.delete(first.child);
    const marker = JSON.parse(await readFile(join(dir, 'data', 'hearth-export.json'), 'utf8'));
    expect(marker.journalSegment).toBeGreaterThan(0);
    const left = await readdir(join(dir, 'data.journal', 'firestore'));
    expect(left).toEqual([`segment-${marker.journalSegment}.log`]);
    const second = await startEmulator(dir);
    expect((await second.db.doc('notes/kept').get()).data()).toEqual({ ok: true });
    await second.db.terminate();
    await kill(second.child);
  });
});

describe('journal: Storage objects survive kill -9', () => {
  const bucket = 'demo-crash.appspot.com';
  const url = (base: string, name: string) =>
    `${base}/storage/v1/b/${bucket}/o/${encodeURIComponent(name)}`;
  const upload = async (base: string, name: string, body: string) => {
    const response = await fetch(
      `${base}/upload/storage/v1/b/${bucket}/o?uploadType=media&name=${encodeURIComponent(name)}`,
      { method: 'POST', headers: { 'Content-Type': 'text/plain' }, body },
    );
    if (!response.ok) throw new Error(`upload ${name}: ${response.status}`);
  };
  const bytes = async (base: string, name: string) => {
    const response = await fetch(`${url(base, name)}?alt=media`);
    return response.ok ? response.text() : null;
  };

  it('keeps every acknowledged upload, overwrite and deletion across a kill mid-write', async () => {
    const dir = await folder();
    const first = await startEmulator(dir, { HEARTH_JOURNAL_COMPACT_MS: '200' });
    const base = first.storage;
    await upload(base, 'gone', 'soon deleted');
    const deleted = await fetch(url(base, 'gone'), { method: 'DELETE' });
    expect(deleted.ok).toBe(true);
    const acknowledged = new Set<number>();
    let chain = 0;
    let stop = false;
    let next = 0;
    const writers = Array.from({ length: 20 }, async () => {
      while (!stop) {
        const i = next++;
        await upload(base, `objects/${i}`, `bytes of ${i}`);
        acknowledged.add(i);
      }
    });
    const overwriter = (async () => {
      while (!stop) {
        await upload(base, 'chain', `version ${chain + 1}`);
        chain++;
      }
    })();
    // Handled from now on: the uploads in flight fail when the emulator is killed.
    const settled = Promise.allSettled([...writers, overwriter]);
    while (acknowledged.size < 150 || chain < 5) await new Promise((r) => setTimeout(r, 5));
    await kill(first.child);
    stop = true;
    await settled;
    void first.db.terminate().catch(() => undefined);

    const second = await startEmulator(dir);
    for (const i of acknowledged)
      expect(await bytes(second.storage, `objects/${i}`)).toBe(`bytes of ${i}`);
    // The last acknowledged version, or the one in flight at the kill; never an older one.
    expect([`version ${chain}`, `version ${chain + 1}`]).toContain(
      await bytes(second.storage, 'chain'),
    );
    expect(await bytes(second.storage, 'gone')).toBeNull();
    await second.db.terminate();
    await kill(second.child);
  });
});
