import { describe, expect, it } from 'vitest';
import { FieldValue } from 'firebase-admin/firestore';
import { newTodoDoc, todoCreateSchema, todoUpdateSchema } from '../model/index.js';
import { completedTodoFields, editedTodoFields, newTodoFields } from './todoWrites.js';

const now = FieldValue.serverTimestamp();

describe('newTodoFields', () => {
  it("is the model's new to-do with the given order and firebase-admin's server timestamp", () => {
    const input = todoCreateSchema.parse({ title: 'Milk' });
    expect(newTodoFields('alice', input, 2048, ['alice', 'bob'])).toEqual(
      newTodoDoc('alice', { ...input, order: 2048 }, ['alice', 'bob'], now),
    );
  });

  it("stamps completedAt on a to-do created done, and copies the list's memberIds", () => {
    const input = todoCreateSchema.parse({ title: 'x', done: true, due: { date: '2030-01-31' } });
    const fields = newTodoFields('alice', input, 1, ['alice', 'bob']);
    expect(fields.completedAt).toEqual(now);
    expect(fields.due).toEqual({ date: '2030-01-31' });
    expect(fields.memberIds).toEqual(['alice', 'bob']);
  });
});

describe('editedTodoFields', () => {
  const edit = (body: unknown, wasDone: boolean) =>
    editedTodoFields(todoUpdateSchema.parse(body), wasDone);

  it('changes only the edited fields and updatedAt', () => {
    expect(edit({ title: ' New ' }, false)).toEqual({ title: 'New', updatedAt: now });
  });

  it('stamps completedAt when a to-do becomes done and clears it when it reopens', () => {
    expect(edit({ done: true }, false)).toEqual({ done: true, completedAt: now, updatedAt: now });
    expect(edit({ done: false }, true)).toEqual({ done: false, completedAt: null, updatedAt: now });
  });

  it('keeps the original completedAt when done does not change', () => {
    expect(edit({ done: true }, true)).toEqual({ done: true, updatedAt: now });
  });

  it('clears or sets the due date', () => {
    expect(edit({ due: null }, false)).toEqual({ due: null, updatedAt: now });
    expect(edit({ due: { date: '2030-01-01' } }, false).due).toEqual({ date: '2030-01-01' });
  });
});

describe('completion', () => {
  it('completes an open to-do', () => {
    expect(completedTodoFields()).toEqual({ done: true, completedAt: now, updatedAt: now });
  });
});
