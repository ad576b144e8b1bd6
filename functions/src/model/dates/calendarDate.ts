// Calendar dates ('YYYY-MM-DD') and times of day ('HH:MM') as people mean them: a day on the
// calendar is the same day everywhere, not an instant. @internationalized/date does the calendar
// and time-zone arithmetic (Temporal's semantics in 4 KB).
import { fromDate, parseDate, toCalendarDate, type CalendarDate } from '@internationalized/date';

const DATE_SHAPE = /^[0-9]{4}-[0-9]{2}-[0-9]{2}$/;
const TIME_SHAPE = /^([01][0-9]|2[0-3]):[0-5][0-9]$/;

/** The date, or null when the text is not a day on the calendar (2026-02-30, 2026-13-01). */
export function parseCalendarDate(text: string): CalendarDate | null {
  if (!DATE_SHAPE.test(text)) return null;
  try {
    return parseDate(text);
  } catch {
    return null;
  }
}

export const isCalendarDate = (text: string) => parseCalendarDate(text) !== null;

/** 'HH:MM' on a 24-hour clock. */
export const isTimeOfDay = (text: string) => TIME_SHAPE.test(text);

function calendarDate(text: string): CalendarDate {
  const date = parseCalendarDate(text);
  if (!date) throw new RangeError(`${text} is not a calendar date.`);
  return date;
}

export const addDays = (date: string, days: number) => calendarDate(date).add({ days }).toString();

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export const daysBetween = (from: string, to: string) =>
  calendarDate(to).compare(calendarDate(from));

/** The calendar day and wall-clock time an instant has in a time zone. */
export function wallClockIn(instant: Date, timeZone: string): { date: string; time: string } {
  const zoned = fromDate(instant, timeZone);
  const pad = (n: number) => String(n).padStart(2, '0');
  return {
    date: toCalendarDate(zoned).toString(),
    time: `${pad(zoned.hour)}:${pad(zoned.minute)}`,
  };
}

/** The date it is in `timeZone` at `now`. */
export const todayIn = (timeZone: string, now: Date) => wallClockIn(now, timeZone).date;
