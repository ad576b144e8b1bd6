/**
 * Object bytes on disk. Uploads stream into a staging file while MD5 and CRC32C are computed on the
 * fly; a finished upload is fsynced and renamed into the blob folder, so a blob file is always
 * complete and never changes afterwards (readers can stream it while a newer generation lands).
 */
import { createHash, randomUUID, type Hash } from 'node:crypto';
import { mkdir, open, readdir, rename, rm, unlink, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { BadRequestError, PayloadTooLargeError } from '../errors.js';
import { crc32cToBase64, crc32cUpdate } from './crc32c.js';

const WRITE_BATCH_BYTES = 1024 * 1024;

export interface Digest {
  size: number;
  md5Hash: string;
  crc32c: string;
}

/** Hashes a client announced for its upload (GCS `md5Hash`/`crc32c`, or the `X-Goog-Hash` header), checked against the Digest. */
export interface ExpectedHashes {
  md5Hash?: string;
  crc32c?: string;
}

export class BlobFiles {
  readonly blobDir: string;
  private readonly stagingDir: string;
  /** While an export copies blobs, removals wait so that its snapshot stays complete. */
  private pins = 0;
  private deferred: string[] = [];

  constructor(readonly root: string) {
    this.blobDir = join(root, 'blobs');
    this.stagingDir = join(root, 'staging');
  }

  /**
   * Starts from empty folders: metadata lives in memory (and in exports), so files a previous run
   * left here, finished or half-written, are referred to by nothing.
   */
  async init(keepBlobs = false): Promise<void> {
    for (const folder of keepBlobs ? [this.stagingDir] : [this.blobDir, this.stagingDir]) {
      await rm(folder, { recursive: true, force: true });
      await mkdir(folder, { recursive: true });
    }
  }

  /**
   * With a journal the blob folder is kept across runs (the journal's objects point into it):
   * removes the files no object refers to (replaced or deleted ones a crash left behind).
   */
  async removeUnreferenced(referenced: Set<string>): Promise<number> {
    let removed = 0;
    await mkdir(this.blobDir, { recursive: true });
    for (const name of await readdir(this.blobDir))
      if (!referenced.has(name)) {
        await unlink(this.pathOf(name)).catch(() => undefined);
        removed++;
      }
    return removed;
  }

  pathOf(blob: string): string {
    return join(this.blobDir, blob);
  }

  async stage(): Promise<StagedBlob> {
    const path = join(this.stagingDir, randomUUID());
    return new StagedBlob(path, await open(path, 'w'));
  }

  /** Moves a sealed staging file into the blob folder, durably (the folder is synced too). */
  async adopt(staged: StagedBlob): Promise<string> {
    const blob = randomUUID();
    await rename(staged.path, this.pathOf(blob));
    const folder = await open(this.blobDir, 'r');
    try {
      await folder.sync();
    } finally {
      await folder.close();
    }
    return blob;
  }

  async remove(blob: string): Promise<void> {
    if (this.pins > 0) {
      this.deferred.push(blob);
      return;
    }
    await unlink(this.pathOf(blob)).catch(() => undefined);
  }

  /** Runs `task` with blob removals held back. */
  async pinned<T>(task: () => Promise<T>): Promise<T> {
    this.pins++;
    try {
      return await task();
    } finally {
      this.pins--;
      if (this.pins === 0) {
        const held = this.deferred;
        this.deferred = [];
        await Promise.all(held.map((blob) => this.remove(blob)));
      }
    }
  }
}

/** A file being written. Appends are all-or-nothing: a failed one leaves size and hashes as before. */
export class StagedBlob {
  private md5: Hash = createHash('md5');
  private crc = 0;
  private written = 0;
  private closed = false;

  constructor(
    readonly path: string,
    private readonly file: FileHandle,
  ) {}

  get size(): number {
    return this.written;
  }

  /**
   * Streams `source` to the end of the file: at most `limit` bytes in total, and exactly `length`
   * bytes from this source, when given (a chunk that carries another count is refused as soon as
   * that is known, and leaves nothing behind). Network chunks are small (16-64 KB); they are
   * gathered into one vectored write per ~1 MB, which keeps the file-system thread pool free for
   * the other uploads while bounding memory per upload.
   */
  async append(
    source: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
    { limit = Number.POSITIVE_INFINITY, length }: { limit?: number; length?: number } = {},
  ): Promise<void> {
    const start = { written: this.written, md5: this.md5.copy(), crc: this.crc };
    let pending: Uint8Array[] = [];
    let pendingBytes = 0;
    const flush = async () => {
      if (pendingBytes === 0) return;
      const batch = pending;
      const position = this.written;
      pending = [];
      this.written += pendingBytes;
      pendingBytes = 0;
      await this.file.writev(batch, position);
    };
    try {
      for await (const chunk of source) {
        if (this.written + pendingBytes + chunk.length > limit) {
          throw new PayloadTooLargeError(`Upload exceeds the declared size of ${limit} bytes.`);
        }
        if (
          length !== undefined &&
          this.written + pendingBytes + chunk.length - start.written > length
        )
          throw chunkLengthError(length, `more than ${length}`);
        this.md5.update(chunk);
        this.crc = crc32cUpdate(this.crc, chunk);
        pending.push(chunk);
        pendingBytes += chunk.length;
        if (pendingBytes >= WRITE_BATCH_BYTES) await flush();
      }
      await flush();
      if (length !== undefined && this.written - start.written !== length)
        throw chunkLengthError(length, String(this.written - start.written));
    } catch (error) {
      await this.file.truncate(start.written);
      this.written = start.written;
      this.md5 = start.md5;
      this.crc = start.crc;
      throw error;
    }
  }

  digest(): Digest {
    return {
      size: this.written,
      md5Hash: this.md5.copy().digest('base64'),
      crc32c: crc32cToBase64(this.crc),
    };
  }

  /** Flushes the bytes to disk: after this the data survives a crash. */
  async seal(): Promise<void> {
    await this.file.sync();
    await this.close();
  }

  async discard(): Promise<void> {
    await this.close();
    await rm(this.path, { force: true });
  }

  private async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.file.close();
  }
}

function chunkLengthError(announced: number, carried: string): BadRequestError {
  return new BadRequestError(
    `The chunk carried ${carried} bytes where its request announced ${announced}.`,
  );
}
