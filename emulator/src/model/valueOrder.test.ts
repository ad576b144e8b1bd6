import { describe, expect, it } from 'vitest';
import { compareUtf8, compareValues, queryEquals, valueEquals } from './valueOrder.js';
import type { Value } from './value.js';

const int = (n: bigint | number): Value => ({ integerValue: BigInt(n) });
const dbl = (n: number): Value => ({ doubleValue: n });

describe('compareValues', () => {
  it('compares int64 and doubles exactly, beyond 2^53', () => {
    expect(compareValues(int(2n ** 53n + 1n), dbl(2 ** 53))).toBe(1);
    expect(compareValues(int(1), dbl(1.5))).toBe(-1);
    expect(compareValues(int(2), dbl(1.5))).toBe(1);
    expect(compareValues(int(-1), dbl(-1))).toBe(0);
    expect(compareValues(int(9223372036854775807n), dbl(Infinity))).toBe(-1);
  });
  it('puts NaN before every number and treats -0 as 0', () => {
    expect(compareValues(dbl(NaN), dbl(-Infinity))).toBe(-1);
    expect(compareValues(dbl(NaN), dbl(NaN))).toBe(0);
    expect(compareValues(dbl(-0), int(0))).toBe(0);
  });
  it('orders strings by UTF-8 bytes, not UTF-16 units', () => {
    expect(compareUtf8('\uffff', '😀')).toBe(-1);
    expect('\uffff' < '😀').toBe(false);
    expect(compareUtf8('a', 'ab')).toBe(-1);
  });
  it('orders references segment by segment', () => {
    const ref = (p: string): Value => ({ referenceValue: `projects/p/databases/d/documents/${p}` });
    expect(compareValues(ref('a/b'), ref('a-c/d'))).toBe(-1);
  });
  it('orders maps by sorted keys, then values', () => {
    const map = (fields: Record<string, Value>): Value => ({ mapValue: { fields } });
    expect(compareValues(map({ b: int(1) }), map({ a: int(2) }))).toBe(1);
    expect(compareValues(map({ a: int(1) }), map({ a: int(1), b: int(0) }))).toBe(-1);
  });
});

describe('equalities', () => {
  it('query equality is numeric; identity is typed', () => {
    expect(queryEquals(int(1), dbl(1))).toBe(true);
    expect(valueEquals(int(1), dbl(1))).toBe(false);
    expect(valueEquals(dbl(NaN), dbl(NaN))).toBe(true);
  });
});
