/**
 * A value's rank: one number that orders values as Firestore's value order does (valueOrder.ts)
 * wherever two ranks differ, so that an index compares most entries by a number kept in a plain
 * array of doubles instead of reaching each entry's value object across the heap.
 *
 * - `rankOf(a) < rankOf(b)` implies `a < b`; equal values have equal ranks.
 * - A whole rank (no fraction) is exact: no other value has it, so equal whole ranks mean equal
 *   values. A rank ending in .5 stands for several values: compare them in full.
 *
 * Each type has its band of 2^48 (null < booleans < numbers < … < maps, as the value order);
 * within it: numbers by the top 48 bits of their double (an int64 rounded to the nearest double,
 * exact below 2^53), timestamps by seconds and the top 9 bits of the nanos, strings by their first
 * 7 characters (each below U+007E one of 97 digits). Bytes, references, geo points, arrays,
 * vectors and maps share one rank per type. The exact value of a rank is always the least of
 * those sharing it, so the .5 of the others keeps the order; negative numbers are never exact for
 * that reason.
 */
import type { Value } from './value.js';
import { typeOrder, TypeOrder } from './valueOrder.js';

const BAND = 2 ** 48;
const INEXACT = 0.5;

const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);
/** Which 32-bit half of a double holds its sign and exponent on this machine. */
const HIGH = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0;
const LOW = 1 - HIGH;

/** A double's place among doubles, in 48 bits; NaN is below all (-0 is 0). */
function numberRank(x: number): number {
  if (Number.isNaN(x)) return 0;
  f64[0] = x === 0 ? 0 : x;
  let hi = u32[HIGH] as number;
  let lo = u32[LOW] as number;
  const negative = hi >= 0x80000000;
  // Doubles' bits order like unsigned integers once negatives are flipped and positives get the
  // sign bit: -Infinity lowest, +Infinity highest.
  if (negative) {
    hi = ~hi >>> 0;
    lo = ~lo >>> 0;
  } else hi = (hi | 0x80000000) >>> 0;
  // The least of the doubles sharing the top 48 bits is the one whose low 16 bits are 0: exact
  // when those bits are 0 (never for a negative number, whose bits were flipped), and below 2^53,
  // so that no int64 rounded to it differs from it.
  const exact = !negative && (lo & 0xffff) === 0 && x < 2 ** 53;
  // Never 0, which NaN has: -Infinity's flipped bits start 0x000fffff.
  return hi * 0x10000 + (lo >>> 16) + (exact ? 0 : INEXACT);
}

const SECONDS_OFFSET = 2 ** 38;

function timestampRank(seconds: number, nanos: number): number {
  // Firestore's years 1–9999 are within ±2^38 seconds; clamping keeps the order beyond, and the
  // two clamped ends are never exact.
  const s = Math.min(Math.max(seconds + SECONDS_OFFSET, 0), 2 * SECONDS_OFFSET - 1);
  const exact = s > 0 && s < 2 * SECONDS_OFFSET - 1 && (nanos & 0x1fffff) === 0;
  return Math.floor(s) * 512 + (nanos >>> 21) + (exact ? 0 : INEXACT);
}

const DIGITS = 97;
const CHARS = 7;

/**
 * A string's first 7 characters as digits of base 97: 0 after its end, 1 for a control character
 * (below U+0020; the rest is then cut), 2–95 for U+0020–U+007D, 96 for anything higher (cut
 * there too), which keeps code-point (UTF-8) order.
 */
function stringRank(s: string): number {
  let rank = 0;
  let exact = s.length <= CHARS;
  let cut = false;
  for (let i = 0; i < CHARS; i++) {
    let digit = 0;
    if (!cut && i < s.length) {
      const c = s.charCodeAt(i);
      if (c < 0x20) digit = 1;
      else if (c < 0x7e) digit = c - 0x20 + 2;
      else digit = DIGITS - 1;
      if (digit === 1 || digit === DIGITS - 1) {
        cut = true;
        exact = false;
      }
    }
    rank = rank * DIGITS + digit;
  }
  return rank + (exact ? 0 : INEXACT);
}

export function rankOf(value: Value): number {
  const type = typeOrder(value);
  const band = type * BAND;
  switch (type) {
    case TypeOrder.Null:
      return band;
    case TypeOrder.Boolean:
      return band + ((value as { booleanValue: boolean }).booleanValue ? 1 : 0);
    case TypeOrder.Number:
      return (
        band +
        ('integerValue' in value
          ? numberRank(Number(value.integerValue))
          : numberRank((value as { doubleValue: number }).doubleValue))
      );
    case TypeOrder.Timestamp: {
      const { seconds, nanos } = (value as { timestampValue: { seconds: number; nanos: number } })
        .timestampValue;
      return band + timestampRank(seconds, nanos);
    }
    case TypeOrder.String:
      return band + stringRank((value as { stringValue: string }).stringValue);
    default:
      return band + INEXACT;
  }
}
