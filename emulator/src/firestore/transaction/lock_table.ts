/**
 * Exclusive document locks for read-write transactions, Firestore's pessimistic concurrency: a
 * transaction that reads a document locks it, and another transaction reading it waits until the
 * holder commits or rolls back, so contending increments serialise instead of failing. A wait that
 * would close a cycle of waiting transactions, or that outlasts the lock timeout (which frees locks
 * of transactions their client abandoned), is refused: `acquire` answers false and the caller
 * dooms that transaction.
 */

export interface LockOwner {
  readonly id: string;
  /** Set while the owner waits for a lock, for deadlock detection. */
  waitingFor?: string;
  aborted: boolean;
}

interface Waiter {
  owner: LockOwner;
  /** true: the lock is granted; false: the wait was refused. */
  settle(granted: boolean): void;
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

  /** Resolves true once `owner` holds the lock, false when waiting for it was refused. */
  async acquire(owner: LockOwner, key: string): Promise<boolean> {
    const lock = this.locks.get(key);
    if (!lock) {
      this.locks.set(key, { holder: owner, waiters: [] });
      return true;
    }
    if (lock.holder === owner) return true;
    if (this.wouldDeadlock(owner, lock.holder)) return false;
    return new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => {
        lock.waiters = lock.waiters.filter((w) => w.owner !== owner);
        owner.waitingFor = undefined;
        resolve(false);
      }, LOCK_WAIT_MS);
      timer.unref();
      owner.waitingFor = key;
      lock.waiters.push({ owner, settle: resolve, timer });
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
      next.settle(true);
    }
  }

  /** Refuses every wait of an owner (it was rolled back or committed). */
  cancelWaits(owner: LockOwner): void {
    for (const lock of this.locks.values()) {
      lock.waiters = lock.waiters.filter((w) => {
        if (w.owner !== owner) return true;
        clearTimeout(w.timer);
        w.settle(false);
        return false;
      });
    }
    owner.waitingFor = undefined;
  }
}
