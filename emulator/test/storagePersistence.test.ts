/**
 * Export and import, and the object events the triggers bridge consumes: what an export holds
 * comes back identical after import, and events arrive once the object is on disk.
 */
import { mkdtemp, readFile, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startStorage, type ObjectEvent, type StorageEmulator } from '../src/storage/index.js';

const projectId = 'demo-storage-persistence';
const bucket = `${projectId}.appspot.com`;
const running: StorageEmulator[] = [];

async function start(
  options: { importDir?: string } = {},
): Promise<{ emulator: StorageEmulator; base: string }> {
  const emulator = await startStorage({ port: 0, projectId, ...options });
  running.push(emulator);
  return { emulator, base: `http://${emulator.host}:${emulator.port}` };
}

afterEach(async () => {
  await Promise.all(running.splice(0).map((emulator) => emulator.close()));
});

const put = (base: string, name: string, body: string, contentType = 'text/plain') =>
  fetch(
    `${base}/upload/storage/v1/b/${bucket}/o?uploadType=media&name=${encodeURIComponent(name)}`,
    {
      method: 'POST',
      headers: { 'Content-Type': contentType },
      body,
    },
  ).then((response) => response.json() as Promise<Record<string, unknown>>);
const metadataOf = (base: string, name: string) =>
  fetch(`${base}/storage/v1/b/${bucket}/o/${encodeURIComponent(name)}`).then(
    (response) => response.json() as Promise<Record<string, unknown>>,
  );
const bytesOf = (base: string, name: string) =>
  fetch(`${base}/storage/v1/b/${bucket}/o/${encodeURIComponent(name)}?alt=media`).then((response) =>
    response.text(),
  );

describe('export and import', () => {
  it('an import restores every object with its metadata and bytes', async () => {
    const first = await start();
    await put(first.base, 'a/one.txt', 'one');
    await put(first.base, 'b/ü two.json', '{"two":2}', 'application/json');
    await fetch(`${first.base}/storage/v1/b/${bucket}/o/a%2Fone.txt`, {
      method: 'PATCH',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ metadata: { firebaseStorageDownloadTokens: 'tok-1', note: 'kept' } }),
    });
    const before = await metadataOf(first.base, 'a/one.txt');
    const dir = await mkdtemp(join(tmpdir(), 'storage-export-'));
    await first.emulator.exportData(dir);

    const second = await start({ importDir: dir });
    const after = await metadataOf(second.base, 'a/one.txt');
    for (const field of [
      'generation',
      'metageneration',
      'md5Hash',
      'crc32c',
      'size',
      'timeCreated',
      'updated',
      'metadata',
      'contentType',
    ]) {
      expect(after[field]).toEqual(before[field]);
    }
    expect(await bytesOf(second.base, 'a/one.txt')).toBe('one');
    expect(await bytesOf(second.base, 'b/ü two.json')).toBe('{"two":2}');
    const token = await fetch(`${second.base}/v0/b/${bucket}/o/a%2Fone.txt?alt=media&token=tok-1`);
    expect(await token.text()).toBe('one');
    // New writes after an import get newer generations than anything imported.
    const next = await put(second.base, 'a/one.txt', 'newer');
    expect(BigInt(next.generation as string)).toBeGreaterThan(BigInt(before.generation as string));
  });

  it('a second export replaces the first as a whole, and leaves no temporary folder', async () => {
    const { emulator, base } = await start();
    await put(base, 'keep.txt', 'k');
    await put(base, 'drop.txt', 'd');
    const dir = await mkdtemp(join(tmpdir(), 'storage-export-'));
    await emulator.exportData(dir);
    await fetch(`${base}/storage/v1/b/${bucket}/o/drop.txt`, { method: 'DELETE' });
    const response = await fetch(`${base}/internal/export`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ path: dir }),
    });
    expect(response.status).toBe(200);
    expect(await readdir(dir)).toEqual(['storage']);
    const index = JSON.parse(await readFile(join(dir, 'storage', 'objects.json'), 'utf8')) as {
      objects: { name: string }[];
    };
    expect(index.objects.map((object) => object.name)).toEqual(['keep.txt']);
    expect((await readdir(join(dir, 'storage', 'blobs'))).length).toBe(1);
  });

  it('importing from a folder without an export starts empty', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'storage-empty-'));
    const { base } = await start({ importDir: dir });
    const listing = (await (await fetch(`${base}/storage/v1/b/${bucket}/o`)).json()) as {
      items?: unknown[];
    };
    expect(listing.items).toBeUndefined();
  });
});

describe('object events', () => {
  it('an overwrite is the old generation deleted, then the new one finalized, both readable by then', async () => {
    const { emulator, base } = await start();
    const events: ObjectEvent[] = [];
    const readable: string[] = [];
    emulator.onObjectEvent((event) => {
      events.push(event);
      if (event.type === 'finalized')
        void bytesOf(base, event.object.name as string).then((text) => readable.push(text));
    });
    const first = await put(base, 'e.txt', 'v1');
    const second = await put(base, 'e.txt', 'v2');
    expect(events.map((event) => [event.type, event.object.generation])).toEqual([
      ['finalized', first.generation],
      ['deleted', first.generation],
      ['finalized', second.generation],
    ]);
    await expect.poll(() => readable.length).toBe(2);
    expect(readable).toContain('v2');
  });

  it('Firebase uploads carry the download token in the event metadata, and unsubscribing stops events', async () => {
    const { emulator, base } = await start();
    const events: ObjectEvent[] = [];
    const stop = emulator.onObjectEvent((event) => events.push(event));
    const response = await fetch(`${base}/v0/b/${bucket}/o?name=web.txt`, {
      method: 'POST',
      headers: { Authorization: 'Firebase owner', 'Content-Type': 'text/plain' },
      body: 'from the web',
    });
    expect(response.status).toBe(200);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      type: 'finalized',
      bucket,
      object: {
        kind: 'storage#object',
        name: 'web.txt',
        size: '12',
        contentType: 'text/plain',
        metadata: { firebaseStorageDownloadTokens: expect.any(String) },
      },
    });
    stop();
    await fetch(`${base}/storage/v1/b/${bucket}/o/web.txt`, { method: 'DELETE' });
    expect(events).toHaveLength(1);
  });

  it('a listener that throws does not undo or fail the write', async () => {
    const { emulator, base } = await start();
    emulator.onObjectEvent(() => {
      throw new Error('listener bug');
    });
    expect((await put(base, 'still.txt', 'kept')).name).toBe('still.txt');
    expect(await bytesOf(base, 'still.txt')).toBe('kept');
  });
});
