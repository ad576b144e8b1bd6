/**
 * Runs tasks one after another per key and in parallel across keys, so the events of one
 * document reach a function in commit order without one slow document holding up the rest.
 * A task's failure is its own business: it never stops the tasks queued behind it.
 */
export class KeyedQueue {
  private readonly tails = new Map<string, Promise<void>>();
  private readonly running = new Set<Promise<void>>();

  enqueue(key: string, task: () => Promise<void>): void {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const tail = previous.then(task).catch(() => undefined);
    this.tails.set(key, tail);
    this.running.add(tail);
    void tail.then(() => {
      this.running.delete(tail);
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
  }

  /** Resolves once every task queued so far, and every task those queued, has settled. */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.all([...this.running]);
  }
}
