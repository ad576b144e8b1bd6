import { describe, expect, it } from 'vitest';
import { RangeNotSatisfiableError } from '../errors.js';
import { parseRange } from './download.js';

describe('parseRange', () => {
  it('reads closed, open and suffix ranges', () => {
    expect(parseRange('bytes=2-5', 10)).toEqual({ start: 2, end: 5 });
    expect(parseRange('bytes=7-', 10)).toEqual({ start: 7, end: 9 });
    expect(parseRange('bytes=-3', 10)).toEqual({ start: 7, end: 9 });
    expect(parseRange('bytes=0-100', 10)).toEqual({ start: 0, end: 9 });
  });
  it('serves the whole object for no range, other units, several ranges or an empty object', () => {
    expect(parseRange(undefined, 10)).toBeUndefined();
    expect(parseRange('items=0-1', 10)).toBeUndefined();
    expect(parseRange('bytes=0-1,4-5', 10)).toBeUndefined();
    expect(parseRange('bytes=0-10', 0)).toBeUndefined();
  });
  it('rejects ranges that start past the end', () => {
    expect(() => parseRange('bytes=10-12', 10)).toThrow(RangeNotSatisfiableError);
    expect(() => parseRange('bytes=5-2', 10)).toThrow(RangeNotSatisfiableError);
    expect(() => parseRange('bytes=-0', 10)).toThrow(RangeNotSatisfiableError);
  });
});
