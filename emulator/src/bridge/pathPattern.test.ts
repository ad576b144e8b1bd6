import { describe, expect, it } from 'vitest';
import { matchPathPattern, parsePathPattern } from './pathPattern.js';

const match = (pattern: string, path: string) => matchPathPattern(parsePathPattern(pattern), path);

describe('path patterns', () => {
  it('captures single-segment wildcards as params', () => {
    expect(match('lists/{listId}/todos/{todoId}', 'lists/l1/todos/t1')).toEqual({
      listId: 'l1',
      todoId: 't1',
    });
  });

  it('needs every literal segment to be equal', () => {
    expect(match('lists/{listId}/todos/{todoId}', 'lists/l1/notes/t1')).toBeNull();
  });

  it('does not let a single-segment wildcard span segments or match too few', () => {
    expect(match('users/{uid}', 'users/u1/private/p')).toBeNull();
    expect(match('users/{uid}/private/{doc}', 'users/u1')).toBeNull();
  });

  it('matches a literal-only pattern exactly', () => {
    expect(match('settings/global', 'settings/global')).toEqual({});
    expect(match('settings/global', 'settings/other')).toBeNull();
  });

  it('treats * and {name=*} as one segment, {name=*} capturing it', () => {
    expect(match('lists/*/todos/{id=*}', 'lists/l1/todos/t1')).toEqual({ id: 't1' });
    expect(match('lists/*/todos/{id=*}', 'lists/l1/x/todos/t1')).toBeNull();
  });

  it('lets {name=**} capture several segments, joined by slashes', () => {
    expect(match('{path=**}/archive/{docId}', 'lists/l1/todos/t1/archive/a1')).toEqual({
      path: 'lists/l1/todos/t1',
      docId: 'a1',
    });
  });

  it('lets ** match zero segments', () => {
    expect(match('**/archive/{docId}', 'archive/a1')).toEqual({ docId: 'a1' });
    expect(match('users/{uid=**}', 'users/u1/sub/s1')).toEqual({ uid: 'u1/sub/s1' });
  });

  it('ignores leading and trailing slashes', () => {
    expect(match('/users/{uid}/', 'users/u1')).toEqual({ uid: 'u1' });
  });
});
