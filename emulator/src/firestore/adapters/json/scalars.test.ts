import { describe, expect, it } from 'vitest';
import { FirestoreError } from '../../../model/errors.js';
import { parseBytes, parseDouble, parseInt32, parseInt64, parseTimestamp } from './scalars.js';
import { formatBytes, formatDouble, formatTimestamp } from '../../../model/json.js';

describe('timestamps', () => {
  it.each([
    ['1970-01-01T00:00:00Z', { seconds: 0, nanos: 0 }],
    ['2024-02-29T12:34:56.789Z', { seconds: 1709210096, nanos: 789_000_000 }],
    ['2024-02-29T12:34:56.000001Z', { seconds: 1709210096, nanos: 1_000 }],
    ['2024-02-29T12:34:56.123456789Z', { seconds: 1709210096, nanos: 123_456_789 }],
    ['0001-01-01T00:00:00Z', { seconds: -62135596800, nanos: 0 }],
    ['9999-12-31T23:59:59.999999999Z', { seconds: 253402300799, nanos: 999_999_999 }],
    ['0050-06-01T00:00:00Z', { seconds: -60576249600, nanos: 0 }],
  ])('round-trips %s', (text, timestamp) => {
    expect(parseTimestamp(text, 't')).toEqual(timestamp);
    expect(formatTimestamp(timestamp)).toBe(text);
  });

  it('applies offsets and prints 3, 6 or 9 fraction digits', () => {
    expect(parseTimestamp('2024-01-01T01:00:00.5+01:00', 't')).toEqual({
      seconds: 1704067200,
      nanos: 500_000_000,
    });
    expect(formatTimestamp({ seconds: 0, nanos: 500_000_000 })).toBe('1970-01-01T00:00:00.500Z');
    expect(formatTimestamp({ seconds: 0, nanos: 500_100_000 })).toBe('1970-01-01T00:00:00.500100Z');
  });

  it.each([
    '2024-02-30T00:00:00Z',
    '2023-02-29T00:00:00Z',
    '2024-01-01T24:00:00Z',
    '2024-01-01',
    '10000-01-01T00:00:00Z',
    12,
    '2024-01-01T00:00:00.1234567890Z',
  ])('rejects %s', (text) => {
    expect(() => parseTimestamp(text, 't')).toThrow(FirestoreError);
  });
});

describe('numbers and bytes', () => {
  it('reads int64 from strings and safe numbers, within range', () => {
    expect(parseInt64('-9223372036854775808', 'i')).toBe(-(2n ** 63n));
    expect(parseInt64(42, 'i')).toBe(42n);
    expect(() => parseInt64('9223372036854775808', 'i')).toThrow(FirestoreError);
    expect(() => parseInt64(1.5, 'i')).toThrow(FirestoreError);
    expect(() => parseInt64('1e3', 'i')).toThrow(FirestoreError);
  });

  it('reads int32 within range', () => {
    expect(parseInt32('-2147483648', 'i')).toBe(-2147483648);
    expect(() => parseInt32(2147483648, 'i')).toThrow(FirestoreError);
  });

  it('maps non-finite doubles to their names', () => {
    expect(parseDouble('NaN', 'd')).toBeNaN();
    expect(parseDouble('-Infinity', 'd')).toBe(-Infinity);
    expect(formatDouble(Infinity)).toBe('Infinity');
    expect(formatDouble(1.5)).toBe(1.5);
    expect(() => parseDouble('abc', 'd')).toThrow(FirestoreError);
  });

  it('reads standard and URL-safe base64 and writes standard base64', () => {
    expect([...parseBytes('+/8=', 'b')]).toEqual([251, 255]);
    expect([...parseBytes('-_8', 'b')]).toEqual([251, 255]);
    expect(formatBytes(new Uint8Array([251, 255]))).toBe('+/8=');
    expect(() => parseBytes('a', 'b')).toThrow(FirestoreError);
    expect(() => parseBytes('ab$c', 'b')).toThrow(FirestoreError);
  });
});
