/**
 * One Firestore database (project + database id): its documents, transactions and change feed.
 * Commits are prepared and applied synchronously, so each is atomic and totally ordered; waiting
 * for transaction locks happens before, never during, a commit.
 */
import { FirestoreError, Code } from '../../model/errors.js';
import type { StoredDocument } from '../documents/document.js';
import { checkFieldTransforms, validateDocument } from '../documents/limits.js';
import { applyWrite, validateWrite, writeTarget, type Write } from '../documents/mutation.js';
import { documentName, parseDocumentName, type DatabaseId } from '../../model/path.js';
import type { Timestamp, Value } from '../../model/value.js';
import type { AuthContext } from '../../rules/api.js';
import { fieldsEqual } from '../../model/valueOrder.js';
import { microsToTimestamp, type Clock, type Micros } from '../store/clock.js';
import { DocumentStore, type DocumentChange } from '../store/documentStore.js';
import { TransactionRegistry, type Transaction } from '../transaction/transactions.js';

export interface WriteResult {
  updateTime?: Timestamp;
  transformResults: Value[];
}

/** A write as rules judge it: the document before and after, within the whole batch. */
export interface PendingWrite {
  path: string;
  before: StoredDocument | null;
  after: StoredDocument | null;
}

export interface PreparedCommit {
  time: Micros;
  writes: PendingWrite[];
  /** Every document's state as if the batch had committed. */
  after(path: string): StoredDocument | null;
}

export interface CommitOutcome {
  time: Micros;
  writeResults: WriteResult[];
  changes: DocumentChange[];
}

/**
 * `auth` is who wrote: null for admin callers and the emulator itself. `cleared` marks the
 * emulator's own wipe (DELETE .../documents): listeners see the removals, but it is not a commit.
 */
export type ChangeListener = (
  changes: DocumentChange[],
  time: Micros,
  auth: AuthContext | null,
  cleared: boolean,
) => void;

export class Database {
  readonly store: DocumentStore;
  readonly transactions = new TransactionRegistry();
  private readonly listeners = new Set<ChangeListener>();

  constructor(
    readonly id: DatabaseId,
    readonly clock: Clock,
  ) {
    this.store = new DocumentStore(id);
  }

  subscribe(listener: ChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The path inside this database of a document name, checking it belongs here. */
  pathOf(name: string): string {
    const parsed = parseDocumentName(name);
    if (parsed.projectId !== this.id.projectId || parsed.database !== this.id.database) {
      throw new FirestoreError(
        Code.INVALID_ARGUMENT,
        `Document ${name} is not in database projects/${this.id.projectId}/databases/${this.id.database}.`,
      );
    }
    return parsed.path;
  }

  /** Takes the locks a transaction's commit needs (the documents it writes). */
  async lockWrites(txn: Transaction, writes: Write[]): Promise<void> {
    for (const write of writes) {
      const path = this.pathOf(writeTarget(write));
      await this.transactions.lockForRead(txn, path, () => this.store.lastChanged(path));
    }
  }

  /**
   * Applies the writes atomically. `authorize` sees the prepared batch and may throw to refuse it;
   * `txn`'s reads are validated first.
   */
  commit(
    writes: Write[],
    options: {
      txn?: Transaction;
      auth?: AuthContext | null;
      authorize?: (prepared: PreparedCommit) => void;
    } = {},
  ): CommitOutcome {
    for (const write of writes) validateWrite(write);
    checkFieldTransforms(writes);
    if (options.txn)
      this.transactions.validate(options.txn, (path) => this.store.lastChanged(path));
    const time = this.clock.next();
    const commitTime = microsToTimestamp(time);
    const overlay = new Map<string, StoredDocument | null>();
    const current = (path: string): StoredDocument | null =>
      overlay.has(path) ? (overlay.get(path) as StoredDocument | null) : this.store.get(path);
    const pending: PendingWrite[] = [];
    const writeResults: WriteResult[] = [];
    for (const write of writes) {
      const name = writeTarget(write);
      const path = this.pathOf(name);
      const before = current(path);
      const outcome = applyWrite(write, before, commitTime);
      if (outcome.after === 'unchanged') {
        writeResults.push(
          before
            ? { updateTime: before.updateTime, transformResults: [] }
            : { transformResults: [] },
        );
        continue;
      }
      let after: StoredDocument | null = null;
      if (outcome.after) {
        validateDocument(path, name, outcome.after.fields);
        const unchanged = before !== null && fieldsEqual(before.fields, outcome.after.fields);
        after = unchanged
          ? before
          : {
              name: documentName(this.id, path),
              fields: outcome.after.fields,
              createTime: before?.createTime ?? commitTime,
              updateTime: commitTime,
            };
      }
      overlay.set(path, after);
      pending.push({ path, before, after });
      writeResults.push(
        after
          ? { updateTime: after.updateTime, transformResults: outcome.transformResults }
          : { transformResults: [] },
      );
    }
    options.authorize?.({ time, writes: pending, after: current });
    const changes: DocumentChange[] = [];
    for (const [path, after] of overlay) {
      const before = this.store.get(path);
      if (before === after) continue;
      changes.push({ path, before, after });
    }
    this.store.apply(changes, time);
    if (changes.length > 0) this.publish(changes, time, options.auth ?? null, false);
    return { time, writeResults, changes };
  }

  /**
   * Replaces every document with `documents` (an import into a running emulator). Listeners see
   * the difference at once; like clear(), it is flagged as not a commit, so it fires no triggers.
   */
  replaceAll(documents: StoredDocument[]): void {
    const time = this.clock.next();
    const changes = this.store.clear();
    const removed = new Map(changes.map((c) => [c.path, c]));
    const added: DocumentChange[] = documents.map((after) => {
      const path = this.pathOf(after.name);
      const before = removed.get(path)?.before ?? null;
      removed.delete(path);
      return { path, before, after };
    });
    this.store.apply(added, time);
    const all = [...removed.values(), ...added];
    if (all.length > 0) this.publish(all, time, null, true);
  }

  /** Deletes every document (the emulator's DELETE .../documents endpoint). */
  clear(): DocumentChange[] {
    const time = this.clock.next();
    const changes = this.store.clear();
    if (changes.length > 0) this.publish(changes, time, null, true);
    return changes;
  }

  private publish(
    changes: DocumentChange[],
    time: Micros,
    auth: AuthContext | null,
    cleared: boolean,
  ): void {
    for (const listener of this.listeners) listener(changes, time, auth, cleared);
  }
}
