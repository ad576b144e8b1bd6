import { describe, expect, it } from 'vitest';
import { newAttachmentDoc, newListDoc, newTodoDoc } from './newDocuments.js';
import { todoCreateSchema } from './schemas/edits.js';
import { everyTodoField } from '../testing/everyTodoField.js';

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
    expect(newTodoDoc('alice', everyTodoField, ['alice', 'bob'], now)).toEqual({
      ...everyTodoField,
      completedAt: null,
      createdBy: 'alice',
      createdAt: now,
      updatedAt: now,
      attachmentCount: 0,
      memberIds: ['alice', 'bob'],
    });
  });

  it('a to-do created done was completed at its creation', () => {
    const input = { ...todoCreateSchema.parse({ title: 'Milk', done: true }), order: 1 };
    expect(newTodoDoc('alice', input, ['alice'], now).completedAt).toBe(now);
  });

  it('drops whatever else the writer holds, since the rules accept no other key', () => {
    const todo = { ...todoCreateSchema.parse({ title: 'Milk' }), order: 1 };
    const draft = { ...todo, id: 'x', pending: true };
    expect(newTodoDoc('alice', draft, ['alice'], now)).toEqual(
      newTodoDoc('alice', todo, ['alice'], now),
    );
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
