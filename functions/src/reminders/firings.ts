// When a to-do's reminders fire, as the reminder queue sees them: one firing per reminder of an
// open to-do, at the instant it comes (model/dates/reminders.ts). Pure, so the trigger, the task
// and their tests agree on what "this reminder is still due" means.
import { reminderInstant, type Due, type Reminder } from '../model/index.js';

/** One reminder of one to-do going off for its person at an instant (ms since the epoch). */
export interface Firing {
  reminderId: string;
  uid: string;
  at: number;
}

/** What a firing looks at of a to-do; an old to-do may lack `reminders`. */
export type Remindable = { done?: boolean; due?: Due | null; reminders?: Reminder[] };

/**
 * A reminder whose time passed this long before it was set still fires (saving a to-do a few
 * seconds late); one set for an earlier time does not.
 */
export const LATE_GRACE_MS = 60_000;

/** Every firing of a to-do: none when it is done or deleted. */
export function firingsOf(todo: Remindable | undefined): Firing[] {
  if (!todo || todo.done) return [];
  return (todo.reminders ?? []).flatMap((reminder) => {
    const instant = reminderInstant(reminder, todo.due ?? null);
    return instant ? [{ reminderId: reminder.id, uid: reminder.uid, at: instant.getTime() }] : [];
  });
}

export const firingKey = (firing: Firing) => `${firing.reminderId}:${firing.uid}:${firing.at}`;

/**
 * The firings a write added (a reminder set, a due time moved, a repeating to-do rolled over or
 * reopened), leaving out those already past. Removed ones need no cancelling: a firing checks
 * at its time that it is still one of its to-do's (`isStillDue`).
 */
export function addedFirings(
  before: Remindable | undefined,
  after: Remindable | undefined,
  now: number,
): Firing[] {
  const had = new Set(firingsOf(before).map(firingKey));
  return firingsOf(after).filter(
    (firing) => !had.has(firingKey(firing)) && firing.at >= now - LATE_GRACE_MS,
  );
}

/** Whether the to-do as it is now still has this firing (not done, moved, removed or deleted). */
export const isStillDue = (todo: Remindable | undefined, firing: Firing): boolean =>
  firingsOf(todo).some((each) => firingKey(each) === firingKey(firing));
