import { describe, expect, it } from 'vitest';
import { parseDatabaseName, parseDocumentName, parseParentName } from './path.js';

const ROOT = 'projects/p/databases/(default)/documents';

describe('parseDatabaseName', () => {
  it('reads the project and database, the same each time', () => {
    const name = 'projects/p/databases/(default)';
    expect(parseDatabaseName(name)).toEqual({ projectId: 'p', database: '(default)' });
    expect(parseDatabaseName(name)).toEqual({ projectId: 'p', database: '(default)' });
  });

  it('refuses names that are not a database', () => {
    for (const name of ['projects/p', 'projects//databases/d', `${ROOT}`, 'projects/p/dbs/d'])
      expect(() => parseDatabaseName(name)).toThrow(/Invalid database name/);
    expect(() => parseDatabaseName(undefined as unknown as string)).toThrow(/Invalid database/);
  });
});

describe('parseDocumentName', () => {
  it('gives the path inside the database', () => {
    expect(parseDocumentName(`${ROOT}/lists/l1/todos/t1`)).toEqual({
      projectId: 'p',
      database: '(default)',
      segments: ['lists', 'l1', 'todos', 't1'],
      path: 'lists/l1/todos/t1',
    });
  });

  it('refuses collections, empty, dot and reserved ids', () => {
    expect(() => parseDocumentName(`${ROOT}/lists`)).toThrow(/even number/);
    expect(() => parseDocumentName(`${ROOT}/lists//x`)).toThrow(/empty path segment/);
    expect(() => parseDocumentName(`${ROOT}/lists/..`)).toThrow(/not a valid id/);
    expect(() => parseDocumentName(`${ROOT}/lists/__x__`)).toThrow(/reserved ids/);
  });

  it('accepts ids that only look reserved at one end or span lines', () => {
    for (const id of ['__x', 'x__', '___', '__a\nb__'])
      expect(parseDocumentName(`${ROOT}/c/${id}`).path).toBe(`c/${id}`);
  });

  it('limits ids to 1500 bytes of UTF-8, not characters', () => {
    expect(parseDocumentName(`${ROOT}/c/${'a'.repeat(1500)}`).segments[1]).toHaveLength(1500);
    expect(() => parseDocumentName(`${ROOT}/c/${'a'.repeat(1501)}`)).toThrow(/1500 bytes/);
    expect(parseDocumentName(`${ROOT}/c/${'é'.repeat(750)}`).path).toBe(`c/${'é'.repeat(750)}`);
    expect(() => parseDocumentName(`${ROOT}/c/${'é'.repeat(751)}`)).toThrow(/1500 bytes/);
    expect(() => parseDocumentName(`${ROOT}/c/${'€'.repeat(501)}`)).toThrow(/1500 bytes/);
  });
});

describe('parseParentName', () => {
  it('takes the database root or a document, not a collection', () => {
    expect(parseParentName(ROOT).path).toBe('');
    expect(parseParentName(`${ROOT}/lists/l1`).path).toBe('lists/l1');
    expect(() => parseParentName(`${ROOT}/lists`)).toThrow(/is a collection/);
  });
});
