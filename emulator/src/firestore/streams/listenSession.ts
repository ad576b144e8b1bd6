/**
 * One Listen stream. Targets are added and removed by the client; after every commit that touches
 * any of them the session sends the document changes of all its targets and then one global
 * NO_CHANGE carrying the commit's read time, so each snapshot the SDK raises is consistent and
 * listeners see every commit, in commit order.
 */
import type { Database } from '../database/database.js';
import { Code, FirestoreError, toFirestoreError } from '../../model/errors.js';
import { microsToTimestamp, timestampToMicros, type Micros } from '../store/clock.js';
import type { DocumentChange } from '../store/documentStore.js';
import type {
  ListenRequest,
  ListenResponse,
  StreamSession,
  StreamSink,
  Target,
} from '../api/messages.js';
import { decodeResumeToken, encodeResumeToken } from './resumeToken.js';
import { WatchTarget, type TargetDelta, type TargetSpec } from './watchTarget.js';
import { toDocument } from '../api/toDocument.js';

export interface ListenContext {
  /** The database named by the stream's first request. */
  database(name: string): Database;
  /** Validates and authorizes a target for this caller; throws to refuse it. */
  resolveTarget(db: Database, target: Target): TargetSpec;
}

export class ListenSession implements StreamSession<ListenRequest> {
  private db: Database | undefined;
  private unsubscribe: (() => void) | undefined;
  private readonly targets = new Map<number, WatchTarget>();
  private closed = false;

  constructor(
    private readonly context: ListenContext,
    private readonly sink: StreamSink<ListenResponse>,
  ) {}

  async handle(request: ListenRequest): Promise<void> {
    if (this.closed) return;
    const db = this.bind(request.database);
    if (request.addTarget) this.addTarget(db, request.addTarget);
    else if (request.removeTarget !== undefined) this.removeTarget(request.removeTarget);
    else
      throw new FirestoreError(
        Code.INVALID_ARGUMENT,
        'A listen request needs add_target or remove_target.',
      );
  }

  private bind(name: string): Database {
    const db = this.context.database(name);
    if (this.db && this.db !== db)
      throw new FirestoreError(Code.INVALID_ARGUMENT, 'A listen stream serves one database.');
    if (!this.db) {
      this.db = db;
      this.unsubscribe = db.subscribe((changes, time) => this.onCommit(changes, time));
    }
    return db;
  }

  private addTarget(db: Database, target: Target): void {
    const targetId = target.targetId ?? 0;
    if (!Number.isInteger(targetId))
      throw new FirestoreError(Code.INVALID_ARGUMENT, 'Invalid target id.');
    if (this.targets.has(targetId))
      throw new FirestoreError(Code.INVALID_ARGUMENT, `Target id ${targetId} is already in use.`);
    // Everything that can fail happens before the first message: a target that fails, for any
    // reason, is refused on its own and the stream's other targets carry on.
    let watch: WatchTarget;
    let resumeTime: Micros | undefined;
    let delta: TargetDelta;
    const time = db.clock.now();
    try {
      const spec = this.context.resolveTarget(db, target);
      if (target.resumeToken && target.resumeToken.length > 0)
        resumeTime = decodeResumeToken(target.resumeToken);
      else if (target.readTime) resumeTime = timestampToMicros(target.readTime);
      watch = new WatchTarget(targetId, spec);
      delta = watch.start(db.store, resumeTime);
    } catch (error) {
      this.refuse(targetId, error);
      return;
    }
    this.targets.set(targetId, watch);
    this.sink.send({ targetChange: { targetChangeType: 'ADD', targetIds: [targetId] } });
    this.sendDelta(watch, delta, time);
    // Like Firestore on a resume: the count lets the client notice a cache that drifted from the
    // server (it then re-runs the target without its token).
    if (resumeTime !== undefined) this.sink.send({ filter: { targetId, count: watch.size } });
    const token = encodeResumeToken(time);
    const readTime = microsToTimestamp(time);
    this.sink.send({
      targetChange: {
        targetChangeType: 'CURRENT',
        targetIds: [targetId],
        resumeToken: token,
        readTime,
      },
    });
    this.sink.send({
      targetChange: { targetChangeType: 'NO_CHANGE', targetIds: [], resumeToken: token, readTime },
    });
    if (target.once) this.removeTarget(targetId);
  }

  private refuse(targetId: number, error: unknown): void {
    const e = toFirestoreError(error);
    this.sink.send({
      targetChange: {
        targetChangeType: 'REMOVE',
        targetIds: [targetId],
        cause: { code: e.code, message: e.message },
      },
    });
  }

  private removeTarget(targetId: number): void {
    if (!this.targets.delete(targetId)) return;
    this.sink.send({ targetChange: { targetChangeType: 'REMOVE', targetIds: [targetId] } });
  }

  private onCommit(changes: DocumentChange[], time: Micros): void {
    if (this.closed || !this.db) return;
    let sent = false;
    try {
      for (const watch of this.targets.values()) {
        let delta: TargetDelta | null;
        try {
          delta = watch.update(this.db.store, changes);
        } catch (error) {
          // One target that cannot follow the commit is dropped, with its cause; not the stream.
          this.targets.delete(watch.targetId);
          this.refuse(watch.targetId, error);
          continue;
        }
        if (delta) {
          this.sendDelta(watch, delta, time);
          sent = true;
        }
      }
      if (sent) {
        this.sink.send({
          targetChange: {
            targetChangeType: 'NO_CHANGE',
            targetIds: [],
            resumeToken: encodeResumeToken(time),
            readTime: microsToTimestamp(time),
          },
        });
      }
    } catch (error) {
      // A listener must never break a commit: end this stream instead.
      this.sink.fail(toFirestoreError(error));
      this.close();
    }
  }

  private sendDelta(watch: WatchTarget, delta: TargetDelta, time: Micros): void {
    const readTime = microsToTimestamp(time);
    for (const doc of delta.changed) {
      this.sink.send({
        documentChange: {
          document: toDocument(doc),
          targetIds: [watch.targetId],
          removedTargetIds: [],
        },
      });
    }
    for (const removed of delta.removed) {
      const change = { document: removed.name, removedTargetIds: [watch.targetId], readTime };
      this.sink.send(removed.deleted ? { documentDelete: change } : { documentRemove: change });
    }
  }

  close(): void {
    this.closed = true;
    this.unsubscribe?.();
    this.targets.clear();
  }
}
