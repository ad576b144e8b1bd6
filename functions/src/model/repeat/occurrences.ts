// When a repeating to-do is due next. The date math is rrule's; it runs on "floating" times
// (the wall-clock date and time written as if in UTC), so occurrences are counted on the
// calendar of the zone the due date was set in: 09:00 stays 09:00 across a DST change, and the
// instant is taken only afterwards (due.ts). rrule follows RFC 5545, so a monthly rule on the
// 31st skips months without one, and a yearly one on Feb 29 waits for a leap year.
//
// Not part of the model's entry point: rrule is 14 KB gzipped, so the web app imports this
// module (`@model/repeat/occurrences`) only where it needs it.
import * as rruleModule from 'rrule';
import type { Options, Weekday as RRuleWeekday } from 'rrule';
import { wallClockIn } from '../dates/calendarDate.js';
import { isTimed, type Due } from '../dates/due.js';
import { moveReminders } from '../dates/reminders.js';
import type { Reminder } from '../entities.js';
import {
  FREQUENCIES,
  WEEKDAYS,
  formatRepeatRule,
  parseRepeatRule,
  type RepeatRule,
} from './repeatRule.js';

// rrule ships CommonJS for Node, where its names sit behind `default`, and ES modules for bundlers.
const { RRule, Weekday } =
  (rruleModule as typeof rruleModule & { default?: typeof rruleModule }).default ?? rruleModule;

/** How far ahead to look for the next occurrence: a rule that picks Feb 29 waits up to 8 years. */
const HORIZON_YEARS = 30;

const FREQUENCY = {
  DAILY: RRule.DAILY,
  WEEKLY: RRule.WEEKLY,
  MONTHLY: RRule.MONTHLY,
  YEARLY: RRule.YEARLY,
} satisfies Record<(typeof FREQUENCIES)[number], number>;

const weekdayOf = (day: (typeof WEEKDAYS)[number], nth?: number): RRuleWeekday =>
  new Weekday(WEEKDAYS.indexOf(day), nth);

function floating(date: string, time = '00:00'): Date {
  return new Date(`${date}T${time}:00Z`);
}

function fromFloating(moment: Date): { date: string; time: string } {
  const iso = moment.toISOString();
  return { date: iso.slice(0, 10), time: iso.slice(11, 16) };
}

/** The last floating moment the rule allows, in the due date's zone. */
function untilOf(rule: RepeatRule, due: Due): Date | null {
  if (!rule.until) return null;
  if ('date' in rule.until) return floating(rule.until.date, '23:59');
  const local = wallClockIn(new Date(rule.until.instant), due.timeZone ?? 'UTC');
  return floating(local.date, local.time);
}

function recurrence(rule: RepeatRule, start: Date): InstanceType<typeof RRule> {
  const horizon = new Date(start);
  horizon.setUTCFullYear(horizon.getUTCFullYear() + HORIZON_YEARS);
  const options: Partial<Options> = {
    freq: FREQUENCY[rule.freq],
    interval: rule.interval,
    dtstart: start,
    until: horizon,
    bymonth: rule.byMonth ?? null,
    bymonthday: rule.byMonthDay ?? null,
    byweekday: rule.byDay?.map((day) => weekdayOf(day.weekday, day.nth)) ?? null,
    bysetpos: rule.bySetPos ?? null,
    wkst: rule.weekStart ? weekdayOf(rule.weekStart) : null,
  };
  return new RRule(options);
}

const withWallClock = (due: Due, moment: Date): Due => {
  const next = fromFloating(moment);
  return isTimed(due) ? { ...due, date: next.date, time: next.time } : { date: next.date };
};

/**
 * The occurrence after `due` by the rule, ignoring COUNT (which counts down as a to-do rolls
 * over); null when UNTIL has passed or the rule has no later day within 30 years.
 */
export function nextOccurrence(due: Due, rule: RepeatRule): Due | null {
  const current = floating(due.date, due.time);
  const next = recurrence(rule, current).after(current, false);
  const until = untilOf(rule, due);
  if (!next || (until && next > until)) return null;
  return withWallClock(due, next);
}

/** The first day on or after `from` that the rule picks (quick add's "every month on the 1st"). */
export function firstOccurrence(rule: RepeatRule, from: Due): Due | null {
  const start = floating(from.date, from.time);
  const first = recurrence(rule, start).after(start, true);
  return first && withWallClock(from, first);
}

/** What a repeating to-do's schedule is: the fields completing it changes. */
export interface Schedule {
  due: Due;
  repeat: string;
  reminders: Reminder[];
}

/**
 * The schedule after completing the current occurrence: the next due date, the rule with one
 * occurrence fewer when it has a COUNT, the reminders moved along. Null when this was the last
 * occurrence, and the to-do is done for good.
 */
export function rollOver(schedule: Schedule): Schedule | null {
  const rule = parseRepeatRule(schedule.repeat);
  if (rule.count === 1) return null;
  const due = nextOccurrence(schedule.due, rule);
  if (!due) return null;
  const rest = rule.count === undefined ? rule : { ...rule, count: rule.count - 1 };
  return {
    due,
    repeat: formatRepeatRule(rest),
    reminders: moveReminders(schedule.reminders, schedule.due, due),
  };
}
