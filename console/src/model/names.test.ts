import { describe, expect, it } from 'vitest';
import { formatFieldPath, idProblem, parseFieldPath, parsePath } from './names';

describe('parseFieldPath', () => {
  it('splits simple names on dots', () => {
    expect(parseFieldPath('address.city')).toEqual({ ok: true, value: ['address', 'city'] });
  });

  it('reads backtick-quoted names with their escapes', () => {
    expect(parseFieldPath('`first name`.`a\\`b`.`c\\\\d`')).toEqual({
      ok: true,
      value: ['first name', 'a`b', 'c\\d'],
    });
  });

  it('asks for quotes around names that are not simple', () => {
    const result = parseFieldPath('first name');
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toMatch(/must be quoted with backticks/);
  });

  it.each([
    ['a..b', /empty segment/],
    ['a.', /ends with "\."/],
    ['`open', /not closed/],
    ['`a`b', /Expected "\." after/],
    ['__secret__', /reserved/],
    ['', /Enter a field path/],
  ])('refuses %j', (text, message) => {
    const result = parseFieldPath(text);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toMatch(message);
  });

  it('accepts __name__ only where the document id is meant', () => {
    expect(parseFieldPath('__name__', true)).toEqual({ ok: true, value: ['__name__'] });
    expect(parseFieldPath('__name__').ok).toBe(false);
  });

  it('formats what it parses back to the same path', () => {
    for (const path of ['a.b', '`x y`.z', '`1st`', '`a\\`b`'])
      expect(formatFieldPath((parseFieldPath(path) as { value: string[] }).value)).toBe(path);
  });
});

describe('ids and paths', () => {
  it.each([
    ['', /empty/],
    ['a/b', /"\/"/],
    ['..', /"\." or "\.\."/],
    ['__x__', /reserved/],
    ['\uD800', /lone surrogate/],
    ['x'.repeat(1501), /1500 bytes/],
  ])('refuses the id %j', (id, message) => {
    expect(idProblem(id, 'document')).toMatch(message);
  });

  it('accepts ids Firestore accepts', () => {
    for (const id of ['alice', 'a b', 'é', '.x', '__x', '😀'])
      expect(idProblem(id, 'document')).toBeNull();
  });

  it('tells a collection path from a document path', () => {
    expect(parsePath('/lists/l1/todos/', 'collection')).toEqual({
      ok: true,
      value: ['lists', 'l1', 'todos'],
    });
    const wrong = parsePath('lists/l1', 'collection');
    expect(!wrong.ok && wrong.message).toMatch(/is a document/);
    const empty = parsePath('lists//x', 'document');
    expect(!empty.ok && empty.message).toMatch(/cannot be empty.*segment 2/);
  });
});
