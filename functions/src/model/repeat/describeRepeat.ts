// A repeat rule in words, as the editor and the API's readers see it: "Every 2 weeks on Monday
// and Wednesday, 5 times". rrule's toText says "every month on the last" for BYMONTHDAY=-1 and
// would load the date math into the browser, so the words are made here from the parsed rule.
import type { Due } from '../dates/due.js';
import { parseCalendarDate } from '../dates/calendarDate.js';
import type { RepeatRule, Weekday, WeekdayRule } from './repeatRule.js';

const DAY_NAMES: Record<Weekday, string> = {
  MO: 'Monday',
  TU: 'Tuesday',
  WE: 'Wednesday',
  TH: 'Thursday',
  FR: 'Friday',
  SA: 'Saturday',
  SU: 'Sunday',
};
const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const UNITS = { DAILY: 'day', WEEKLY: 'week', MONTHLY: 'month', YEARLY: 'year' } as const;
const WORKDAYS = ['MO', 'TU', 'WE', 'TH', 'FR'];

function ordinal(n: number): string {
  if (n === -1) return 'last';
  if (n < 0) return `${ordinal(-n)} to last`;
  const tens = n % 100;
  const suffix = tens >= 11 && tens <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${suffix}`;
}

function joined(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

const weekday = (day: WeekdayRule) =>
  day.nth === undefined ? DAY_NAMES[day.weekday] : `${ordinal(day.nth)} ${DAY_NAMES[day.weekday]}`;

const monthDay = (day: number) =>
  day === -1 ? 'last day' : day < 0 ? `${ordinal(-day)} to last day` : ordinal(day);

const isWorkweek = (days: WeekdayRule[]) =>
  days.length === 5 && days.every((day) => day.nth === undefined && WORKDAYS.includes(day.weekday));

/** The days BYDAY or BYMONTHDAY pick, e.g. "Monday and Wednesday", "the last day". */
function pickedDays(rule: RepeatRule): string | null {
  if (rule.byDay) {
    const names = joined(rule.byDay.map(weekday));
    return rule.byDay.some((day) => day.nth !== undefined) ? `the ${names}` : names;
  }
  return rule.byMonthDay ? `the ${joined(rule.byMonthDay.map(monthDay))}` : null;
}

function days(rule: RepeatRule, due: Due | null): string {
  const months = rule.byMonth
    ? ` in ${joined(rule.byMonth.map((m) => MONTH_NAMES[m - 1] as string))}`
    : '';
  const picked = pickedDays(rule);
  if (picked) {
    const position = rule.bySetPos ? `the ${joined(rule.bySetPos.map(ordinal))} of ` : '';
    return ` on ${position}${picked}${months}`;
  }
  if (months) return months;
  // Without BY parts, the rule repeats the due date's day (RFC 5545 takes it from DTSTART).
  const start = due ? parseCalendarDate(due.date) : null;
  if (!start) return '';
  if (rule.freq === 'MONTHLY') return ` on the ${ordinal(start.day)}`;
  if (rule.freq === 'YEARLY') return ` on ${start.day} ${MONTH_NAMES[start.month - 1]}`;
  return '';
}

function ending(rule: RepeatRule): string {
  if (rule.count !== undefined) return rule.count === 1 ? ', once more' : `, ${rule.count} times`;
  if (!rule.until) return '';
  const date = 'date' in rule.until ? rule.until.date : rule.until.instant.slice(0, 10);
  const day = parseCalendarDate(date);
  return day ? `, until ${day.day} ${MONTH_NAMES[day.month - 1]} ${day.year}` : '';
}

/** The rule in words; `due` fills in what the rule takes from it (the day of the month, say). */
export function describeRepeat(rule: RepeatRule, due: Due | null = null): string {
  const unit = UNITS[rule.freq];
  if (
    rule.freq === 'WEEKLY' &&
    rule.interval === 1 &&
    rule.byDay &&
    isWorkweek(rule.byDay) &&
    !rule.bySetPos
  ) {
    return `Every weekday${ending(rule)}`;
  }
  const every = rule.interval === 1 ? `Every ${unit}` : `Every ${rule.interval} ${unit}s`;
  return `${every}${days(rule, due)}${ending(rule)}`;
}
