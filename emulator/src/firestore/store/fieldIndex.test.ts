import { describe, expect, it } from 'vitest';
import { FieldIndex } from './fieldIndex.js';
import type { Value } from '../../model/value.js';

const int = (n: number): Value => ({ integerValue: BigInt(n) });
const dbl = (n: number): Value => ({ doubleValue: n });
const str = (s: string): Value => ({ stringValue: s });

function paths(index: FieldIndex, lower?: Value, upper?: Value, descending = false): string[] {
  return [...index.range(lower, upper, descending)].map((e) => e.path);
}

describe('FieldIndex', () => {
  it('keeps entries in value order across types, then path, and finds ranges', () => {
    const index = new FieldIndex();
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
    const index = new FieldIndex();
    index.insert(int(1), 'c/a');
    index.insert(int(1), 'c/b');
    index.insert(int(3), 'c/c');
    index.remove(int(1), 'c/a');
    expect(paths(index)).toEqual(['c/b', 'c/c']);
    index.remove(int(3), 'c/c');
    index.remove(int(9), 'c/zz'); // absent: no change
    expect(paths(index)).toEqual(['c/b']);
  });
});
