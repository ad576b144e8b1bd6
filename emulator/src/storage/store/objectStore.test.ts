import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { ForbiddenError, NotFoundError, PreconditionFailedError } from '../errors.js';
import { BlobFiles } from './blobFiles.js';
import { ObjectStore, type StoreEventType } from './objectStore.js';

let files: BlobFiles;
let store: ObjectStore;

beforeEach(async () => {
  files = new BlobFiles(await mkdtemp(join(tmpdir(), 'object-store-')));
  await files.init();
  store = new ObjectStore(files);
});

async function write(
  name: string,
  text: string,
  options: Partial<Parameters<ObjectStore['commit']>[1]> = {},
) {
  const staged = await files.stage();
  await staged.append([Buffer.from(text)]);
  return store.commit(staged, { bucket: 'b', name, metadata: {}, ...options });
}

describe('ObjectStore', () => {
  it('commits bytes with their hashes and increasing generations', async () => {
    const first = await write('a', 'one');
    const second = await write('a', 'two');
    expect(first).toMatchObject({
      size: 3,
      md5Hash: createHash('md5').update('one').digest('base64'),
      contentType: 'application/octet-stream',
    });
    expect(BigInt(second.generation)).toBeGreaterThan(BigInt(first.generation));
    expect(await readFile(files.pathOf(second.blob), 'utf8')).toBe('two');
    // The replaced generation's bytes are gone; only the live blob remains.
    expect(await readdir(files.blobDir)).toEqual([second.blob]);
  });

  it('a refused write leaves neither the object nor a staging file', async () => {
    await expect(
      write('denied', 'x', {
        authorize: () => {
          throw new ForbiddenError('no');
        },
      }),
    ).rejects.toThrow(ForbiddenError);
    expect(store.get('b', 'denied')).toBeUndefined();
    expect(await readdir(join(files.root, 'staging'))).toEqual([]);
    expect(await readdir(files.blobDir)).toEqual([]);
  });

  it('tells create from update in the authorize hook', async () => {
    const seen: string[] = [];
    const authorize = (current: unknown, proposed: unknown) => {
      seen.push(proposed === undefined ? 'delete' : current === undefined ? 'create' : 'update');
    };
    await write('x', '1', { authorize });
    await write('x', '2', { authorize });
    await store.delete('b', 'x', { authorize });
    expect(seen).toEqual(['create', 'update', 'delete']);
  });

  it('checks preconditions under the lock: of two racing create-only writes, one wins', async () => {
    const results = await Promise.allSettled([
      write('race', 'first', { preconditions: { ifGenerationMatch: 0n } }),
      write('race', 'second', { preconditions: { ifGenerationMatch: 0n } }),
    ]);
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    const rejected = results.find(
      (result) => result.status === 'rejected',
    ) as PromiseRejectedResult;
    expect(rejected.reason).toBeInstanceOf(PreconditionFailedError);
  });

  it('updates metadata with a new metageneration and events in order', async () => {
    const events: [StoreEventType, number][] = [];
    store.onEvent((type, object) => events.push([type, object.metageneration]));
    await write('m', 'x');
    const updated = await store.updateMetadata('b', 'm', () => ({
      contentType: 'text/plain',
      metadata: { k: 'v' },
    }));
    expect(updated).toMatchObject({
      contentType: 'text/plain',
      metadata: { k: 'v' },
      metageneration: 2,
    });
    await store.delete('b', 'm');
    expect(events).toEqual([
      ['finalized', 1],
      ['metadataUpdated', 2],
      ['deleted', 2],
    ]);
  });

  it('a missing object is NotFound for updates and deletes', async () => {
    await expect(store.updateMetadata('b', 'nope', () => ({}))).rejects.toThrow(NotFoundError);
    await expect(store.delete('b', 'nope')).rejects.toThrow(NotFoundError);
  });
});
