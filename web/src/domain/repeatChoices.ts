import {
  formatRepeatRule,
  isCalendarDate,
  LIMITS,
  parseCalendarDate,
  parseRepeatRule,
  RepeatRuleError,
  WEEKDAYS,
  type Due,
  type RepeatRule,
  type Weekday,
} from '@model';

/**
 * The repeat editor's choices and the RFC 5545 rule they stand for, both ways. The editor offers
 * the common rules; a rule written elsewhere (the REST API) that it cannot show as choices is
 * kept as it is, as `custom`, until the person picks another.
 */
export const REPEAT_KINDS = [
  'never',
  'daily',
  'weekdays',
  'weekly',
  'monthly',
  'yearly',
  'custom',
] as const;
export type RepeatKind = (typeof REPEAT_KINDS)[number];

export type RepeatEnd = 'never' | 'count' | 'until';

export interface RepeatChoices {
  kind: RepeatKind;
  /** Every `interval` days, weeks, months or years. */
  interval: number;
  /** Weekly: the days it falls on; none means the due date's weekday. */
  weekdays: Weekday[];
  /** Monthly: a day of the month (1-31), or the last day. */
  monthDay: number | 'last';
  end: RepeatEnd;
  count: number;
  /** The last date, YYYY-MM-DD ('' until chosen). */
  until: string;
  /** The rule as stored, when it is `custom`. */
  custom: string | null;
}

const WORKWEEK: readonly Weekday[] = ['MO', 'TU', 'WE', 'TH', 'FR'];

export const WEEKDAY_NAMES: Record<Weekday, { short: string; long: string }> = {
  MO: { short: 'Mon', long: 'Monday' },
  TU: { short: 'Tue', long: 'Tuesday' },
  WE: { short: 'Wed', long: 'Wednesday' },
  TH: { short: 'Thu', long: 'Thursday' },
  FR: { short: 'Fri', long: 'Friday' },
  SA: { short: 'Sat', long: 'Saturday' },
  SU: { short: 'Sun', long: 'Sunday' },
};

export const UNIT_NAMES: Record<'daily' | 'weekly' | 'monthly' | 'yearly', [string, string]> = {
  daily: ['day', 'days'],
  weekly: ['week', 'weeks'],
  monthly: ['month', 'months'],
  yearly: ['year', 'years'],
};

/** The day of the month a rule without BYMONTHDAY repeats on: the due date's. */
const dueDay = (due: Due | null) => (due ? (parseCalendarDate(due.date)?.day ?? 1) : 1);

export function defaultChoices(due: Due | null): RepeatChoices {
  return {
    kind: 'never',
    interval: 1,
    weekdays: [],
    monthDay: dueDay(due),
    end: 'never',
    count: 10,
    until: '',
    custom: null,
  };
}

function kindOf(rule: RepeatRule): Exclude<RepeatKind, 'never' | 'custom'> | null {
  const { byMonth, byMonthDay, byDay, bySetPos, weekStart } = rule;
  if (byMonth || bySetPos || weekStart) return null;
  const plainDays = byDay?.every((day) => day.nth === undefined) ?? true;
  if (rule.freq === 'DAILY') return byDay || byMonthDay ? null : 'daily';
  if (rule.freq === 'WEEKLY') {
    if (!plainDays) return null;
    const days = byDay?.map((day) => day.weekday) ?? [];
    const workweek = days.length === 5 && WORKWEEK.every((day) => days.includes(day));
    return workweek && rule.interval === 1 ? 'weekdays' : 'weekly';
  }
  if (rule.freq === 'MONTHLY')
    return !byDay && (byMonthDay?.length ?? 1) === 1 && (byMonthDay?.[0] ?? 1) >= -1
      ? 'monthly'
      : null;
  return byDay || byMonthDay ? null : 'yearly';
}

/** The choices that show a stored rule (null: the to-do does not repeat). */
export function choicesOf(repeat: string | null, due: Due | null): RepeatChoices {
  const choices = defaultChoices(due);
  if (repeat === null) return choices;
  let rule: RepeatRule;
  try {
    rule = parseRepeatRule(repeat);
  } catch {
    return { ...choices, kind: 'custom', custom: repeat };
  }
  const kind = kindOf(rule);
  if (kind === null || (rule.until && 'instant' in rule.until))
    return { ...choices, kind: 'custom', custom: repeat };
  const monthDay = rule.byMonthDay?.[0];
  return {
    ...choices,
    kind,
    interval: rule.interval,
    weekdays: rule.byDay?.map((day) => day.weekday) ?? [],
    monthDay: monthDay === -1 ? 'last' : (monthDay ?? choices.monthDay),
    end: rule.count !== undefined ? 'count' : rule.until ? 'until' : 'never',
    count: rule.count ?? choices.count,
    until: rule.until && 'date' in rule.until ? rule.until.date : '',
  };
}

export class RepeatChoiceError extends Error {
  override name = 'RepeatChoiceError';
}

const wholeIn = (value: number, min: number, max: number) =>
  Number.isInteger(value) && value >= min && value <= max;

/**
 * The rule the choices make, in Hearth's canonical RRULE form; null for `never`. Throws
 * RepeatChoiceError with a message for people when a choice is out of range.
 */
export function ruleOf(choices: RepeatChoices, due: Due | null): string | null {
  if (choices.kind === 'never') return null;
  if (choices.kind === 'custom') return choices.custom;
  const unit = choices.kind === 'weekdays' ? 'weekly' : choices.kind;
  if (!wholeIn(choices.interval, 1, LIMITS.repeatIntervalMax)) {
    throw new RepeatChoiceError(
      `Repeat every 1 to ${LIMITS.repeatIntervalMax} ${UNIT_NAMES[unit][1]}.`,
    );
  }
  const rule: RepeatRule = {
    freq: ({ daily: 'DAILY', weekly: 'WEEKLY', monthly: 'MONTHLY', yearly: 'YEARLY' } as const)[
      unit
    ],
    interval: choices.kind === 'weekdays' ? 1 : choices.interval,
  };
  if (choices.kind === 'weekdays') rule.byDay = WORKWEEK.map((weekday) => ({ weekday }));
  if (choices.kind === 'weekly' && choices.weekdays.length > 0) {
    rule.byDay = WEEKDAYS.filter((day) => choices.weekdays.includes(day)).map((weekday) => ({
      weekday,
    }));
  }
  if (choices.kind === 'monthly') {
    if (choices.monthDay !== 'last' && !wholeIn(choices.monthDay, 1, 31))
      throw new RepeatChoiceError('Pick a day of the month from 1 to 31, or the last day.');
    rule.byMonthDay = [choices.monthDay === 'last' ? -1 : choices.monthDay];
  }
  if (choices.end === 'count') {
    if (!wholeIn(choices.count, 1, LIMITS.repeatCountMax))
      throw new RepeatChoiceError(`It can end after 1 to ${LIMITS.repeatCountMax} times.`);
    rule.count = choices.count;
  }
  if (choices.end === 'until') {
    if (!isCalendarDate(choices.until))
      throw new RepeatChoiceError('Pick the last date it repeats on, a day on the calendar.');
    if (due && choices.until < due.date)
      throw new RepeatChoiceError('The last date it repeats on is before its due date.');
    rule.until = { date: choices.until };
  }
  const text = formatRepeatRule(rule);
  // The model reads back what it is given: a rule it would refuse is never stored.
  try {
    parseRepeatRule(text);
  } catch (error) {
    if (error instanceof RepeatRuleError) throw new RepeatChoiceError(error.message);
    throw error;
  }
  return text;
}
