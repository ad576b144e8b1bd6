/**
 * At most `limit` tasks at once per key; the others wait their turn in the order they came.
 * The bridge keys it by function: the Functions emulator starts a new runtime (a Node process
 * loading the whole codebase, seconds of CPU) for each event that arrives while every runtime it
 * has for that function is busy, so a burst of writes would otherwise start one per event.
 */
export class PerKeyLimit {
  private readonly active = new Map<string, number>();
  private readonly waiting = new Map<string, (() => void)[]>();

  constructor(private readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1)
      throw new RangeError(`The limit must be a whole number of at least 1, not ${limit}`);
  }

  async run<T>(key: string, task: () => Promise<T>): Promise<T> {
    await this.acquire(key);
    try {
      return await task();
    } finally {
      this.release(key);
    }
  }

  private acquire(key: string): Promise<void> {
    const count = this.active.get(key) ?? 0;
    if (count < this.limit) {
      this.active.set(key, count + 1);
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const queue = this.waiting.get(key) ?? [];
      queue.push(resolve);
      this.waiting.set(key, queue);
    });
  }

  /** Hands the slot to the next task waiting on the key, or frees it. */
  private release(key: string): void {
    const queue = this.waiting.get(key);
    const next = queue?.shift();
    if (queue?.length === 0) this.waiting.delete(key);
    if (next) {
      next();
      return;
    }
    const count = (this.active.get(key) ?? 1) - 1;
    if (count === 0) this.active.delete(key);
    else this.active.set(key, count);
  }
}
