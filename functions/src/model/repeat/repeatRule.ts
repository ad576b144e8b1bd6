// Repeat rules are RFC 5545 RRULE strings, the form calendars exchange. Hearth takes the part of
// the grammar a to-do needs (a frequency of a day or more, an interval, an end, and the BY parts
// that pick days) and checks it here, without the recurrence library, so the browser can validate
// a rule without loading the date math. Parsed rules print back in one canonical order, which
// firestore.rules checks with REPEAT_RULE_PATTERN.
import { isCalendarDate } from '../dates/calendarDate.js';
import { LIMITS } from '../limits.js';

export const FREQUENCIES = ['DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY'] as const;
export type Frequency = (typeof FREQUENCIES)[number];

export const WEEKDAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** A weekday, optionally the nth in the month or year (2TU: the second Tuesday; -1FR: the last Friday). */
export interface WeekdayRule {
  weekday: Weekday;
  nth?: number;
}

/** The end of a series: after its last date (UNTIL=20261231) or instant (UNTIL=20261231T170000Z). */
export type RepeatUntil = { date: string } | { instant: string };

export interface RepeatRule {
  freq: Frequency;
  interval: number;
  /** Occurrences left, counting the current due date: the functions count down as they roll over. */
  count?: number;
  until?: RepeatUntil;
  byMonth?: number[];
  byMonthDay?: number[];
  byDay?: WeekdayRule[];
  bySetPos?: number[];
  weekStart?: Weekday;
}

export class RepeatRuleError extends Error {
  override name = 'RepeatRuleError';
}

const SUPPORTED = [
  'FREQ',
  'INTERVAL',
  'COUNT',
  'UNTIL',
  'BYMONTH',
  'BYMONTHDAY',
  'BYDAY',
  'BYSETPOS',
  'WKST',
];

const fail = (message: string): never => {
  throw new RepeatRuleError(message);
};

function wholeNumber(part: string, text: string, min: number, max: number, zero = false): number {
  const value = /^[+-]?[0-9]+$/.test(text) ? Number(text) : NaN;
  if (Number.isNaN(value) || value < min || value > max || (value === 0 && !zero)) {
    const range = min < 0 ? `${min} to -1 or 1 to ${max}` : `${min} to ${max}`;
    fail(`${part} must be a whole number from ${range}, not "${text}".`);
  }
  return value;
}

const numbers = (part: string, text: string, min: number, max: number) =>
  text.split(',').map((item) => wholeNumber(part, item, min, max));

function weekday(part: string, text: string): Weekday {
  if (!(WEEKDAYS as readonly string[]).includes(text)) {
    fail(`${part} takes days written ${WEEKDAYS.join(', ')}, not "${text}".`);
  }
  return text as Weekday;
}

function weekdayRules(text: string, freq: Frequency): WeekdayRule[] {
  return text.split(',').map((item) => {
    const match = /^([+-]?[0-9]{1,2})?([A-Z]{2})$/.exec(item);
    if (!match) return fail(`BYDAY takes days such as MO or 2TU, not "${item}".`);
    const day = weekday('BYDAY', match[2] as string);
    if (match[1] === undefined) return { weekday: day };
    if (freq !== 'MONTHLY' && freq !== 'YEARLY') {
      fail(`BYDAY=${item}: a numbered weekday needs FREQ=MONTHLY or FREQ=YEARLY.`);
    }
    return {
      weekday: day,
      nth: wholeNumber(
        'BYDAY',
        match[1],
        freq === 'MONTHLY' ? -5 : -53,
        freq === 'MONTHLY' ? 5 : 53,
      ),
    };
  });
}

function until(text: string): RepeatUntil {
  const match =
    /^([0-9]{4})([0-9]{2})([0-9]{2})(?:T([01][0-9]|2[0-3])([0-5][0-9])([0-5][0-9])Z)?$/.exec(text);
  const date = match ? `${match[1]}-${match[2]}-${match[3]}` : '';
  if (!match || !isCalendarDate(date)) {
    fail(
      `UNTIL must be a date such as 20261231 or a UTC time such as 20261231T170000Z, not "${text}".`,
    );
  }
  const [, , , , hour, minute, second] = match as RegExpExecArray;
  return hour === undefined ? { date } : { instant: `${date}T${hour}:${minute}:${second}Z` };
}

