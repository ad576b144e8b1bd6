import { describe, expect, it } from 'vitest';
import { parseTimestamp } from './timestamp';

describe('parseTimestamp', () => {
  it('normalises to UTC and keeps every fractional digit', () => {
    expect(parseTimestamp('2025-03-14T10:30:00.123456789+01:00')).toEqual({
      ok: true,
      value: '2025-03-14T09:30:00.123456789Z',
    });
    expect(parseTimestamp('2024-02-29 23:59:59z')).toEqual({
      ok: true,
      value: '2024-02-29T23:59:59Z',
    });
  });

  it('reaches both ends of Firestore’s range', () => {
    expect(parseTimestamp('0001-01-01T00:00:00Z')).toEqual({
      ok: true,
      value: '0001-01-01T00:00:00Z',
    });
    expect(parseTimestamp('9999-12-31T23:59:59.999999999Z')).toEqual({
      ok: true,
      value: '9999-12-31T23:59:59.999999999Z',
    });
  });

  it.each([
    ['yesterday', /Not a timestamp/],
    ['2025-03-14T09:30:00', /Add a time zone/],
    ['2023-02-29T00:00:00Z', /has no day 29/],
    ['2025-13-01T00:00:00Z', /no month 13/],
    ['2025-01-01T24:00:00Z', /not a time of day/],
    ['0001-01-01T00:00:00+01:00', /must lie between/],
    ['0000-06-01T00:00:00Z', /start at year 0001/],
    ['2025-01-01T00:00:00.1234567891Z', /Not a timestamp/],
  ])('refuses %j with a clear message', (text, message) => {
    const result = parseTimestamp(text);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toMatch(message);
  });
});
