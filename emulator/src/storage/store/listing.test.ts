import { describe, expect, it } from 'vitest';
import { compareNames, listNames } from './listing.js';

const names = ['a/1', 'a/2', 'a/b/1', 'b', 'c/', 'c/x', 'é', 'z'].sort(compareNames);

describe('listNames', () => {
  it('folds names under the delimiter into prefixes', () => {
    const page = listNames(names, { prefix: '', delimiter: '/', maxResults: 1000 });
    expect(page).toEqual({ names: ['b', 'z', 'é'], prefixes: ['a/', 'c/'] });
  });
  it('lists one level below a prefix', () => {
    const page = listNames(names, { prefix: 'a/', delimiter: '/', maxResults: 1000 });
    expect(page).toEqual({ names: ['a/1', 'a/2'], prefixes: ['a/b/'] });
  });
  it('pages through items and prefixes together, resuming after a folded prefix', () => {
    const seen: string[] = [];
    let pageToken: string | undefined;
    do {
      const page = listNames(names, { prefix: '', delimiter: '/', maxResults: 2, pageToken });
      seen.push(...page.prefixes, ...page.names);
      expect(page.names.length + page.prefixes.length).toBeLessThanOrEqual(2);
      pageToken = page.nextPageToken;
    } while (pageToken);
    expect(seen.sort()).toEqual(['a/', 'b', 'c/', 'z', 'é'].sort());
  });
  it('rejects a forged page token', () => {
    expect(() =>
      listNames(names, { prefix: '', delimiter: '', maxResults: 1, pageToken: '!!' }),
    ).toThrow(/page token/);
  });
});
