/**
 * Exclusive document locks for read-write transactions, Firestore's pessimistic concurrency: a
 * transaction that reads a document locks it, and another transaction reading it waits until the
 * holder commits or rolls back, so contending increments serialise instead of failing. A request
 * that would close a cycle of waiting transactions is ABORTED (the SDK retries); so is one that
 * waits longer than the lock timeout, which frees locks of transactions their client abandoned.
 */
import { Code, FirestoreError } from '../errors.js';

export interface LockOwner {
  readonly id: string;
  /** Set while the owner waits for a lock, for deadlock detection. */
  waitingFor?: string;
  aborted: boolean;
}

interface Waiter {
  owner: LockOwner;
  resolve(): void;
  reject(error: FirestoreError): void;
  timer: NodeJS.Timeout;
}

interface Lock {
  holder: LockOwner;
  waiters: Waiter[];
}

const LOCK_WAIT_MS = 20_000;

export class LockTable {
  private readonly locks = new Map<string, Lock>();

  holder(key: string): LockOwner | undefined {
    return this.locks.get(key)?.holder;
  }

  async acquire(owner: LockOwner, key: string): Promise<void> {
    const lock = this.locks.get(key);
    if (!lock) {
      this.locks.set(key, { holder: owner, waiters: [] });
      return;
    }
    if (lock.holder === owner) return;
    if (this.wouldDeadlock(owner, lock.holder)) {
      throw new FirestoreError(
        Code.ABORTED,
        'Transaction lock contention: a concurrent transaction holds this document. Retry the transaction.',
      );
    }
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        lock.waiters = lock.waiters.filter((w) => w.owner !== owner);
        owner.waitingFor = undefined;
        reject(
          new FirestoreError(
            Code.ABORTED,
            'Transaction timed out waiting for a lock held by another transaction.',
          ),
        );
      }, LOCK_WAIT_MS);
      timer.unref();
      owner.waitingFor = key;
      lock.waiters.push({ owner, resolve, reject, timer });
    });
  }

  /** Follows the chain of waits from `holder`; a path back to `owner` is a deadlock. */
  private wouldDeadlock(owner: LockOwner, holder: LockOwner): boolean {
    let current: LockOwner | undefined = holder;
    for (let steps = 0; current && steps < 10_000; steps++) {
      if (current === owner) return true;
      const key: string | undefined = current.waitingFor;
      current = key === undefined ? undefined : this.locks.get(key)?.holder;
    }
    return false;
  }

  release(owner: LockOwner, keys: Iterable<string>): void {
    for (const key of keys) {
      const lock = this.locks.get(key);
      if (!lock) continue;
      lock.waiters = lock.waiters.filter((w) => {
        if (w.owner !== owner) return true;
        clearTimeout(w.timer);
        return false;
      });
      if (lock.holder !== owner) continue;
      const next = lock.waiters.shift();
      if (!next) {
        this.locks.delete(key);
        continue;
      }
      clearTimeout(next.timer);
      lock.holder = next.owner;
      next.owner.waitingFor = undefined;
      next.resolve();
    }
  }

  /** Fails every wait of an owner (it was rolled back or its stream closed). */
  cancelWaits(owner: LockOwner, error: FirestoreError): void {
    for (const lock of this.locks.values()) {
      lock.waiters = lock.waiters.filter((w) => {
        if (w.owner !== owner) return true;
        clearTimeout(w.timer);
        w.reject(error);
        return false;
      });
    }
    owner.waitingFor = undefined;
  }
}
