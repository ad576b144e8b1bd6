import { beforeEach, describe, expect, it } from 'vitest';
import { comparePaths, FieldIndex, idRank, type PathRankOf, type RankOf } from './fieldIndex.js';
import type { Value } from '../../model/value.js';
import { compareResourceNames, compareValues } from '../../model/valueOrder.js';
import { rankOf } from '../../model/valueRank.js';

const int = (n: number): Value => ({ integerValue: BigInt(n) });
const dbl = (n: number): Value => ({ doubleValue: n });
const str = (s: string): Value => ({ stringValue: s });

let ranks: RankOf<Value> | undefined;
let pathRanks: PathRankOf | undefined;
const single = () => new FieldIndex<Value>(compareValues, ranks, pathRanks);

/** Paths of the entries from `lower` to `upper` (inclusive, either open). */
function paths(
  index: FieldIndex<Value>,
  lower?: Value,
  upper?: Value,
  descending = false,
): string[] {
  const range = index.range((key) =>
    lower !== undefined && compareValues(key, lower) < 0
      ? -1
      : upper !== undefined && compareValues(key, upper) > 0
        ? 1
        : 0,
  );
  return [...index.entries(range, descending)].map((e) => e.path);
}

// Every case runs with keys and paths compared in full, with the values' ranks (valueRank.ts), and
// with the ids' ranks too (every path here is in collection `c`).
describe.each([
  ['compared in full', undefined, undefined],
  ['by rank', rankOf, undefined],
  ['by rank and id rank', rankOf, idRank],
])('FieldIndex, keys %s', (_, rank, pathRank) => {
  beforeEach(() => {
    ranks = rank;
    pathRanks = pathRank;
  });
  it('keeps entries in value order across types, then path, and finds ranges', () => {
    const index = single();
    index.insert(str('a'), 'c/s');
    index.insert(int(2), 'c/i2');
    index.insert(dbl(1), 'c/d1');
    index.insert(int(1), 'c/i1');
    index.insert({ nullValue: null }, 'c/n');
    index.insert(dbl(NaN), 'c/nan');
    expect(paths(index)).toEqual(['c/n', 'c/nan', 'c/d1', 'c/i1', 'c/i2', 'c/s']);
    expect(paths(index, undefined, undefined, true)).toEqual([
      'c/s',
      'c/i2',
      'c/i1',
      'c/d1',
      'c/nan',
      'c/n',
    ]);
    // 1 and 1.0 are equal in value order: both are found for either.
    expect(paths(index, int(1), int(1))).toEqual(['c/d1', 'c/i1']);
    expect(paths(index, dbl(1.5), undefined)).toEqual(['c/i2', 'c/s']);
    expect(paths(index, undefined, dbl(1.5))).toEqual(['c/n', 'c/nan', 'c/d1', 'c/i1']);
    expect(index.size).toBe(6);
  });

  it('removes exactly the entry of a path', () => {
    const index = single();
    index.insert(int(1), 'c/a');
    index.insert(int(1), 'c/b');
    index.insert(int(3), 'c/c');
    index.remove(int(1), 'c/a');
    expect(paths(index)).toEqual(['c/b', 'c/c']);
    index.remove(int(3), 'c/c');
    index.remove(int(9), 'c/zz'); // absent: no change
    expect(paths(index)).toEqual(['c/b']);
  });

  it('stays sorted and counts ranges across many chunks, built at once or entry by entry', () => {
    const keys: Value[] = [];
    const names: string[] = [];
    for (let i = 0; i < 5000; i++) {
      keys.push(int((i * 7919) % 1000));
      names.push(`c/d${i}`);
    }
    const built = FieldIndex.of(compareValues, keys, names, ranks, pathRanks);
    const grown = single();
    keys.forEach((k, i) => grown.insert(k, names[i] as string));
    for (let i = 0; i < 5000; i += 3) grown.remove(keys[i] as Value, names[i] as string);
    for (let i = 0; i < 5000; i += 3) grown.insert(keys[i] as Value, names[i] as string);
    for (const index of [built, grown]) {
      const all = [
        ...index.entries(
          index.range(() => 0),
          false,
        ),
      ];
      expect(all).toHaveLength(5000);
      for (let i = 1; i < all.length; i++) {
        const a = all[i - 1]!;
        const b = all[i]!;
        expect(compareValues(a.key, b.key) || comparePaths(a.path, b.path)).toBeLessThan(0);
      }
      const r = index.range((k) => compareValues(k, int(100)) || 0);
      expect(r.count).toBe(5);
      expect(paths(index, int(10), int(19))).toHaveLength(50);
      expect(paths(index, int(10), int(19), true)).toEqual(
        paths(index, int(10), int(19)).reverse(),
      );
    }
  });

  it('appends entries that sort last, mixed with inserts and removals, in order', () => {
    const index = single();
    const expected: { key: Value; path: string }[] = [];
    const add = (n: number, path: string) => {
      index.insert(int(n), path);
      expected.push({ key: int(n), path });
    };
    // Ascending keys (appends), then equal keys with growing paths (appends), then keys in the
    // middle, then appends again after the chunks they split.
    for (let i = 0; i < 1500; i++) add(i, `c/a${i}`);
    for (let i = 0; i < 700; i++) add(1500, `c/b${String(i).padStart(4, '0')}`);
    for (let i = 0; i < 1500; i += 2) add(i, `c/m${i}`);
    for (let i = 0; i < 1500; i += 5) index.remove(int(i), `c/a${i}`);
    for (let i = 2000; i < 2600; i++) add(i, `c/z${i}`);
    const kept = expected.filter(
      (e) => !(e.path.startsWith('c/a') && Number(e.path.slice(3)) % 5 === 0),
    );
    kept.sort((a, b) => compareValues(a.key, b.key) || comparePaths(a.path, b.path));
    expect(index.size).toBe(kept.length);
    expect(paths(index)).toEqual(kept.map((e) => e.path));
    expect(paths(index, int(1500), int(1500))).toHaveLength(700);
    expect(paths(index, int(2590), undefined, true)).toEqual(
      Array.from({ length: 10 }, (_, i) => `c/z${2599 - i}`),
    );
  });

  it('keeps order and finds every entry among ties, inexact ranks and mixed types', () => {
    let seed = 11;
    const random = () => (seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32;
    const pool: Value[] = [
      int(1),
      dbl(1),
      dbl(1.5),
      dbl(-2.25),
      { integerValue: 2n ** 53n + 1n },
      dbl(2 ** 53),
      str('u1'),
      str('list1234'),
      str('list1235'),
      str('list123'),
      str('é'),
      { timestampValue: { seconds: 5, nanos: 7 } },
      { booleanValue: true },
      { nullValue: null },
      { arrayValue: { values: [int(1)] } },
      { arrayValue: { values: [int(0), int(5)] } },
    ];
    const index = single();
    const live = new Map<string, Value>();
    for (let i = 0; i < 6000; i++) {
      const path = `c/d${Math.floor(random() * 1500)}`;
      const old = live.get(path);
      if (old) index.remove(old, path);
      if (random() < 0.2) live.delete(path);
      else {
        const key = pool[Math.floor(random() * pool.length)] as Value;
        index.insert(key, path);
        live.set(path, key);
      }
    }
    const expected = [...live]
      .sort(([pa, a], [pb, b]) => compareValues(a, b) || comparePaths(pa, pb))
      .map(([path]) => path);
    expect(index.size).toBe(live.size);
    expect(paths(index)).toEqual(expected);
    expect(paths(index, str('list1234'), str('list1234'))).toEqual(
      expected.filter((p) => compareValues(live.get(p) as Value, str('list1234')) === 0),
    );
  });

  it('orders paths as Firestore orders document names', () => {
    const ids = ['a', 'a-c', 'a/b', 'ab', 'a\uffff', 'a\ud83d\ude00', 'B', ''];
    const sorted = [...ids].sort(comparePaths);
    expect(sorted).toEqual([...ids].sort(compareResourceNames));
  });
});

describe('idRank', () => {
  it('never ranks a later id of one collection lower, and tells most ids apart', () => {
    const ids = ['', 'a', 'a b', 'a\u0001', 'ab', 'abcdefgh', 'abcdefghi', 'abcdefgi', 'B', 'é'];
    ids.push('\uffff', '\ud83d\ude00', '~', '}', 't0000123', 't0000124', 'Zz09', '0');
    // After a character ranked alike with others (control, above U+007D) the rest must not count.
    ids.push('éz', '\u0001z', '\u0002', 'ÿ');
    for (const a of ids) {
      for (const b of ids) {
        const order = comparePaths(`p/c/${a}`, `p/c/${b}`);
        const ranks = Math.sign(idRank(`p/c/${a}`) - idRank(`p/c/${b}`));
        if (ranks !== 0) expect(ranks, `${a} / ${b}`).toBe(order);
      }
    }
    expect(idRank('c/t0000123')).toBeLessThan(idRank('c/t0000124'));
    expect(idRank('c/abcdefgh')).toBe(idRank('c/abcdefghi'));
  });
});
