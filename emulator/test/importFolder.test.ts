// --import of a folder that is not there is a clear error, not a silent empty start (which, with
// --export-on-exit, would later write the empty data over the folder that was meant).
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readFirebaseJson } from '../src/config.js';
import { startEmulators } from '../src/emulators.js';

async function start(importDir: string, lines: string[] = []) {
  const dir = await mkdtemp(join(tmpdir(), 'hearth-import-'));
  await writeFile(
    join(dir, 'firebase.json'),
    JSON.stringify({ emulators: { firestore: { port: 0 }, storage: { port: 0 } } }),
  );
  return startEmulators({
    config: readFirebaseJson(join(dir, 'firebase.json')),
    projectId: 'demo-import',
    firestore: true,
    storage: true,
    ui: false,
    importDir,
    log: (line) => lines.push(line),
  });
}

describe('--import', () => {
  it('refuses a folder that does not exist, naming it and what an export looks like', async () => {
    const missing = join(tmpdir(), `hearth-no-such-export-${Date.now()}`);
    await expect(start(missing)).rejects.toThrow(
      `Cannot import from ${missing}: there is no such folder. Check the path given to --import; an export (--export-on-exit, or the console's Export) is a folder holding hearth-export.json.`,
    );
  });

  it('refuses a file', async () => {
    const file = join(await mkdtemp(join(tmpdir(), 'hearth-import-file-')), 'export.json');
    await writeFile(file, '{}');
    await expect(start(file)).rejects.toThrow('it is a file, not the folder of an export');
  });

  it('starts empty from a folder with no export yet, and says so', async () => {
    const empty = await mkdtemp(join(tmpdir(), 'hearth-import-empty-'));
    const lines: string[] = [];
    const running = await start(empty, lines);
    await running.stop();
    expect(lines).toContain(
      `Nothing to import in ${empty} (no hearth-export.json): starting empty`,
    );
  });
});
