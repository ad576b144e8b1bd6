/**
 * One index of a scope's current documents: entries (key, document path) sorted by key, then by
 * path in Firestore's name order, so that entries with equal keys come in `__name__` order. A
 * key is one field's value (single-field indexes), a tuple of values (composite indexes) or
 * nothing (the name index, every document in path order).
 *
 * Entries live in chunks of parallel arrays (keys, paths, ranks of both), at most 2 × CHUNK long:
 * an insert or removal moves at most one chunk's entries, and an entry costs two array slots and
 * two doubles (32 bytes) beside the key and path it shares with the stored document. An entry after
 * every other (a growing id, counter or time) is appended with one comparison. It holds current
 * data only.
 *
 * A write finds its entry's place by each key's rank (../../model/valueRank.ts), a number that
 * orders keys wherever two differ: the search over chunks reads one array of the chunks' last
 * ranks, and the search in a chunk its array of ranks, so that in a large heap it does not reach
 * a chunk object, a key object and its string at every step (the cache misses that made a write's
 * cost grow with the collection). Keys whose ranks tie are compared in full, or, when the rank
 * is whole (exact), are equal; then their paths' ranks decide (in a collection's index, the
 * rank of the document id: `idRank`), and paths are compared in full only when those tie too.
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
  pathRanks: number[];
}

/** A key's rank: see valueRank.ts. One rank for every key (0.5, never exact) compares keys in full. */
export type RankOf<K> = (key: K) => number;

/** A path's rank: never greater for a path that sorts first; equal ranks say nothing. */
export type PathRankOf = (path: string) => number;

const ID_DIGITS = 97;
const ID_CHARS = 8;

/**
 * The rank of a path among paths of one collection: its document id's first 8 characters as
 * digits of base 97 (0 after its end, 1 for a control character and 96 for one above U+007D, the
 * rest then cut; 2–95 for U+0020–U+007D), which keeps the ids' code-point order, and so the
 * paths' order when the parent is the same. Below 97^8 < 2^53: a whole number.
 */
