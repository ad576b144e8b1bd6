/**
 * One index of a scope's current documents: entries (key, document path) sorted by key, then by
 * path in Firestore's name order, so that entries with equal keys come in `__name__` order. A
 * key is one field's value (single-field indexes), a tuple of values (composite indexes) or
 * nothing (the name index, every document in path order).
 *
 * Entries live in chunks of parallel arrays (keys, paths), at most 2 × CHUNK long: an insert or
 * removal moves at most one chunk's entries, and an entry costs two array slots (16 bytes)
 * beside the key and path it shares with the stored document. An entry after every other (a
 * growing id, counter or time) is appended with one comparison. It holds current data only.
 */

const CHUNK = 256;

/**
 * Store paths in Firestore's document-name order: segment by segment, each by code point (UTF-8
 * order), so `a/b` sorts before `a-c`. Equals compareResourceNames without splitting strings.
 */
export function comparePaths(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const ca = a.charCodeAt(i);
    const cb = b.charCodeAt(i);
    if (ca === cb) continue;
    // A segment that ends first sorts first.
    if (ca === 0x2f) return -1;
    if (cb === 0x2f) return 1;
    const surrogateA = ca >= 0xd800 && ca <= 0xdfff;
    const surrogateB = cb >= 0xd800 && cb <= 0xdfff;
    if (surrogateA === surrogateB) return ca < cb ? -1 : 1;
    return surrogateA ? 1 : -1;
  }
  return a.length < b.length ? -1 : a.length > b.length ? 1 : 0;
}

/**
 * Where an entry lies against a range: negative before it, 0 inside, positive after. It must
 * not decrease along the index's order.
 */
export type RangeTest<K> = (key: K, path: string) => number;

/** A position: chunk number and offset in it. */
interface Position {
  chunk: number;
  at: number;
}

interface Chunk<K> {
  keys: K[];
  paths: string[];
}

/** The entries of one range, found by binary search; `count` costs one addition per chunk. */
export interface IndexRange {
  from: Position;
  to: Position;
  count: number;
}

export interface IndexEntry<K> {
  key: K;
  path: string;
}

export class FieldIndex<K> {
  private chunks: Chunk<K>[] = [];
  private total = 0;

  constructor(private readonly compareKeys: (a: K, b: K) => number) {}

  /** An index of these entries at once (sorted here): O(n log n), against O(n²) one by one. */
  static of<K>(compareKeys: (a: K, b: K) => number, keys: K[], paths: string[]): FieldIndex<K> {
    const index = new FieldIndex(compareKeys);
    const order = keys.map((_, i) => i);
    order.sort(
      (i, j) =>
        compareKeys(keys[i] as K, keys[j] as K) ||
        comparePaths(paths[i] as string, paths[j] as string),
    );
    for (let start = 0; start < order.length; start += CHUNK) {
      const slice = order.slice(start, start + CHUNK);
      index.chunks.push({
        keys: slice.map((i) => keys[i] as K),
        paths: slice.map((i) => paths[i] as string),
      });
    }
    index.total = order.length;
    return index;
  }

  get size(): number {
    return this.total;
  }

