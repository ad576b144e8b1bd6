import { describe, expect, it } from 'vitest';
import { inboxListId, paths, storagePaths } from './paths.js';

describe('paths', () => {
  it('builds Firestore and Storage paths', () => {
    expect(paths.attachment('l', 't', 'a')).toBe('lists/l/todos/t/attachments/a');
    expect(storagePaths.thumb('l', 't', 'a')).toBe('lists/l/todos/t/a/thumb.webp');
    expect(storagePaths.original('l', 't', 'a').startsWith(storagePaths.listPrefix('l'))).toBe(
      true,
    );
    expect(inboxListId('u1')).toBe('inbox-u1');
  });
});
