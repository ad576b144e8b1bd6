import { describe, expect, it } from 'vitest';
import { parseOriginalPath } from './attachmentPath.js';
import { storagePaths } from '../model/index.js';

describe('parseOriginalPath', () => {
  it('reads the ids from an original upload', () => {
    expect(parseOriginalPath(storagePaths.original('l1', 't1', 'a1'))).toEqual({
      listId: 'l1',
      todoId: 't1',
      attachmentId: 'a1',
    });
  });

  it.each([
    storagePaths.thumb('l1', 't1', 'a1'),
    'lists/l1/todos/t1/a1/original/extra',
    'users/u1/original',
    'lists/l1/todos/t1/original',
  ])('ignores %s', (name) => {
    expect(parseOriginalPath(name)).toBeNull();
  });
});
