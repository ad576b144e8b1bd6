/**
 * Exclusive document locks for read-write transactions, Firestore's pessimistic concurrency: a
 * transaction that reads a document locks it, and another transaction reading it waits until the
 * holder commits or rolls back, so contending increments serialise instead of failing. A wait that
 * would close a cycle of waiting transactions is refused (`acquire` answers false and the caller
 * dooms that transaction). A wait that outlasts the lock timeout dooms the holder if it has been
 * idle that long (its client abandoned it) and frees its locks; otherwise the waiter is refused.
 */

export interface LockOwner {
  readonly id: string;
  /** Set while the owner waits for a lock, for deadlock detection. */
  waitingFor?: string;
  aborted: boolean;
  /** When its client last used it (Date.now()), to tell an abandoned holder from a busy one. */
  lastActive: number;
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

const LOCK_WAIT_MS = 15_000;

export class LockTable {
  constructor(private readonly waitMs = LOCK_WAIT_MS) {}

  private readonly locks = new Map<string, Lock>();
  private readonly held = new Map<LockOwner, Set<string>>();

  private grant(lock: Lock, key: string, owner: LockOwner): void {
    lock.holder = owner;
    let keys = this.held.get(owner);
    if (!keys) this.held.set(owner, (keys = new Set()));
    keys.add(key);
  }

  /** Resolves true once `owner` holds the lock, false when waiting for it was refused. */
  async acquire(owner: LockOwner, key: string): Promise<boolean> {
    const lock = this.locks.get(key);
    if (!lock) {
      const created: Lock = { holder: owner, waiters: [] };
      this.locks.set(key, created);
      this.grant(created, key, owner);
      return true;
    }
    if (lock.holder === owner) return true;
    if (this.wouldDeadlock(owner, lock.holder)) return false;
    return new Promise<boolean>((resolve) => {
      const waiter: Waiter = {
        owner,
        settle: resolve,
        timer: setTimeout(() => this.waitedTooLong(lock, key, waiter), this.waitMs),
      };
      waiter.timer.unref();
      owner.waitingFor = key;
      lock.waiters.push(waiter);
    });
  }

  private waitedTooLong(lock: Lock, key: string, waiter: Waiter): void {
    const holder = lock.holder;
    if (Date.now() - holder.lastActive >= this.waitMs) {
      holder.aborted = true;
      this.release(holder, [...(this.held.get(holder) ?? [])]);
      if (lock.holder === waiter.owner || !lock.waiters.includes(waiter)) return;
      waiter.timer = setTimeout(() => this.waitedTooLong(lock, key, waiter), this.waitMs);
      waiter.timer.unref();
      return;
    }
    lock.waiters = lock.waiters.filter((w) => w !== waiter);
    waiter.owner.waitingFor = undefined;
    waiter.settle(false);
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
      this.held.get(owner)?.delete(key);
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
      this.grant(lock, key, next.owner);
      next.owner.waitingFor = undefined;
      next.settle(true);
    }
    if (this.held.get(owner)?.size === 0) this.held.delete(owner);
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
