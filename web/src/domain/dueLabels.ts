import {
  daysBetween,
  describeRepeat,
  dueInstant,
  isTimed,
  parseRepeatRule,
  todayIn,
  wallClockIn,
  type Due,
} from '@model';

/**
 * Due dates in words. The date math is the model's (calendarDate, due); this module only chooses
 * words and formats: a dated to-do reads the same day in every zone, a timed one is read in the
 * viewer's zone, with the setter's wall clock beside it where the two differ.
 */

/** The zone this browser runs in (the viewer's), as an IANA name. */
export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/** "Europe/Berlin" → "Berlin", "America/Argentina/Buenos_Aires" → "Buenos Aires". */
export function zoneCity(timeZone: string): string {
  return (timeZone.split('/').at(-1) ?? timeZone).replaceAll('_', ' ');
}

/**
 * A calendar date as people read it: "Dec 10", with the year when it is not `today`'s. The date
 * is formatted as the UTC midnight it names, read back in UTC, so no zone can move it a day.
 */
export function formatCalendarDate(
  date: string,
  today: string,
  options: { weekday?: boolean; year?: boolean } = {},
): string {
  const showYear = options.year ?? date.slice(0, 4) !== today.slice(0, 4);
  return new Intl.DateTimeFormat(undefined, {
    timeZone: 'UTC',
    month: 'short',
    day: 'numeric',
    ...(options.weekday && { weekday: 'short' }),
    ...(showYear && { year: 'numeric' }),
  }).format(new Date(`${date}T00:00:00Z`));
}

/** "today", "tomorrow", "yesterday", else the date ("Dec 10"). */
export function dayName(date: string, today: string): string {
  const days = daysBetween(today, date);
  if (days === 0) return 'today';
  if (days === 1) return 'tomorrow';
  if (days === -1) return 'yesterday';
  return formatCalendarDate(date, today);
}

const capitalized = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** A due date as a viewer in `timeZone` sees it: their day, and their time when it has one. */
export interface ViewedDue {
  date: string;
  time: string | null;
}

export function viewDue(due: Due, timeZone: string): ViewedDue {
  const instant = dueInstant(due);
  if (!instant) return { date: due.date, time: null };
  const here = wallClockIn(instant, timeZone);
  return { date: here.date, time: here.time };
}

/**
 * The setter's wall clock, "09:00 Berlin" (with their date when it is another day than the
 * viewer's), when it differs from the viewer's; null for a date without a time or the same clock.
 */
export function setterClock(due: Due, timeZone: string, today: string): string | null {
  if (!isTimed(due)) return null;
  const here = viewDue(due, timeZone);
  if (here.date === due.date && here.time === due.time) return null;
  const day = here.date === due.date ? '' : `${formatCalendarDate(due.date, today)}, `;
  return `${day}${due.time} ${zoneCity(due.timeZone)}`;
}

export interface DueLabel {
  /** "Due tomorrow, 09:00", "Overdue · Dec 9", "Due Dec 10, 00:00 (09:00 Berlin)". */
  text: string;
  overdue: boolean;
  /** For <time datetime>: the date, or the instant in ISO form. */
  datetime: string;
}

/** How a to-do's due date reads on its row for a viewer in `timeZone` at `now`. */
export function describeDue(due: Due, now: Date, timeZone: string, done = false): DueLabel {
  const today = todayIn(timeZone, now);
  const here = viewDue(due, timeZone);
  const instant = dueInstant(due);
  const overdue =
    !done && (here.date < today || (instant !== null && instant.getTime() < now.getTime()));
  const when = [dayName(here.date, today), here.time].filter(Boolean).join(', ');
  const setter = setterClock(due, timeZone, today);
  const text = `${overdue ? `Overdue · ${when}` : `Due ${when}`}${setter ? ` (${setter})` : ''}`;
  return { text, overdue, datetime: instant ? instant.toISOString() : due.date };
}

/** The due date in full, for the to-do's details: "Wed, Dec 10, 2026 at 09:00 (Berlin time)". */
export function describeDueInFull(due: Due, now: Date, timeZone: string): string {
  const today = todayIn(timeZone, now);
  const here = viewDue(due, timeZone);
  const day = capitalized(formatCalendarDate(here.date, today, { weekday: true, year: true }));
  if (here.time === null) return day;
  const setter = setterClock(due, timeZone, today);
  return `${day} at ${here.time}${setter ? ` (${setter})` : ''}`;
}

export const PRIORITY_LABELS: readonly string[] = ['None', 'Low', 'Medium', 'High'];

/** A to-do's repeat rule in words ("every week on Thursday"); empty for none or an unreadable one. */
export function repeatWords(repeat: string | null, due: Due | null): string {
  if (!repeat) return '';
  try {
    return describeRepeat(parseRepeatRule(repeat), due);
  } catch {
    return '';
  }
}
