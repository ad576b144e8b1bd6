/**
 * Transactions of one database. Read-write transactions lock what they read (LockTable) and
 * remember when they read it; at commit a document changed since by a non-transactional write, or
 * a query whose result changed, makes the commit ABORTED, so commits stay serializable. A
 * transaction refused a lock (deadlock, timeout) is doomed: it frees its locks at once so the
 * others go on, its reads still answer, and its commit is ABORTED, which the SDKs retry (an error
 * on a read would first go through the client's slow stream retries). Read-only transactions
 * read a fixed snapshot and take no locks.
 */
import { randomBytes } from 'node:crypto';
import { Code, FirestoreError, invalidArgument } from '../../model/errors.js';
import type { Micros } from '../store/clock.js';
import { LockTable, type LockOwner } from './lockTable.js';

export interface Transaction extends LockOwner {
  readonly readOnly: boolean;
  /** The snapshot a read-only transaction reads. */
  readonly readTime?: Micros;
  /** Document path → the document's change time when this transaction read it. */
  readonly reads: Map<string, Micros>;
  /** Queries read, each re-checked at commit: a function returning whether the result is unchanged. */
  readonly queryChecks: (() => boolean)[];
}

/** Abandoned transactions are forgotten after this long (Firestore expires them after 270 s idle). */
const EXPIRY_MS = 5 * 60_000;

export class TransactionRegistry {
  private readonly active = new Map<string, Transaction>();
  readonly locks = new LockTable();

  begin(readOnly: boolean, readTime?: Micros): Transaction {
    this.expire();
    const id = randomBytes(16).toString('base64');
    const txn: Transaction = {
      id,
      readOnly,
      aborted: false,
      lastActive: Date.now(),
      reads: new Map(),
      queryChecks: [],
    };
    if (readTime !== undefined) Object.assign(txn, { readTime });
    this.active.set(id, txn);
    return txn;
  }

  /** The transaction a request names; a doomed one is still returned (its commit fails). */
  get(idBytes: Uint8Array): Transaction {
    const txn = this.active.get(Buffer.from(idBytes).toString('base64'));
    if (!txn)
      throw invalidArgument('The referenced transaction has expired or is no longer valid.');
    txn.lastActive = Date.now();
    return txn;
  }

  static idBytes(txn: Transaction): Uint8Array {
    return Buffer.from(txn.id, 'base64');
  }

  /** Locks a document for a read-write transaction and records when it was read. */
  async lockForRead(txn: Transaction, path: string, changedAt: () => Micros): Promise<void> {
    if (txn.readOnly || txn.aborted) return;
    const granted = await this.locks.acquire(txn, path);
    txn.lastActive = Date.now();
    if (!granted) {
      txn.aborted = true;
      this.locks.release(txn, [...txn.reads.keys()]);
      return;
    }
    if (!txn.reads.has(path)) txn.reads.set(path, changedAt());
  }

  /** Ends a transaction (commit or rollback): frees its locks and forgets it. */
  finish(txn: Transaction): void {
    this.active.delete(txn.id);
    this.locks.cancelWaits(txn);
    this.locks.release(txn, [...txn.reads.keys()]);
  }

  private expire(): void {
    const cutoff = Date.now() - EXPIRY_MS;
    for (const txn of this.active.values()) {
      if (txn.lastActive < cutoff) this.finish(txn);
    }
  }

  /** Called before a commit: fails it if anything this transaction read has changed since. */
  validate(txn: Transaction, changedAt: (path: string) => Micros): void {
    if (txn.aborted)
      throw new FirestoreError(
        Code.ABORTED,
        'Transaction aborted: it lost a lock to a concurrent transaction. Retry it.',
      );
    for (const [path, readAt] of txn.reads) {
      if (changedAt(path) !== readAt) {
        throw new FirestoreError(
          Code.ABORTED,
          `Transaction aborted: ${path} changed after the transaction read it.`,
        );
      }
    }
    if (!txn.queryChecks.every((check) => check())) {
      throw new FirestoreError(
        Code.ABORTED,
        'Transaction aborted: a query it ran now returns different documents.',
      );
    }
  }
}
