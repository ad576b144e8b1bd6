// The journal's edge cases at start, in-process: an export a crash left between its two renames
// is put back and imported; a journal that does not continue the imported data is moved aside.
import { existsSync } from 'node:fs';
import { cp, mkdtemp, readdir, rename, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Firestore } from '@google-cloud/firestore';
import { describe, expect, it } from 'vitest';
import { readFirebaseJson } from '../src/config.js';
import { startEmulators } from '../src/emulators.js';

async function start(dir: string, options: { importDir?: string }, lines: string[] = []) {
  await writeFile(
    join(dir, 'firebase.json'),
    JSON.stringify({ emulators: { firestore: { port: 0 } } }),
  );
  const running = await startEmulators({
    config: readFirebaseJson(join(dir, 'firebase.json')),
    projectId: 'demo-recovery',
    firestore: true,
    storage: false,
    ui: false,
    persistDir: join(dir, 'data'),
    ...options,
    log: (line) => lines.push(line),
  });
  // The SDK takes FIRESTORE_EMULATOR_HOST over `host` (`npm test` sets it to the stack's emulator):
  // point it at this test's own.
  process.env.FIRESTORE_EMULATOR_HOST = running.env.FIRESTORE_EMULATOR_HOST;
  const db = new Firestore({
    projectId: 'demo-recovery',
    host: running.env.FIRESTORE_EMULATOR_HOST as string,
    ssl: false,
  });
  return { running, db };
}

async function stop(instance: Awaited<ReturnType<typeof start>>, exportDir?: string) {
  await instance.db.terminate();
  await instance.running.stop(exportDir);
}

/**
 * A fresh folder after a first run that wrote notes/a = `data` and stopped, exporting to
 * `data/` when `exported` (else the write is only in the journal, as after a kill).
 */
async function afterFirstRun(data: object, exported: boolean): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'hearth-recovery-'));
  const first = await start(dir, {});
  await first.db.doc('notes/a').set(data);
  await stop(first, exported ? join(dir, 'data') : undefined);
  return dir;
}

describe('journal recovery at start', () => {
  it('puts back an export a crash left staged between its two renames, and imports it', async () => {
    const dir = await afterFirstRun({ v: 1 }, true);
    // As if the process died after moving the old export away, before the new one went in.
    await rename(join(dir, 'data'), join(dir, 'data.tmp-1-2'));
    const lines: string[] = [];
    const second = await start(dir, {}, lines);
    expect((await second.db.doc('notes/a').get()).data()).toEqual({ v: 1 });
    expect(lines.join('\n')).toContain('Recovered the export an interrupted compaction left');
    expect(existsSync(join(dir, 'data', 'hearth-export.json'))).toBe(true);
    await stop(second);
  });

  it('puts back the staged export that holds the most, and removes the other leftovers', async () => {
    const dir = await afterFirstRun({ v: 1 }, true);
    const older = join(dir, 'older');
    await cp(join(dir, 'data'), older, { recursive: true });
    const second = await start(dir, { importDir: join(dir, 'data') });
    await second.db.doc('notes/a').set({ v: 2 });
    await stop(second, join(dir, 'data'));
    // A crash after staging an export, before its swap, left it complete but older (pid 4194302,
    // gone); then a crash between a later export's two renames (the journal segments before that
    // one are gone).
    await rename(older, join(dir, 'data.tmp-4194302-1'));
    await rename(join(dir, 'data'), join(dir, 'data.tmp-4194303-2'));
    await writeFile(join(dir, 'data.old-4194303-2'), '');
    const lines: string[] = [];
    const third = await start(dir, {}, lines);
    expect((await third.db.doc('notes/a').get()).data()).toEqual({ v: 2 });
    expect(lines.join('\n')).toContain('data.tmp-4194303-2: importing it');
    expect(lines.join('\n')).toContain('Removed what 2 interrupted exports left beside');
    expect((await readdir(dir)).filter((name) => /^data\.(tmp|old)-/.test(name))).toEqual([]);
    await stop(third);
  });

  it('moves aside a journal when --import names other data', async () => {
    const dir = await afterFirstRun({ v: 1 }, false);
    const other = await mkdtemp(join(tmpdir(), 'hearth-recovery-other-'));
    const lines: string[] = [];
    const second = await start(dir, { importDir: other }, lines);
    expect((await second.db.doc('notes/a').get()).exists).toBe(false);
    expect(lines.join('\n')).toContain('which is not being imported: moved it to');
    expect((await readdir(dir)).some((name) => name.startsWith('data.journal.discarded-'))).toBe(
      true,
    );
    await stop(second);
  });

  it('without an export, replays the whole journal (a first run that was killed)', async () => {
    const dir = await afterFirstRun({ v: 2 }, false);
    const second = await start(dir, {});
    expect((await second.db.doc('notes/a').get()).data()).toEqual({ v: 2 });
    await stop(second);
  });
});
