/**
 * One Write stream, the web SDK's way of writing: the first request is a handshake answered with a
 * stream id and token; each later request is one atomic commit answered with a fresh token, the
 * write results and the commit time. A failed commit ends the stream with its status.
 */
import { randomBytes } from 'node:crypto';
import type { Database } from '../database/database.js';
import { invalidArgument } from '../../model/errors.js';
import type { Write } from '../documents/mutation.js';
import type {
  CommitResponse,
  StreamSession,
  StreamSink,
  WriteRequest,
  WriteResponse,
} from '../api/messages.js';

export class WriteSession implements StreamSession<WriteRequest> {
  private readonly streamId = randomBytes(12).toString('hex');
  private sequence = 0;
  private db: Database | undefined;
  private closed = false;

  constructor(
    private readonly database: (name: string) => Database,
    private readonly commit: (db: Database, writes: Write[]) => Promise<CommitResponse>,
    private readonly sink: StreamSink<WriteResponse>,
  ) {}

  private nextToken(): Uint8Array {
    const token = Buffer.alloc(8);
    token.writeBigUInt64BE(BigInt(++this.sequence));
    return token;
  }

  async handle(request: WriteRequest): Promise<void> {
    if (this.closed) return;
    if (!this.db) {
      if (request.streamId)
        throw invalidArgument('Resuming a write stream by id is not supported; open a new stream.');
      if (request.writes && request.writes.length > 0)
        throw invalidArgument(
          'The first request on a write stream is the handshake and carries no writes.',
        );
      this.db = this.database(request.database);
      this.sink.send({ streamId: this.streamId, streamToken: this.nextToken(), writeResults: [] });
      return;
    }
    const result = await this.commit(this.db, request.writes ?? []);
    this.sink.send({
      streamId: this.streamId,
      streamToken: this.nextToken(),
      writeResults: result.writeResults,
      commitTime: result.commitTime,
    });
  }

  close(): void {
    this.closed = true;
  }
}
