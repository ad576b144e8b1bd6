import { daysBetween, dueDateIn, dueInstant, wallClockIn, type Due } from '@model';
import { browserTimeZone } from './dueLabels';

/** Due dates are calendar days: a date input's value is the due date's own "YYYY-MM-DD". */
export function toDateInputValue(due: Due | null): string {
  return due?.date ?? '';
}

/** The calendar date a Date has on this device's clock. */
function localDate(moment: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${moment.getFullYear()}-${pad(moment.getMonth() + 1)}-${pad(moment.getDate())}`;
}

/** Midnight of a calendar date on this device's clock, for formatting it. */
function atLocalMidnight(date: string): Date {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return new Date(year, month - 1, day);
}

/** The due date as a long date on this device ("Thursday, 10 December 2026"). */
export function formatDueDate(due: Due): string {
  return atLocalMidnight(dueDateIn(due, browserTimeZone())).toLocaleDateString(undefined, {
    dateStyle: 'full',
  });
}

export interface DueLabel {
  text: string;
  overdue: boolean;
}

/**
 * "Due today", "Due tomorrow 09:30", "Overdue · 3 Nov", "Due 30 Nov" relative to `now`; a timed
 * one at its time on this device's clock, overdue once that time has passed.
 */
export function describeDue(due: Due, now: Date, done = false): DueLabel {
  const zone = browserTimeZone();
  const dueDate = atLocalMidnight(dueDateIn(due, zone));
  const instant = dueInstant(due);
  const time = instant ? ` ${wallClockIn(instant, zone).time}` : '';
  const days = daysBetween(localDate(now), localDate(dueDate));
  const sameYear = dueDate.getFullYear() === now.getFullYear();
  const date = dueDate.toLocaleDateString(undefined, {
    day: 'numeric',
    month: 'short',
    ...(sameYear ? {} : { year: 'numeric' }),
  });
  if (days < 0 && !done) return { text: `Overdue · ${date}${time}`, overdue: true };
  const overdue = !done && instant !== null && instant.getTime() < now.getTime();
  if (days === 0) return { text: `Due today${time}`, overdue };
  if (days === 1) return { text: `Due tomorrow${time}`, overdue };
  return { text: `Due ${date}${time}`, overdue };
}

export const PRIORITY_LABELS: readonly string[] = ['None', 'Low', 'Medium', 'High'];
