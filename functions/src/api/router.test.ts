import { describe, expect, it } from 'vitest';
import { ApiError } from './errors.js';
import { pathSegments, Router } from './router.js';

const router = new Router<string>()
  .add('GET', '/lists', 'lists')
  .add('GET', '/lists/{listId}/todos', 'todos')
  .add('POST', '/lists/{listId}/todos', 'create')
  .add('GET', '/lists/{listId}/todos/{todoId}', 'todo')
  .add('DELETE', '/lists/{listId}/todos/{todoId}', 'delete')
  .add('POST', '/lists/{listId}/todos/{todoId}/complete', 'complete');

describe('Router', () => {
  it('finds the route of a method and path, with its parameters', () => {
    expect(router.match('GET', '/lists/abc/todos/t1')).toEqual({
      kind: 'found',
      value: 'todo',
      params: { listId: 'abc', todoId: 't1' },
    });
  });

  it('matches methods case-insensitively', () => {
    expect(router.match('post', '/lists/abc/todos')).toMatchObject({
      kind: 'found',
      value: 'create',
    });
  });

  it('tells the methods a known path allows when the method is wrong', () => {
    expect(router.match('PUT', '/lists/abc/todos/t1')).toEqual({
      kind: 'method-not-allowed',
      allow: ['GET', 'DELETE'],
    });
  });

  it('does not find paths of another length or literal', () => {
    expect(router.match('GET', '/lists/abc')).toEqual({ kind: 'not-found' });
    expect(router.match('GET', '/lists/abc/todos/t1/complete/x')).toEqual({ kind: 'not-found' });
    expect(router.match('GET', '/listz')).toEqual({ kind: 'not-found' });
  });

  it('decodes parameters, so an encoded slash stays inside one segment', () => {
    expect(router.match('GET', '/lists/a%2Fb/todos')).toMatchObject({ params: { listId: 'a/b' } });
  });

  it('tolerates one trailing slash', () => {
    expect(router.match('GET', '/lists/')).toMatchObject({ kind: 'found', value: 'lists' });
  });

  it('passes an empty segment on as an empty parameter, for its schema to refuse', () => {
    expect(router.match('GET', '/lists//todos')).toMatchObject({ params: { listId: '' } });
  });
});

describe('pathSegments', () => {
  it('refuses malformed escapes with a 400', () => {
    expect(() => pathSegments('/lists/%E0%A4%A/todos')).toThrow(ApiError);
    try {
      pathSegments('/lists/%zz');
    } catch (error) {
      expect((error as ApiError).status).toBe(400);
    }
  });
});
