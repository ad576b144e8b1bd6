import { describe, expect, it } from 'vitest';
import {
  LIMITS,
  claimUsernameInput,
  documentIdSchema,
  dueAtSchema,
  inboxListId,
  inviteMemberInput,
  listCreateSchema,
  newAttachmentDoc,
  newListDoc,
  newTodoDoc,
  paths,
  profileUpdateSchema,
  storagePaths,
  todoCreateSchema,
  todoUpdateSchema,
  usernameSchema,
} from './model.js';

const firstMessage = (result: {
  success: boolean;
  error?: { issues: Array<{ message: string }> };
}) => result.error?.issues[0]?.message;

describe('usernameSchema', () => {
  it.each(['abc', 'alice_01', 'a.b.c', '0day', 'x'.repeat(30)])('accepts %j', (name) => {
    expect(usernameSchema.parse(name)).toBe(name);
  });

  it('normalises case and surrounding spaces', () => {
    expect(usernameSchema.parse('  Alice.Smith ')).toBe('alice.smith');
  });

  it.each([
    ['ab', 'A username has at least 3 characters.'],
    ['x'.repeat(31), 'A username has at most 30 characters.'],
    ['al ice', 'A username may use only letters a-z, digits, "_" and ".".'],
    ['alice!', 'A username may use only letters a-z, digits, "_" and ".".'],
    ['émile', 'A username may use only letters a-z, digits, "_" and ".".'],
    ['.alice', 'A username starts with a letter or a digit.'],
    ['...', 'A username starts with a letter or a digit.'],
    ['_abc', 'A username starts with a letter or a digit.'],
    ['admin', 'That username is reserved.'],
    ['Hearth', 'That username is reserved.'],
  ])('refuses %j: %s', (name, message) => {
    expect(firstMessage(usernameSchema.safeParse(name))).toBe(message);
  });

  it('refuses a non-string', () => {
    expect(firstMessage(usernameSchema.safeParse(42))).toBe('Enter a username.');
  });
});

describe('callable inputs', () => {
  it('claimUsernameInput refuses unknown keys', () => {
    expect(claimUsernameInput.safeParse({ username: 'alice', admin: true }).success).toBe(false);
  });

  it('inviteMemberInput refuses the owner role', () => {
    const result = inviteMemberInput.safeParse({ listId: 'l1', username: 'bob', role: 'owner' });
    expect(result.error?.issues[0]?.path).toEqual(['role']);
  });

  it('inviteMemberInput accepts an editor invitation', () => {
    expect(inviteMemberInput.parse({ listId: 'l1', username: 'Bob', role: 'editor' })).toEqual({
      listId: 'l1',
      username: 'bob',
      role: 'editor',
    });
  });

  it.each(['', 'a/b', '..', '__id__', 'x'.repeat(LIMITS.documentId + 1)])(
    'documentIdSchema refuses %j',
    (id) => {
      expect(documentIdSchema.safeParse(id).success).toBe(false);
    },
  );
});

describe('todo schemas', () => {
  it('fills defaults on create', () => {
    expect(todoCreateSchema.parse({ title: '  Buy milk ' })).toEqual({
      title: 'Buy milk',
      notes: '',
      done: false,
      dueAt: null,
      priority: 0,
      tags: [],
    });
  });

  it.each([
    [{ title: '' }, ['title']],
    [{ title: '   ' }, ['title']],
    [{ title: 'x'.repeat(LIMITS.todoTitle + 1) }, ['title']],
    [{ title: 'ok', notes: 'n'.repeat(LIMITS.todoNotes + 1) }, ['notes']],
    [{ title: 'ok', priority: 4 }, ['priority']],
    [{ title: 'ok', priority: 1.5 }, ['priority']],
    [{ title: 'ok', priority: -1 }, ['priority']],
    [
      { title: 'ok', tags: Array.from({ length: LIMITS.tagsPerTodo + 1 }, (_, i) => `t${i}`) },
      ['tags'],
    ],
    [{ title: 'ok', tags: [''] }, ['tags', 0]],
    [{ title: 'ok', tags: ['x'.repeat(LIMITS.tag + 1)] }, ['tags', 0]],
    [{ title: 'ok', dueAt: 'tomorrow' }, ['dueAt']],
    [{ title: 'ok', createdBy: 'me' }, []],
  ])('refuses %j at %j', (input, path) => {
    const result = todoCreateSchema.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(path);
  });

  it('accepts the boundaries', () => {
    const input = {
      title: 'x'.repeat(LIMITS.todoTitle),
      notes: 'n'.repeat(LIMITS.todoNotes),
      priority: 3,
      tags: Array.from({ length: LIMITS.tagsPerTodo }, () => 't'.repeat(LIMITS.tag)),
    };
    expect(todoCreateSchema.safeParse(input).success).toBe(true);
  });

  it('reads an ISO due date as a Date', () => {
    expect(dueAtSchema.parse('2030-01-31T09:00:00Z')).toEqual(new Date('2030-01-31T09:00:00Z'));
    expect(dueAtSchema.parse(null)).toBeNull();
  });

  it('refuses an empty update and server-owned fields', () => {
    expect(firstMessage(todoUpdateSchema.safeParse({}))).toBe('Nothing to change.');
    expect(todoUpdateSchema.safeParse({ attachmentCount: 3 }).success).toBe(false);
    expect(todoUpdateSchema.parse({ done: true })).toEqual({ done: true });
  });
});

