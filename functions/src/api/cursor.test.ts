import { describe, expect, it } from 'vitest';
import { AppError } from '../shared/errors.js';
import { decodeCursor, encodeCursor } from './cursor.js';

describe('page cursors', () => {
  it.each([
    { order: 1024, id: 'abc' },
    { order: -0.5, id: 'Z9_x-y' },
    { order: 1e300, id: 'ünïcødé 🙂' },
  ])('round-trip %j', (position) => {
    const cursor = encodeCursor(position);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(cursor)).toEqual(position);
  });

  it.each([
    ['not base64url', 'a+b/c='],
    ['not JSON', Buffer.from('{nope').toString('base64url')],
    ['the wrong shape', Buffer.from('{"order":1,"id":"x"}').toString('base64url')],
    ['a non-number order', Buffer.from('["1","x"]').toString('base64url')],
    ['an id with a slash', Buffer.from('[1,"a/b"]').toString('base64url')],
    ['an empty id', Buffer.from('[1,""]').toString('base64url')],
    ['extra items', Buffer.from('[1,"x",2]').toString('base64url')],
    ['empty', ''],
  ])('refuse %s with an error naming the cursor', (_what, cursor) => {
    expect(() => decodeCursor(cursor)).toThrow(AppError);
    expect(() => decodeCursor(cursor)).toThrow(/^cursor: /);
  });
});