/** Reads an RRULE (with or without the `RRULE:` prefix, in any case and order of parts). */
export function parseRepeatRule(text: string): RepeatRule {
  if (text.length > LIMITS.repeatRule)
    fail(`A repeat rule has at most ${LIMITS.repeatRule} characters.`);
  const body = text
    .trim()
    .toUpperCase()
    .replace(/^RRULE:/, '');
  if (body === '') fail('The repeat rule is empty; use null for a to-do that does not repeat.');
  const parts = new Map<string, string>();
  for (const part of body.split(';')) {
    const [name = '', value, ...rest] = part.split('=');
    if (value === undefined || value === '' || rest.length > 0)
      fail(`"${part}" is not a NAME=VALUE part.`);
    if (!SUPPORTED.includes(name)) {
      fail(
        `${name} is not supported; a repeat rule may use ${SUPPORTED.join(', ')} (the time of day comes from the due date).`,
      );
    }
    if (parts.has(name)) fail(`${name} appears twice.`);
    parts.set(name, value as string);
  }
  const freqText =
    parts.get('FREQ') ?? fail('A repeat rule starts with FREQ, such as FREQ=WEEKLY.');
  if (!(FREQUENCIES as readonly string[]).includes(freqText)) {
    fail(`FREQ must be ${FREQUENCIES.join(', ')}, not "${freqText}".`);
  }
  const freq = freqText as Frequency;
  const rule: RepeatRule = { freq, interval: 1 };
  const read = <T>(name: string, parse: (value: string) => T): T | undefined => {
    const value = parts.get(name);
    return value === undefined ? undefined : parse(value);
  };
  rule.interval =
    read('INTERVAL', (v) => wholeNumber('INTERVAL', v, 1, LIMITS.repeatIntervalMax)) ?? 1;
  const count = read('COUNT', (v) => wholeNumber('COUNT', v, 1, LIMITS.repeatCountMax));
  const end = read('UNTIL', until);
  if (count !== undefined && end !== undefined)
    fail('A repeat rule ends with COUNT or UNTIL, not both.');
  const byMonth = read('BYMONTH', (v) => numbers('BYMONTH', v, 1, 12));
  const byMonthDay = read('BYMONTHDAY', (v) => numbers('BYMONTHDAY', v, -31, 31));
  if (byMonthDay && freq === 'WEEKLY') fail('BYMONTHDAY cannot be used with FREQ=WEEKLY.');
  const byDay = read('BYDAY', (v) => weekdayRules(v, freq));
  const bySetPos = read('BYSETPOS', (v) => numbers('BYSETPOS', v, -366, 366));
  if (bySetPos && !byMonth && !byMonthDay && !byDay) {
    fail('BYSETPOS picks among the days of BYDAY, BYMONTHDAY or BYMONTH, so it needs one of them.');
  }
  const weekStart = read('WKST', (v) => weekday('WKST', v));
  return {
    ...rule,
    ...(count !== undefined && { count }),
    ...(end !== undefined && { until: end }),
    ...(byMonth && { byMonth }),
    ...(byMonthDay && { byMonthDay }),
    ...(byDay && { byDay }),
    ...(bySetPos && { bySetPos }),
    ...(weekStart && { weekStart }),
  };
}

const untilText = (end: RepeatUntil) =>
  'date' in end ? end.date.replaceAll('-', '') : end.instant.replace(/[-:]/g, '');

/** The rule in Hearth's canonical order: FREQ, INTERVAL, BYMONTH, BYMONTHDAY, BYDAY, BYSETPOS, WKST, COUNT or UNTIL. */
export function formatRepeatRule(rule: RepeatRule): string {
  const parts = [`FREQ=${rule.freq}`];
  if (rule.interval !== 1) parts.push(`INTERVAL=${rule.interval}`);
  if (rule.byMonth) parts.push(`BYMONTH=${rule.byMonth.join(',')}`);
  if (rule.byMonthDay) parts.push(`BYMONTHDAY=${rule.byMonthDay.join(',')}`);
  if (rule.byDay)
    parts.push(`BYDAY=${rule.byDay.map((d) => `${d.nth ?? ''}${d.weekday}`).join(',')}`);
  if (rule.bySetPos) parts.push(`BYSETPOS=${rule.bySetPos.join(',')}`);
  if (rule.weekStart) parts.push(`WKST=${rule.weekStart}`);
  if (rule.count !== undefined) parts.push(`COUNT=${rule.count}`);
  if (rule.until) parts.push(`UNTIL=${untilText(rule.until)}`);
  return parts.join(';');
}

const WEEKDAY = `(${WEEKDAYS.join('|')})`;
const listOf = (item: string) => `${item}(,${item})*`;

/**
 * Canonical rules, as firestore.rules checks them (the same text is in the rules file; a unit
 * test keeps the two equal). Written without backslashes so it reads the same in both.
 */
export const REPEAT_RULE_PATTERN = new RegExp(
  [
    `^FREQ=(${FREQUENCIES.join('|')})`,
    '(;INTERVAL=([2-9]|[1-9][0-9]{1,2}))?',
    `(;BYMONTH=${listOf('([1-9]|1[0-2])')})?`,
    `(;BYMONTHDAY=${listOf('-?([1-9]|[12][0-9]|3[01])')})?`,
    `(;BYDAY=${listOf(`(-?[1-9][0-9]?)?${WEEKDAY}`)})?`,
    `(;BYSETPOS=${listOf('-?[1-9][0-9]{0,2}')})?`,
    `(;WKST=${WEEKDAY})?`,
    '(;COUNT=[1-9][0-9]{0,2}|;UNTIL=[0-9]{8}(T[0-9]{6}Z)?)?$',
  ].join(''),
);

/** The canonical form of a rule as the writer gave it; throws RepeatRuleError. */
export const normalizeRepeatRule = (text: string) => formatRepeatRule(parseRepeatRule(text));