describe('list and profile schemas', () => {
  it('refuses a list without a title and defaults the order', () => {
    expect(listCreateSchema.safeParse({ title: ' ' }).success).toBe(false);
    expect(listCreateSchema.parse({ title: 'Groceries' })).toEqual({
      title: 'Groceries',
      order: 0,
    });
  });

  it('validates profile edits', () => {
    expect(
      profileUpdateSchema.safeParse({ displayName: 'd'.repeat(LIMITS.displayName + 1) }).success,
    ).toBe(false);
    expect(profileUpdateSchema.safeParse({ photoURL: 'not a url' }).success).toBe(false);
    expect(profileUpdateSchema.parse({ photoURL: null })).toEqual({ photoURL: null });
  });
});

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

// The key sets are the ones firestore.rules' isValidNewList, isValidNewTodo and
// isValidNewAttachment accept; test/rules writes these documents through the rules.
describe('new documents', () => {
  const now = new Date('2030-01-01T00:00:00Z');

  it('a new list has its creator as sole owner and zero counts', () => {
    expect(newListDoc('alice', { title: 'Groceries', order: 3 }, now)).toEqual({
      title: 'Groceries',
      ownerId: 'alice',
      members: { alice: 'owner' },
      memberIds: ['alice'],
      counts: { open: 0, done: 0 },
      order: 3,
      createdAt: now,
      updatedAt: now,
    });
  });

  it('a new to-do keeps what the writer gives and sets the server-owned fields', () => {
    const dueAt = new Date('2030-02-01T00:00:00Z');
    const todo = {
      title: 'Milk',
      notes: 'n',
      done: false,
      dueAt,
      priority: 2,
      tags: ['a'],
      order: 5,
    };
    expect(newTodoDoc('alice', todo, now)).toEqual({
      ...todo,
      completedAt: null,
      createdBy: 'alice',
      createdAt: now,
      updatedAt: now,
      attachmentCount: 0,
    });
  });

  it('a to-do created done was completed at its creation', () => {
    const input = { ...todoCreateSchema.parse({ title: 'Milk', done: true }), order: 1 };
    expect(newTodoDoc('alice', input, now).completedAt).toBe(now);
  });

  it('drops whatever else the writer holds, since the rules accept no other key', () => {
    const todo = { ...todoCreateSchema.parse({ title: 'Milk' }), order: 1 };
    const draft = { ...todo, id: 'x', pending: true };
    expect(newTodoDoc('alice', draft, now)).toEqual(newTodoDoc('alice', todo, now));
    const file = { name: 'a.png', contentType: 'image/png', size: 1 };
    const upload = { ...file, data: new Uint8Array(1) };
    expect(newAttachmentDoc('alice', upload, now)).toEqual(newAttachmentDoc('alice', file, now));
  });

  it('a new attachment is processing, with the rest left to the upload trigger', () => {
    const file = { name: 'photo.jpg', contentType: 'image/jpeg', size: 1000 };
    expect(newAttachmentDoc('alice', file, now)).toEqual({
      ...file,
      status: 'processing',
      width: null,
      height: null,
      thumbPath: null,
      takenAt: null,
      error: null,
      createdBy: 'alice',
      createdAt: now,
    });
  });
});
