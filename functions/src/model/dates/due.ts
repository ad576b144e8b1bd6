// A to-do's due date: a calendar date, optionally with a time of day and the IANA time zone it
// was set in. A dated to-do is due on the same day everywhere; a timed one is a fixed instant.
import { CalendarDateTime, toZoned } from '@internationalized/date';
import { parseCalendarDate, wallClockIn } from './calendarDate.js';

export interface Due {
  /** 'YYYY-MM-DD' */
  date: string;
  /** 'HH:MM', wall-clock time in `timeZone`; time and timeZone come together or not at all. */
  time?: string;
  timeZone?: string;
}

/** A due date with a time, which makes it an instant. */
export type TimedDue = Required<Due>;

export const isTimed = (due: Due | null): due is TimedDue =>
  due !== null && due.time !== undefined && due.timeZone !== undefined;

/**
 * The instant of a wall-clock time in a zone. A time that a DST change skips (02:30 on the
 * spring-forward night) is read with the offset before the gap, i.e. 03:30, and a time that
 * happens twice is the earlier one: what RFC 5545 and Temporal's 'compatible' prescribe.
 */
export function instantOf(date: string, time: string, timeZone: string): Date {
  const day = parseCalendarDate(date);
  if (!day) throw new RangeError(`${date} is not a calendar date.`);
  const [hour, minute] = time.split(':').map(Number) as [number, number];
  const local = new CalendarDateTime(day.year, day.month, day.day, hour, minute);
  return toZoned(local, timeZone, 'compatible').toDate();
}

/** When a timed due date falls; null for a due date without a time. */
export const dueInstant = (due: Due | null): Date | null =>
  isTimed(due) ? instantOf(due.date, due.time, due.timeZone) : null;

/** The day a person in `timeZone` sees the to-do due: the same date everywhere unless timed. */
export const dueDateIn = (due: Due, timeZone: string): string =>
  isTimed(due) ? wallClockIn(dueInstant(due) as Date, timeZone).date : due.date;

export const DUE_VIEWS = ['overdue', 'today', 'upcoming'] as const;
export type DueView = (typeof DUE_VIEWS)[number];

/** Where a due date belongs for a person whose date is `today` in `timeZone`. */
export function dueView(due: Due, today: string, timeZone: string): DueView {
  const date = dueDateIn(due, timeZone);
  return date < today ? 'overdue' : date === today ? 'today' : 'upcoming';
}

/**
 * How far a stored `due.date` can be from the day a viewer anywhere sees (time zones span
 * UTC-12 to UTC+14): a query on `due.date` widened by this many days, then filtered with
 * dueView, finds every to-do of a view.
 */
export const DUE_DATE_SPREAD_DAYS = 2;
