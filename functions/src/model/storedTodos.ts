// To-dos written before due dates were calendar days hold `dueAt`, an instant, and lack the
// schedule fields (repeat, reminders, subtasks) and `memberIds`. The run-once migration
// (functions/src/migrations/todoSchedule.ts) rewrites them; until it has run everywhere, every
// reader takes a stored to-do through `currentTodo`, which accepts both shapes.
import type { Due } from './dates/due.js';
import type { TodoDoc } from './entities.js';

type AddedFields = 'due' | 'repeat' | 'reminders' | 'subtasks' | 'memberIds';

/** A to-do as it may be stored: in today's shape, or in the shape before the schedule fields. */
export type StoredTodoDoc<T> = Omit<TodoDoc<T>, AddedFields> &
  Partial<Pick<TodoDoc<T>, AddedFields>> & {
    /** The old due date: the instant of midnight, in the writer's browser, of the day picked. */
    dueAt?: T | null;
  };

const HOUR_MS = 60 * 60 * 1000;

/**
 * The calendar day an old `dueAt` meant. The old web app stored the midnight of the picked day in
 * the writer's zone, which is within 12 hours of that day's UTC midnight for every zone from
 * UTC-11 to UTC+12: so the day is the one whose UTC midnight is nearest. (Writers in UTC+13 and
 * UTC+14, Tonga, Samoa and Kiribati's Line Islands, get the day before; UTC-12 is uninhabited.)
 */
export function dueFromInstant(instant: Date): Due {
  return { date: new Date(instant.getTime() + 12 * HOUR_MS).toISOString().slice(0, 10) };
}

/** Whether a stored to-do is in the shape before the schedule fields. */
export const isOldTodo = (stored: StoredTodoDoc<unknown>): boolean =>
  'dueAt' in stored ||
  stored.due === undefined ||
  stored.repeat === undefined ||
  stored.reminders === undefined ||
  stored.subtasks === undefined ||
  stored.memberIds === undefined;

/**
 * A stored to-do in today's shape: an old `dueAt` becomes the calendar day it meant, missing
 * schedule fields take their defaults, and missing `memberIds` are `listMemberIds` (empty where the
 * reader does not know the list's members; the migration writes the list's).
 */
export function currentTodo<T, Stored extends StoredTodoDoc<T>>(
  stored: Stored,
  toDate: (timestamp: T) => Date,
  listMemberIds: readonly string[] = [],
): Omit<Stored, 'dueAt' | AddedFields> & Pick<TodoDoc<T>, AddedFields> {
  const { dueAt, ...todo } = stored;
  const added: Pick<TodoDoc<T>, AddedFields> = {
    due: stored.due !== undefined ? stored.due : dueAt ? dueFromInstant(toDate(dueAt)) : null,
    repeat: stored.repeat ?? null,
    reminders: stored.reminders ?? [],
    subtasks: stored.subtasks ?? [],
    memberIds: stored.memberIds ?? [...listMemberIds],
  };
  return { ...(todo as Omit<Stored, 'dueAt' | AddedFields>), ...added };
}
