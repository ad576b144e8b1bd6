import { describe, expect, it } from 'vitest';
import { LIMITS } from '../limits.js';
import {
  listCreateSchema,
  profileUpdateSchema,
  todoCreateSchema,
  todoUpdateSchema,
} from './edits.js';

describe('todo schemas', () => {
  it('fills defaults on create', () => {
    expect(todoCreateSchema.parse({ title: '  Buy milk ' })).toEqual({
      title: 'Buy milk',
      notes: '',
      done: false,
      due: null,
      repeat: null,
      reminders: [],
      subtasks: [],
      priority: 0,
      tags: [],
    });
  });

  it('stores a repeat rule in its canonical form', () => {
    const todo = todoCreateSchema.parse({
      title: 'Rent',
      due: { date: '2026-01-31' },
      repeat: 'rrule:bymonthday=-1;freq=monthly',
    });
    expect(todo.repeat).toBe('FREQ=MONTHLY;BYMONTHDAY=-1');
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
    [{ title: 'ok', dueAt: null }, []],
    [{ title: 'ok', due: 'tomorrow' }, ['due']],
    [{ title: 'ok', due: { date: '2026-02-30' } }, ['due', 'date']],
    [
      { title: 'ok', due: { date: '2026-02-03', time: '09:00', timeZone: 'Mars/Base' } },
      ['due', 'timeZone'],
    ],
    [{ title: 'ok', due: { date: '2026-02-03' }, repeat: 'FREQ=HOURLY' }, ['repeat']],
    [{ title: 'ok', repeat: 'FREQ=DAILY' }, ['repeat']],
    [{ title: 'ok', reminders: [{ id: 'r', uid: 'u', before: 10 }] }, ['reminders', '0', 'before']],
    [
      {
        title: 'ok',
        subtasks: Array.from({ length: LIMITS.subtasksPerTodo + 1 }, (_, i) => ({
          id: `s${i}`,
          title: 'step',
          done: false,
        })),
      },
      ['subtasks'],
    ],
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

  it('refuses an empty update and server-owned fields', () => {
    expect(todoUpdateSchema.safeParse({}).error?.issues[0]?.message).toBe('Nothing to change.');
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
