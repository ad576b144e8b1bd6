import { describe, expect, it } from 'vitest';
import { timeAgo } from './timeAgo';

const now = new Date('2026-12-10T12:00:00Z');
const ago = (ms: number) => timeAgo(new Date(now.getTime() - ms), now);

describe('timeAgo', () => {
  it('says how long ago in words, down to the minute', () => {
    expect(ago(20_000)).toBe('just now');
    expect(ago(60_000)).toBe('1 minute ago');
    expect(ago(59 * 60_000)).toBe('59 minutes ago');
    expect(ago(3 * 3600_000)).toBe('3 hours ago');
    expect(ago(30 * 3600_000)).toBe('yesterday');
  });

  it('gives the day for anything older', () => {
    expect(timeAgo(new Date('2026-12-01T12:00:00Z'), now)).toBe('Dec 1');
  });
});
