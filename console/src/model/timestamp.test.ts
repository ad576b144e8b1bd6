import { describe, expect, it } from 'vitest';
import { parseTimestamp } from './timestamp';

describe('parseTimestamp', () => {
  it.each([
    [
      'normalises to UTC and keeps every fractional digit',
      '2025-03-14T10:30:00.123456789+01:00',
      '2025-03-14T09:30:00.123456789Z',
    ],
    ['normalises a space for T and a lowercase z', '2024-02-29 23:59:59z', '2024-02-29T23:59:59Z'],
    ['reaches the start of Firestore’s range', '0001-01-01T00:00:00Z', '0001-01-01T00:00:00Z'],
    [
      'reaches the end of Firestore’s range',
      '9999-12-31T23:59:59.999999999Z',
      '9999-12-31T23:59:59.999999999Z',
    ],
  ])('%s: %j', (_why, text, value) => {
    expect(parseTimestamp(text)).toEqual({ ok: true, value });
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
