import { createHash } from 'node:crypto';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BadRequestError, PayloadTooLargeError } from '../errors.js';
import { BlobFiles } from './blobFiles.js';
import { crc32cToBase64, crc32cUpdate } from './crc32c.js';

async function* failingAfter(chunks: string[]): AsyncGenerator<Uint8Array> {
  for (const chunk of chunks) yield Buffer.from(chunk);
  throw new Error('connection reset');
}

describe('StagedBlob', () => {
  it('a failed append leaves size, bytes and hashes as they were', async () => {
    const files = new BlobFiles(await mkdtemp(join(tmpdir(), 'blob-files-')));
    await files.init();
    const staged = await files.stage();
    await staged.append([Buffer.from('hello ')]);
    await expect(staged.append(failingAfter(['wor', 'ld']))).rejects.toThrow('connection reset');
    await staged.append([Buffer.from('world')]);
    expect(staged.digest()).toEqual({
      size: 11,
      md5Hash: createHash('md5').update('hello world').digest('base64'),
      crc32c: crc32cToBase64(crc32cUpdate(0, Buffer.from('hello world'))),
    });
    await staged.seal();
    expect(await readFile(staged.path, 'utf8')).toBe('hello world');
  });

  it('refuses bytes past the limit without keeping any of the chunk', async () => {
    const files = new BlobFiles(await mkdtemp(join(tmpdir(), 'blob-files-')));
    await files.init();
    const staged = await files.stage();
    await expect(
      staged.append([Buffer.from('abc'), Buffer.from('def')], { limit: 4 }),
    ).rejects.toThrow(PayloadTooLargeError);
    expect(staged.size).toBe(0);
    await staged.discard();
  });

  it('a chunk that carries another count than announced is refused and leaves nothing', async () => {
    const files = new BlobFiles(await mkdtemp(join(tmpdir(), 'blob-files-')));
    await files.init();
    const staged = await files.stage();
    await staged.append([Buffer.from('head')]);
    for (const chunk of [['ab'], ['abc', 'def']]) {
      await expect(
        staged.append(
          chunk.map((c) => Buffer.from(c)),
          { length: 3 },
        ),
      ).rejects.toThrow(BadRequestError);
      expect(staged.digest()).toEqual({
        size: 4,
        md5Hash: createHash('md5').update('head').digest('base64'),
        crc32c: crc32cToBase64(crc32cUpdate(0, Buffer.from('head'))),
      });
    }
    await staged.append([Buffer.from('xyz')], { length: 3 });
    expect(staged.size).toBe(7);
    await staged.discard();
  });
});
