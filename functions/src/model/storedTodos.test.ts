import { describe, expect, it } from 'vitest';
import { currentTodo, dueFromInstant, isOldTodo, type StoredTodoDoc } from './storedTodos.js';

const base = {
  title: 'Milk',
  notes: '',
  done: false,
  completedAt: null,
  priority: 0,
  tags: [],
  order: 1,
  createdBy: 'u1',
  createdAt: new Date('2026-11-01T10:00:00Z'),
  updatedAt: new Date('2026-11-01T10:00:00Z'),
  attachmentCount: 0,
};
const identity = (date: Date) => date;

describe('dueFromInstant', () => {
  it.each([
    ['a UTC browser', '2026-12-10T00:00:00Z'],
    ['Los Angeles (UTC-8)', '2026-12-10T08:00:00Z'],
    ['Honolulu (UTC-10)', '2026-12-10T10:00:00Z'],
    ['Berlin (UTC+1)', '2026-12-09T23:00:00Z'],
    ['Auckland in winter (UTC+12)', '2026-06-09T12:00:00Z'],
    ['Kolkata (UTC+5:30)', '2026-12-09T18:30:00Z'],
  ])('gives the day picked in %s', (_zone, stored) => {
    const expected = stored.startsWith('2026-06') ? '2026-06-10' : '2026-12-10';
    expect(dueFromInstant(new Date(stored))).toEqual({ date: expected });
  });
});

describe('currentTodo', () => {
  it('reads an old to-do: dueAt becomes a calendar day, the schedule fields their defaults', () => {
    const old: StoredTodoDoc<Date> = { ...base, dueAt: new Date('2026-12-10T08:00:00Z') };
    const todo = currentTodo(old, identity, ['u1', 'u2']);
    expect(todo).toEqual({
      ...base,
      due: { date: '2026-12-10' },
      repeat: null,
      reminders: [],
      subtasks: [],
      memberIds: ['u1', 'u2'],
    });
    expect(todo).not.toHaveProperty('dueAt');
    expect(isOldTodo(old)).toBe(true);
  });

  it('reads an old to-do without a due date', () => {
    expect(currentTodo({ ...base, dueAt: null }, identity).due).toBeNull();
  });

  it('prefers the new due date, even none, to an old dueAt still beside it', () => {
    const dueAt = new Date('2026-12-10T08:00:00Z');
    expect(currentTodo({ ...base, dueAt, due: null }, identity).due).toBeNull();
    expect(currentTodo({ ...base, dueAt, due: { date: '2027-01-02' } }, identity).due).toEqual({
      date: '2027-01-02',
    });
  });

  it('keeps a current to-do as it is', () => {
    const current = {
      ...base,
      due: { date: '2026-12-10', time: '09:30', timeZone: 'America/Los_Angeles' },
      repeat: 'FREQ=WEEKLY;BYDAY=MO',
      reminders: [{ id: 'r1', uid: 'u1', before: 30 }],
      subtasks: [{ id: 's1', title: 'Check the fridge', done: true }],
      memberIds: ['u1'],
    };
    expect(currentTodo(current, identity, ['someone-else'])).toEqual(current);
    expect(isOldTodo(current)).toBe(false);
  });
});
