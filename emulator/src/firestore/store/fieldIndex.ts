/**
 * One index of a scope's current documents: entries (key, document path) sorted by key, then by
 * path in Firestore's name order, so that entries with equal keys come in `__name__` order. A
 * key is one field's value (single-field indexes), a tuple of values (composite indexes) or
 * nothing (the name index, every document in path order).
 *
 * Entries live in chunks of parallel arrays (keys, paths, ranks), at most 2 × CHUNK long: an
 * insert or removal moves at most one chunk's entries, and an entry costs two array slots and a
 * double (24 bytes) beside the key and path it shares with the stored document. An entry after
 * every other (a growing id, counter or time) is appended with one comparison. It holds current
 * data only.
 *
 * A write finds its entry's place by each key's rank (../../model/valueRank.ts), a number that
 * orders keys wherever two differ: the search over chunks reads one array of the chunks' last
 * ranks, and the search in a chunk its array of ranks, so that in a large heap it does not reach
 * a chunk object, a key object and its string at every step (the cache misses that made a write's
 * cost grow with the collection). Keys whose ranks tie are compared in full, or, when the rank
 * is whole (exact), are equal and only their paths are compared.
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
  ranks: number[];
}

/** A key's rank: see valueRank.ts. One rank for every key (0.5, never exact) compares keys in full. */
export type RankOf<K> = (key: K) => number;

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
  /** The rank of each chunk's last entry, for the search over chunks. */
  private lasts: number[] = [];
  private total = 0;

  constructor(
    private readonly compareKeys: (a: K, b: K) => number,
    private readonly rankOf: RankOf<K> = () => 0.5,
  ) {}

  /** An index of these entries at once (sorted here): O(n log n), against O(n²) one by one. */
  static of<K>(
    compareKeys: (a: K, b: K) => number,
    keys: K[],
    paths: string[],
    rankOf?: RankOf<K>,
  ): FieldIndex<K> {
    const index = new FieldIndex(compareKeys, rankOf);
    const order = keys.map((_, i) => i);
    order.sort(
      (i, j) =>
        compareKeys(keys[i] as K, keys[j] as K) ||
        comparePaths(paths[i] as string, paths[j] as string),
    );
    for (let start = 0; start < order.length; start += CHUNK) {
      const slice = order.slice(start, start + CHUNK);
      const chunkKeys = slice.map((i) => keys[i] as K);
      index.chunks.push({
        keys: chunkKeys,
        paths: slice.map((i) => paths[i] as string),
        ranks: chunkKeys.map((key) => index.rankOf(key)),
      });
      index.lasts.push(index.rankOf(chunkKeys[chunkKeys.length - 1] as K));
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

  /** Entry `i` of a chunk against (key, path) of rank `rank`: by ranks first (see the top). */
  private compareAt(chunk: Chunk<K>, i: number, key: K, path: string, rank: number): number {
    const r = chunk.ranks[i] as number;
    if (r !== rank) return r < rank ? -1 : 1;
    if (rank % 1 !== 0) {
      const c = this.compareKeys(chunk.keys[i] as K, key);
      if (c !== 0) return c;
    }
    return comparePaths(chunk.paths[i] as string, path);
  }

  /** The position of the first entry not before (key, path), or the end. */
  private seekEntry(key: K, path: string, rank: number): Position {
    const { chunks, lasts } = this;
    let lo = 0;
    let hi = chunks.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const r = lasts[mid] as number;
      let before = r < rank;
      if (r === rank) {
        const chunk = chunks[mid] as Chunk<K>;
        before = this.compareAt(chunk, chunk.ranks.length - 1, key, path, rank) < 0;
      }
      if (before) lo = mid + 1;
      else hi = mid;
    }
    if (lo === chunks.length) return { chunk: lo, at: 0 };
    const chunk = chunks[lo] as Chunk<K>;
    const ranks = chunk.ranks;
    let a = 0;
    let b = ranks.length;
    while (a < b) {
      const mid = (a + b) >>> 1;
      const r = ranks[mid] as number;
      const before = r === rank ? this.compareAt(chunk, mid, key, path, rank) < 0 : r < rank;
      if (before) a = mid + 1;
      else b = mid;
    }
    return { chunk: lo, at: a };
  }

  insert(key: K, path: string): void {
    this.total++;
    const rank = this.rankOf(key);
    const c0 = this.chunks.length - 1;
    const last = this.chunks[c0];
    if (!last) {
      this.chunks.push({ keys: [key], paths: [path], ranks: [rank] });
      this.lasts.push(rank);
      return;
    }
    if (this.compareAt(last, last.keys.length - 1, key, path, rank) < 0) {
      // After every entry (ascending ids, counters, times): one comparison, no search; the last
      // chunk fills up to 2 × CHUNK and a new one starts, so appended chunks are full, not halves.
      if (last.keys.length < 2 * CHUNK) {
        last.keys.push(key);
        last.paths.push(path);
        last.ranks.push(rank);
        this.lasts[c0] = rank;
      } else {
        this.chunks.push({ keys: [key], paths: [path], ranks: [rank] });
        this.lasts.push(rank);
      }
      return;
    }
    // Not after the last entry, so before some entry: inside a chunk, never past its end.
    const { chunk: c, at } = this.seekEntry(key, path, rank);
    const chunk = this.chunks[c] as Chunk<K>;
    chunk.keys.splice(at, 0, key);
    chunk.paths.splice(at, 0, path);
    chunk.ranks.splice(at, 0, rank);
    if (chunk.keys.length > 2 * CHUNK) {
      const keys = chunk.keys.splice(CHUNK);
      const paths = chunk.paths.splice(CHUNK);
      const ranks = chunk.ranks.splice(CHUNK);
      this.chunks.splice(c + 1, 0, { keys, paths, ranks });
      this.lasts.splice(c, 0, chunk.ranks[CHUNK - 1] as number);
    }
  }

  /** Removes the entry (key, path); the key must compare equal to the one inserted. */
  remove(key: K, path: string): void {
    let { chunk: c, at } = this.seekEntry(key, path, this.rankOf(key));
    if ((this.chunks[c] as Chunk<K> | undefined)?.paths[at] !== path) {
      // Not where the order says (should not happen): find it by path so the index stays exact.
      c = this.chunks.findIndex((chunk) => chunk.paths.includes(path));
      if (c < 0) return;
      at = (this.chunks[c] as Chunk<K>).paths.indexOf(path);
    }
    const chunk = this.chunks[c] as Chunk<K>;
    chunk.keys.splice(at, 1);
    chunk.paths.splice(at, 1);
    chunk.ranks.splice(at, 1);
    this.total--;
    if (chunk.keys.length === 0) {
      this.chunks.splice(c, 1);
      this.lasts.splice(c, 1);
    } else this.lasts[c] = chunk.ranks[chunk.ranks.length - 1] as number;
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
