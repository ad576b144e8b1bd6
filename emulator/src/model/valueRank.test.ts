import { describe, expect, it } from 'vitest';
import type { Value } from './value.js';
import { compareValues } from './valueOrder.js';
import { rankOf } from './valueRank.js';

const int = (n: bigint): Value => ({ integerValue: n });
const dbl = (n: number): Value => ({ doubleValue: n });
const str = (s: string): Value => ({ stringValue: s });
const ts = (seconds: number, nanos: number): Value => ({ timestampValue: { seconds, nanos } });

/** Values at the edges of each rank: types, number bits, int64 beyond 2^53, string cuts. */
const VALUES: Value[] = [
  { nullValue: null },
  { booleanValue: false },
  { booleanValue: true },
  dbl(NaN),
  dbl(-Infinity),
  dbl(-1e308),
  dbl(-1.5),
  dbl(-1),
  dbl(-1 - 2 ** -52),
  dbl(-5e-324),
  dbl(-0),
  dbl(0),
  dbl(5e-324),
  dbl(1),
  dbl(1 + 2 ** -52),
  dbl(1 + 2 ** -36),
  dbl(2 ** 53),
  dbl(2 ** 60),
  dbl(Infinity),
  int(-(2n ** 63n)),
  int(-3n),
  int(0n),
  int(1n),
  int(3n),
  int(2n ** 53n - 1n),
  int(2n ** 53n),
  int(2n ** 53n + 1n),
  int(2n ** 60n - 1n),
  int(2n ** 60n),
  int(2n ** 60n + 1n),
  int(2n ** 63n - 1n),
  ts(-62135596800, 0),
  ts(-1, 999999999),
  ts(0, 0),
  ts(0, 1),
  ts(0, 2 ** 21),
  ts(0, 2 ** 21 + 1),
  ts(1, 0),
  ts(253402300799, 999999999),
  ts(2 ** 40, 0),
  ts(2 ** 40 + 1, 0),
  ts(-(2 ** 40), 0),
  ts(-(2 ** 40) + 1, 0),
  str(''),
  str('\u0000'),
  str('\u001f'),
  str(' '),
  str('a'),
  str('a\u0000'),
  str('ab'),
  str('abcdefg'),
  str('abcdefg\u0000'),
  str('abcdefgh'),
  str('abcdefh'),
  str('list123'),
  str('list1234'),
  str('list124'),
  str('}'),
  str('~'),
  str('~a'),
  str('é'),
  str('\uffff'),
  str('\ud83d\ude00'),
  str('\ud83d\ude01'),
  { bytesValue: new Uint8Array([1]) },
  { bytesValue: new Uint8Array([2]) },
  { referenceValue: 'projects/p/databases/(default)/documents/c/a' },
  { geoPointValue: { latitude: 1, longitude: 2 } },
  { arrayValue: { values: [int(1n)] } },
  { arrayValue: { values: [] } },
  { mapValue: { fields: { a: int(1n) } } },
];

/** A small deterministic PRNG so a failure repeats. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function randomValue(r: () => number): Value {
  const k = Math.floor(r() * 6);
  const scale = 10 ** Math.floor(r() * 20 - 5);
  if (k === 0) return dbl((r() - 0.5) * scale);
  if (k === 1) return int(BigInt(Math.round((r() - 0.5) * scale)));
  if (k === 2) return int(2n ** 53n + BigInt(Math.floor((r() - 0.5) * 8)));
  if (k === 3) return ts(Math.floor((r() - 0.5) * 4), Math.floor(r() * 4) * 2 ** 20);
  const chars = ['a', 'b', '~', '\u0001', 'é', '0', '9'];
  const n = Math.floor(r() * 10);
  return str(Array.from({ length: n }, () => chars[Math.floor(r() * chars.length)]).join(''));
}

function checkPairs(values: Value[]): number {
  let checked = 0;
  for (const a of values) {
    for (const b of values) {
      const order = compareValues(a, b);
      const ra = rankOf(a);
      const rb = rankOf(b);
      const shown = JSON.stringify([a, b], (_, v) => (typeof v === 'bigint' ? `${v}n` : v));
      // Ranks that differ order as the values do; equal values have equal ranks.
      if (ra !== rb) expect(Math.sign(ra - rb), shown).toBe(order);
      if (order === 0) expect(ra, shown).toBe(rb);
      // Equal whole ranks are equal values.
      if (ra === rb && ra % 1 === 0) expect(order, shown).toBe(0);
      checked++;
    }
  }
  return checked;
}

describe('rankOf', () => {
  it('orders as the value order wherever ranks differ, and whole ranks are exact', () => {
    expect(checkPairs(VALUES)).toBe(VALUES.length ** 2);
  });

  it('agrees with the value order on random numbers, timestamps and strings', () => {
    const r = rng(7);
    const values = Array.from({ length: 400 }, () => randomValue(r));
    expect(checkPairs(values)).toBe(160_000);
  });

  it('tells apart common keys: small integers, short strings, times', () => {
    expect(rankOf(int(41n)) % 1).toBe(0);
    expect(rankOf(str('u10')) % 1).toBe(0);
    expect(rankOf(ts(1_700_000_000, 0)) % 1).toBe(0);
    expect(rankOf(str('list123'))).toBeLessThan(rankOf(str('list124')));
    expect(rankOf(dbl(-2))).toBeLessThan(rankOf(dbl(-1)));
  });
});