  /** The first position whose entry is not before the target (`test` ≥ 0), or the end. */
  private seek(test: (key: K, path: string) => boolean): Position {
    let lo = 0;
    let hi = this.chunks.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const chunk = this.chunks[mid] as Chunk<K>;
      const last = chunk.keys.length - 1;
      if (test(chunk.keys[last] as K, chunk.paths[last] as string)) hi = mid;
      else lo = mid + 1;
    }
    if (lo === this.chunks.length) return { chunk: lo, at: 0 };
    const chunk = this.chunks[lo] as Chunk<K>;
    let a = 0;
    let b = chunk.keys.length;
    while (a < b) {
      const mid = (a + b) >>> 1;
      if (test(chunk.keys[mid] as K, chunk.paths[mid] as string)) b = mid;
      else a = mid + 1;
    }
    return { chunk: lo, at: a };
  }

  private seekEntry(key: K, path: string): Position {
    return this.seek((k, p) => (this.compareKeys(k, key) || comparePaths(p, path)) >= 0);
  }

  insert(key: K, path: string): void {
    this.total++;
    const last = this.chunks[this.chunks.length - 1];
    if (!last) {
      this.chunks.push({ keys: [key], paths: [path] });
      return;
    }
    const end = last.keys.length - 1;
    if (
      (this.compareKeys(last.keys[end] as K, key) ||
        comparePaths(last.paths[end] as string, path)) < 0
    ) {
      // After every entry (ascending ids, counters, times): one comparison, no search; the last
      // chunk fills up to 2 × CHUNK and a new one starts, so appended chunks are full, not halves.
      if (last.keys.length < 2 * CHUNK) {
        last.keys.push(key);
        last.paths.push(path);
      } else this.chunks.push({ keys: [key], paths: [path] });
      return;
    }
    let { chunk: c, at } = this.seekEntry(key, path);
    if (c === this.chunks.length) {
      c--;
      at = (this.chunks[c] as Chunk<K>).keys.length;
    }
    const chunk = this.chunks[c] as Chunk<K>;
    chunk.keys.splice(at, 0, key);
    chunk.paths.splice(at, 0, path);
    if (chunk.keys.length > 2 * CHUNK) {
      const keys = chunk.keys.splice(CHUNK);
      const paths = chunk.paths.splice(CHUNK);
      this.chunks.splice(c + 1, 0, { keys, paths });
    }
  }

  /** Removes the entry (key, path); the key must compare equal to the one inserted. */
  remove(key: K, path: string): void {
    let { chunk: c, at } = this.seekEntry(key, path);
    if ((this.chunks[c] as Chunk<K> | undefined)?.paths[at] !== path) {
      // Not where the order says (should not happen): find it by path so the index stays exact.
      c = this.chunks.findIndex((chunk) => chunk.paths.includes(path));
      if (c < 0) return;
      at = (this.chunks[c] as Chunk<K>).paths.indexOf(path);
    }
    const chunk = this.chunks[c] as Chunk<K>;
    chunk.keys.splice(at, 1);
    chunk.paths.splice(at, 1);
    this.total--;
    if (chunk.keys.length === 0) this.chunks.splice(c, 1);
  }

  /** The entries inside a range (test = 0), found in O(log n). */
  range(test: RangeTest<K>): IndexRange {
    const from = this.seek((k, p) => test(k, p) >= 0);
    const to = this.seek((k, p) => test(k, p) > 0);
    let count: number;
    if (from.chunk === to.chunk) count = to.at - from.at;
    else {
      count = (this.chunks[from.chunk] as Chunk<K>).keys.length - from.at + to.at;
      for (let c = from.chunk + 1; c < to.chunk; c++)
        count += (this.chunks[c] as Chunk<K>).keys.length;
    }
    return { from, to, count };
  }

  /**
   * The entries of a range found by `range`, forwards or backwards. Entries are read by position:
   * the index must not change while this runs.
   */
  *entries(range: IndexRange, descending: boolean): Generator<IndexEntry<K>> {
    const { from, to } = range;
    if (descending) {
      for (let c = to.chunk; c >= from.chunk; c--) {
        const chunk = this.chunks[c];
        if (!chunk) continue;
        const end = c === to.chunk ? to.at : chunk.keys.length;
        const start = c === from.chunk ? from.at : 0;
        for (let i = end - 1; i >= start; i--)
          yield { key: chunk.keys[i] as K, path: chunk.paths[i] as string };
      }
      return;
    }
    for (let c = from.chunk; c <= to.chunk && c < this.chunks.length; c++) {
      const chunk = this.chunks[c] as Chunk<K>;
      const start = c === from.chunk ? from.at : 0;
      const end = c === to.chunk ? to.at : chunk.keys.length;
      for (let i = start; i < end; i++)
        yield { key: chunk.keys[i] as K, path: chunk.paths[i] as string };
    }
  }
}
