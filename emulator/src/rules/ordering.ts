/** Ordering of comparable rules values (`<` and friends, query bounds). */
import { RDuration, RTimestamp, type RValue } from './values.js';

/**
 * Compares two values of an ordered type: numbers (int and float together), strings (by code
 * point), bytes, timestamps, durations, bools and lists (lexicographically). Returns undefined
 * for values that cannot be ordered against each other, NaN for numeric comparisons with NaN.
 */
export function compareOrdered(a: RValue, b: RValue): number | undefined {
  const ta = typeof a;
  const tb = typeof b;
  if ((ta === 'bigint' || ta === 'number') && (tb === 'bigint' || tb === 'number')) {
    if (ta === 'bigint' && tb === 'bigint')
      return a === b ? 0 : (a as bigint) < (b as bigint) ? -1 : 1;
    const x = Number(a);
    const y = Number(b);
    if (Number.isNaN(x) || Number.isNaN(y)) return NaN;
    if (x !== y) return x < y ? -1 : 1;
    // Equal as doubles: fall back to exact comparison for large ints.
    if (ta === 'bigint' && Number.isFinite(y)) return cmpBig(a as bigint, BigInt(y));
    if (tb === 'bigint' && Number.isFinite(x)) return cmpBig(BigInt(x), b as bigint);
    return 0;
  }
  if (ta === 'string' && tb === 'string') return compareStrings(a as string, b as string);
  if (ta === 'boolean' && tb === 'boolean') return a === b ? 0 : a ? 1 : -1;
  if (a instanceof RTimestamp && b instanceof RTimestamp) return cmpBig(a.nanos, b.nanos);
  if (a instanceof RDuration && b instanceof RDuration) return cmpBig(a.nanos, b.nanos);
  if (a instanceof Uint8Array && b instanceof Uint8Array) {
    const n = Math.min(a.length, b.length);
    for (let i = 0; i < n; i++)
      if (a[i] !== b[i]) return (a[i] as number) < (b[i] as number) ? -1 : 1;
    return a.length === b.length ? 0 : a.length < b.length ? -1 : 1;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    const n = Math.min(a.length, b.length);
    for (let i = 0; i < n; i++) {
      const c = compareOrdered(a[i] as RValue, b[i] as RValue);
      if (c === undefined || Number.isNaN(c)) return c;
      if (c !== 0) return c;
    }
    return a.length === b.length ? 0 : a.length < b.length ? -1 : 1;
  }
  return undefined;
}

function cmpBig(a: bigint, b: bigint): number {
  return a === b ? 0 : a < b ? -1 : 1;
}

/** Code point order, which for valid strings is also UTF-8 byte order. */
export function compareStrings(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.codePointAt(i) as number;
    const y = b.codePointAt(i) as number;
    if (x !== y) return x < y ? -1 : 1;
    if (x > 0xffff) i++;
  }
  return a.length < b.length ? -1 : 1;
}
