/**
 * The newest `capacity` entries of a log, numbered from 1. Appending is one slot write and, only
 * while someone watches, one call per watcher: the emulators append on their hot paths.
 */
export class RingLog<T> {
  private readonly slots: (T | undefined)[];
  private nextSeq = 1;
  private readonly watchers = new Set<() => void>();

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1)
      throw new RangeError(`A log's capacity must be a positive integer, not ${capacity}.`);
    this.slots = new Array<T | undefined>(capacity);
  }

  push(entry: T): number {
    const seq = this.nextSeq++;
    this.slots[seq % this.capacity] = entry;
    for (const watcher of this.watchers) watcher();
    return seq;
  }

  /** The newest entry's number; 0 while the log is empty. */
  get latest(): number {
    return this.nextSeq - 1;
  }

  /** The oldest entry still kept. */
  get oldest(): number {
    return Math.max(1, this.nextSeq - this.capacity);
  }

  get(seq: number): T | undefined {
    return Number.isInteger(seq) && seq >= this.oldest && seq <= this.latest
      ? this.slots[seq % this.capacity]
      : undefined;
  }

  /** Entries numbered above `after`, oldest first. */
  *since(after: number): Generator<[seq: number, entry: T]> {
    for (let seq = Math.max(after + 1, this.oldest); seq <= this.latest; seq++)
      yield [seq, this.slots[seq % this.capacity] as T];
  }

  /** Calls `watcher` after each append until the returned function is called. */
  watch(watcher: () => void): () => void {
    this.watchers.add(watcher);
    return () => this.watchers.delete(watcher);
  }
}
