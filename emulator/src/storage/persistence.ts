/**
 * Export and import. An export is a folder `storage/` holding `objects.json` (every object's
 * metadata) and `blobs/` (their bytes, hard-linked when possible since blobs never change). It is
 * written beside its final place and renamed in, so a reader never sees half an export.
 */
import { randomUUID } from 'node:crypto';
import { copyFile, link, mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ObjectStore } from './store/objectStore.js';
import type { StoredObject } from './store/object.js';

const FOLDER = 'storage';
const INDEX = 'objects.json';

interface ExportIndex {
  version: 1;
  buckets: string[];
  objects: StoredObject[];
}

export async function exportStore(store: ObjectStore, dir: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  const temp = join(dir, `.${FOLDER}-${randomUUID()}`);
  try {
    await store.files.pinned(async () => {
      const objects = [...store.all()];
      await mkdir(join(temp, 'blobs'), { recursive: true });
      for (const object of objects) {
        await linkOrCopy(store.files.pathOf(object.blob), join(temp, 'blobs', object.blob));
      }
      const index: ExportIndex = { version: 1, buckets: store.bucketNames(), objects };
      await writeFile(join(temp, INDEX), JSON.stringify(index));
    });
    const final = join(dir, FOLDER);
    const old = join(dir, `.${FOLDER}-old-${randomUUID()}`);
    const hadPrevious = await exists(final);
    if (hadPrevious) await rename(final, old);
    await rename(temp, final);
    if (hadPrevious) await rm(old, { recursive: true, force: true });
  } catch (error) {
    await rm(temp, { recursive: true, force: true });
    throw error;
  }
}

/** Loads an export into an empty store. A missing export is not an error: there is nothing to load. */
export async function importStore(store: ObjectStore, dir: string): Promise<number> {
  const folder = join(dir, FOLDER);
  let text: string;
  try {
    text = await readFile(join(folder, INDEX), 'utf8');
  } catch {
    return 0;
  }
  const index = JSON.parse(text) as Partial<ExportIndex>;
  if (index.version !== 1 || !Array.isArray(index.objects) || !Array.isArray(index.buckets)) {
    throw new Error(`${join(folder, INDEX)} is not a storage export this emulator understands.`);
  }
  for (const bucket of index.buckets) store.ensureBucket(bucket);
  for (const object of index.objects) {
    await linkOrCopy(join(folder, 'blobs', object.blob), store.files.pathOf(object.blob));
    store.restore(object);
  }
  return index.objects.length;
}

async function linkOrCopy(from: string, to: string): Promise<void> {
  // Blobs never change: one already there (kept by the journal) is this one.
  if (await exists(to)) return;
  try {
    await link(from, to);
  } catch {
    await copyFile(from, to);
  }
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}
