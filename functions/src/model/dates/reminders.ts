// When a to-do's reminders fire, and where they go when its due date moves.
import type { Reminder } from '../entities.js';
import { addDays, daysBetween } from './calendarDate.js';
import { dueInstant, instantOf, type Due } from './due.js';

const MINUTE_MS = 60_000;

/** The instant a reminder fires; null for a "before" reminder on a due date without a time. */
export function reminderInstant(reminder: Reminder, due: Due | null): Date | null {
  if ('at' in reminder) return instantOf(reminder.at.date, reminder.at.time, reminder.at.timeZone);
  const instant = dueInstant(due);
  return instant && new Date(instant.getTime() - reminder.before * MINUTE_MS);
}

/**
 * The reminders of a to-do whose due date moved from `from` to `to` (a repeating to-do rolling
 * over): a "before" reminder follows by itself; one at a time moves by as many calendar days as
 * the due date, keeping its wall-clock time.
 */
export function moveReminders(reminders: readonly Reminder[], from: Due, to: Due): Reminder[] {
  const days = daysBetween(from.date, to.date);
  return reminders.map((reminder) =>
    'at' in reminder
      ? { ...reminder, at: { ...reminder.at, date: addDays(reminder.at.date, days) } }
      : reminder,
  );
}
