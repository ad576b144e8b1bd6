import { describe, expect, it } from 'vitest';
import { formatTags, parseTags } from './tags';

describe('parseTags', () => {
  it('splits on commas and spaces, lowercases, strips # and drops duplicates', () => {
    expect(parseTags('Home, #urgent  errands,home')).toEqual(['home', 'urgent', 'errands']);
  });
  it('gives no tags for blank text', () => expect(parseTags('  , ')).toEqual([]));
  it('round-trips through formatTags', () =>
    expect(parseTags(formatTags(['a', 'b']))).toEqual(['a', 'b']));
});
