import { describe, expect, it } from 'vitest';
import { formatFieldPath, parseFieldPath } from './fieldPath.js';

describe('field paths', () => {
  it('parses dotted and backtick-quoted segments', () => {
    expect(parseFieldPath('a.b')).toEqual(['a', 'b']);
    expect(parseFieldPath('a.`b.c`.`d\\`e`')).toEqual(['a', 'b.c', 'd`e']);
    expect(parseFieldPath('``')).toEqual(['']);
  });
  it('rejects empty segments and unterminated quotes', () => {
    expect(() => parseFieldPath('a..b')).toThrow();
    expect(() => parseFieldPath('`a')).toThrow();
    expect(() => parseFieldPath('')).toThrow();
  });
  it('quotes only segments that need it and round-trips', () => {
    const path = ['simple', '1starts-with-digit', 'has`tick', 'ok_2'];
    expect(formatFieldPath(path)).toBe('simple.`1starts-with-digit`.`has\\`tick`.ok_2');
    expect(parseFieldPath(formatFieldPath(path))).toEqual(path);
  });
});
