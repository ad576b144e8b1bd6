/**
 * Resumable upload sessions, shared by both APIs (they differ only in how commands are spelled on
 * the wire). A session owns a staging file; chunks are appended at the offset the client states,
 * and finalizing hands the file to the store, which makes it the object or discards it.
 */
import { randomUUID } from 'node:crypto';
import type { Caller } from './auth.js';
import { BadRequestError, NotFoundError, StorageError } from './errors.js';
import type { BlobFiles, ExpectedHashes, StagedBlob } from './store/blobFiles.js';
import { checkCustomMetadataSize, type MetadataPatch, type StoredObject } from './store/object.js';
import type { Preconditions } from './store/preconditions.js';

export type UploadStatus = 'active' | 'final' | 'cancelled';

export interface UploadTarget {
  bucket: string;
  name: string;
  metadata: MetadataPatch;
  /** The size the client announced, checked when the upload is finalized. */
  declaredSize?: number;
  preconditions: Preconditions;
  caller: Caller;
  /** Hashes announced when the upload started, checked at finalize. */
  expected?: ExpectedHashes;
}

export interface UploadSession extends UploadTarget {
  readonly id: string;
  status: UploadStatus;
  /** While active: the bytes received so far. */
  staged: StagedBlob | null;
  received: number;
  /** Once final: the object, or the error the finalize answered with (repeated on retries). */
  outcome: StoredObject | StorageError | null;
  busy: boolean;
}

export class UploadSessions {
  private readonly sessions = new Map<string, UploadSession>();

  constructor(private readonly files: BlobFiles) {}

  async start(target: UploadTarget): Promise<UploadSession> {
    // Refused now rather than after every byte has been sent.
    checkCustomMetadataSize(target.metadata.metadata ?? {});
    const session: UploadSession = {
      ...target,
      id: randomUUID().replaceAll('-', ''),
      status: 'active',
      staged: await this.files.stage(),
      received: 0,
      outcome: null,
      busy: false,
    };
    this.sessions.set(session.id, session);
    return session;
  }

  /** The session `id` of `bucket`; an id used against another bucket is as unknown as a made-up one. */
  get(id: string, bucket: string): UploadSession {
    const session = this.sessions.get(id);
    if (!session || session.bucket !== bucket) throw new NotFoundError(`Unknown upload id: ${id}`);
    return session;
  }

  /**
   * Appends a chunk that must start at the current offset and, when `length` is given, carry
   * exactly that many bytes. A refused or failed chunk leaves the session as it was.
   */
  async append(
    session: UploadSession,
    offset: number,
    body: AsyncIterable<Uint8Array>,
    length?: number,
  ): Promise<void> {
    const staged = this.activeStaging(session);
    if (offset !== session.received) {
      throw new BadRequestError(
        `Upload offset ${offset} does not match the ${session.received} bytes received.`,
      );
    }
    session.busy = true;
    try {
      await staged.append(body, {
        ...(session.declaredSize === undefined ? {} : { limit: session.declaredSize }),
        ...(length === undefined ? {} : { length }),
      });
      session.received = staged.size;
    } finally {
      session.busy = false;
    }
  }

  /**
   * Takes the staged bytes for finalizing. The caller commits them and reports back with
   * `settle`; the size check happens here so that a short upload changes nothing.
   */
  take(session: UploadSession): StagedBlob {
    const staged = this.activeStaging(session);
    if (session.declaredSize !== undefined && session.received !== session.declaredSize) {
      throw new BadRequestError(
        `Upload size ${session.received} does not match the declared size ${session.declaredSize}.`,
      );
    }
    session.status = 'final';
    session.staged = null;
    return staged;
  }

  settle(session: UploadSession, outcome: StoredObject | StorageError): void {
    session.outcome = outcome;
  }

  async cancel(session: UploadSession): Promise<void> {
    if (session.status === 'final') throw new BadRequestError('Upload is already finalized.');
    session.status = 'cancelled';
    const staged = session.staged;
    session.staged = null;
    await staged?.discard();
  }

  async close(): Promise<void> {
    const open = [...this.sessions.values()].flatMap((session) =>
      session.staged ? [session.staged] : [],
    );
    this.sessions.clear();
    await Promise.all(open.map((staged) => staged.discard()));
  }

  private activeStaging(session: UploadSession): StagedBlob {
    if (session.status === 'cancelled') throw new BadRequestError('Upload was cancelled.');
    if (session.status === 'final' || !session.staged)
      throw new BadRequestError('Upload is already finalized.');
    if (session.busy) throw new BadRequestError('Another request is writing to this upload.');
    return session.staged;
  }
}
