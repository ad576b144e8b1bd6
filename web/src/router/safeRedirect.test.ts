import { describe, expect, it } from 'vitest';
import { safeRedirect } from './safeRedirect';

describe('safeRedirect', () => {
  it('returns to a path inside the app', () => {
    expect(safeRedirect('/lists/abc?x=1')).toBe('/lists/abc?x=1');
  });

  it.each([
    undefined,
    null,
    ['/settings'],
    '',
    'settings',
    '//evil.example/x',
    'https://evil.example',
  ])('falls back to the lists for %j', (value) => {
    expect(safeRedirect(value)).toBe('/lists');
  });
});