export function idRank(path: string): number {
  const start = path.lastIndexOf('/') + 1;
  let rank = 0;
  let cut = false;
  for (let i = 0; i < ID_CHARS; i++) {
    let digit = 0;
    const at = start + i;
    if (!cut && at < path.length) {
      const c = path.charCodeAt(at);
      digit = c < 0x20 ? 1 : c < 0x7e ? c - 0x20 + 2 : ID_DIGITS - 1;
      cut = digit === 1 || digit === ID_DIGITS - 1;
    }
    rank = rank * ID_DIGITS + digit;
  }
  return rank;
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
  /** The ranks of each chunk's last entry, for the search over chunks. */
  private lasts: number[] = [];
  private lastPaths: number[] = [];
  private total = 0;

  constructor(
    private readonly compareKeys: (a: K, b: K) => number,
    private readonly rankOf: RankOf<K> = () => 0.5,
    private readonly pathRankOf: PathRankOf = () => 0,
  ) {}

  /** An index of these entries at once (sorted here): O(n log n), against O(n²) one by one. */
  static of<K>(
    compareKeys: (a: K, b: K) => number,
    keys: K[],
    paths: string[],
    rankOf?: RankOf<K>,
    pathRankOf?: PathRankOf,
  ): FieldIndex<K> {
    const index = new FieldIndex(compareKeys, rankOf, pathRankOf);
    const order = keys.map((_, i) => i);
    order.sort(
      (i, j) =>
        compareKeys(keys[i] as K, keys[j] as K) ||
        comparePaths(paths[i] as string, paths[j] as string),
    );
    for (let start = 0; start < order.length; start += CHUNK) {
      const slice = order.slice(start, start + CHUNK);
      const chunkKeys = slice.map((i) => keys[i] as K);
      const chunkPaths = slice.map((i) => paths[i] as string);
      index.chunks.push({
        keys: chunkKeys,
        paths: chunkPaths,
        ranks: chunkKeys.map((key) => index.rankOf(key)),
        pathRanks: chunkPaths.map((path) => index.pathRankOf(path)),
      });
      index.fence(index.chunks.length - 1, 1);
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

  /** Sets the search's copy of chunk `c`'s last ranks, inserting `add` new places first. */
  private fence(c: number, add: number): void {
    const chunk = this.chunks[c] as Chunk<K>;
    const last = chunk.ranks.length - 1;
    if (add > 0) {
      this.lasts.splice(c, 0, 0);
      this.lastPaths.splice(c, 0, 0);
    }
    this.lasts[c] = chunk.ranks[last] as number;
    this.lastPaths[c] = chunk.pathRanks[last] as number;
  }

  /**
   * An entry (its key's rank `r`, path's rank `pr`, and, read only on ties, key and path at `i` of
   * `chunk`) against the target (key, path, rank, pathRank): by ranks first (see the top).
   */
  private compareAt(
    r: number,
    pr: number,
    chunk: Chunk<K>,
    i: number,
    key: K,
    path: string,
    rank: number,
    pathRank: number,
  ): number {
    if (r !== rank) return r < rank ? -1 : 1;
    if (rank % 1 !== 0) {
      const c = this.compareKeys(chunk.keys[i] as K, key);
      if (c !== 0) return c;
    }
    if (pr !== pathRank) return pr < pathRank ? -1 : 1;
    return comparePaths(chunk.paths[i] as string, path);
  }

  /** The position of the first entry not before (key, path), or the end. */
  private seekEntry(key: K, path: string, rank: number, pathRank: number): Position {
    const { chunks, lasts, lastPaths } = this;
    let lo = 0;
    let hi = chunks.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const r = lasts[mid] as number;
      let before = r < rank;
      if (r === rank) {
        // Only ties reach the chunk: for equal exact keys, its last path's rank may decide.
        const pr = lastPaths[mid] as number;
        if (rank % 1 === 0 && pr !== pathRank) before = pr < pathRank;
        else {
          const chunk = chunks[mid] as Chunk<K>;
          const last = chunk.ranks.length - 1;
          before = this.compareAt(r, pr, chunk, last, key, path, rank, pathRank) < 0;
        }
      }
      if (before) lo = mid + 1;
      else hi = mid;
    }
    if (lo === chunks.length) return { chunk: lo, at: 0 };
    const chunk = chunks[lo] as Chunk<K>;
    const { ranks, pathRanks } = chunk;
    let a = 0;
    let b = ranks.length;
    while (a < b) {
      const mid = (a + b) >>> 1;
      const r = ranks[mid] as number;
      const before =
        r === rank
          ? this.compareAt(r, pathRanks[mid] as number, chunk, mid, key, path, rank, pathRank) < 0
          : r < rank;
      if (before) a = mid + 1;
      else b = mid;
    }
    return { chunk: lo, at: a };
  }

  insert(key: K, path: string): void {
    this.total++;
    const rank = this.rankOf(key);
    const pathRank = this.pathRankOf(path);
    const c0 = this.chunks.length - 1;
    const last = this.chunks[c0];
    const entry = () => ({ keys: [key], paths: [path], ranks: [rank], pathRanks: [pathRank] });
    if (!last) {
      this.chunks.push(entry());
      this.fence(0, 1);
      return;
    }
    const end = last.keys.length - 1;
    const r = last.ranks[end] as number;
    const pr = last.pathRanks[end] as number;
    if (this.compareAt(r, pr, last, end, key, path, rank, pathRank) < 0) {
      // After every entry (ascending ids, counters, times): one comparison, no search; the last
      // chunk fills up to 2 × CHUNK and a new one starts, so appended chunks are full, not halves.
      if (last.keys.length < 2 * CHUNK) {
        last.keys.push(key);
        last.paths.push(path);
        last.ranks.push(rank);
        last.pathRanks.push(pathRank);
        this.fence(c0, 0);
      } else {
        this.chunks.push(entry());
        this.fence(c0 + 1, 1);
      }
      return;
    }
    // Not after the last entry, so before some entry: inside a chunk, never past its end.
    const { chunk: c, at } = this.seekEntry(key, path, rank, pathRank);
    const chunk = this.chunks[c] as Chunk<K>;
    chunk.keys.splice(at, 0, key);
    chunk.paths.splice(at, 0, path);
    chunk.ranks.splice(at, 0, rank);
    chunk.pathRanks.splice(at, 0, pathRank);
    if (chunk.keys.length > 2 * CHUNK) {
      this.chunks.splice(c + 1, 0, {
        keys: chunk.keys.splice(CHUNK),
        paths: chunk.paths.splice(CHUNK),
        ranks: chunk.ranks.splice(CHUNK),
        pathRanks: chunk.pathRanks.splice(CHUNK),
      });
      this.fence(c, 1);
    }
  }

  /** Removes the entry (key, path); the key must compare equal to the one inserted. */
  remove(key: K, path: string): void {
    let { chunk: c, at } = this.seekEntry(key, path, this.rankOf(key), this.pathRankOf(path));
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
    chunk.pathRanks.splice(at, 1);
    this.total--;
    if (chunk.keys.length === 0) {
      this.chunks.splice(c, 1);
      this.lasts.splice(c, 1);
      this.lastPaths.splice(c, 1);
    } else this.fence(c, 0);
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
