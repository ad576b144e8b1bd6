import { describe, expect, it } from 'vitest';
import { describeRepeat } from './describeRepeat.js';
import { REPEAT_RULE_PATTERN, normalizeRepeatRule, parseRepeatRule } from './repeatRule.js';

describe('reading a repeat rule', () => {
  it.each([
    ['FREQ=WEEKLY;BYDAY=MO,WE', 'FREQ=WEEKLY;BYDAY=MO,WE'],
    ['FREQ=MONTHLY;BYMONTHDAY=-1', 'FREQ=MONTHLY;BYMONTHDAY=-1'],
    ['RRULE:freq=weekly;byday=we,mo;interval=2', 'FREQ=WEEKLY;INTERVAL=2;BYDAY=WE,MO'],
    ['BYDAY=+2TU;FREQ=MONTHLY', 'FREQ=MONTHLY;BYDAY=2TU'],
    ['FREQ=DAILY;INTERVAL=1;COUNT=5', 'FREQ=DAILY;COUNT=5'],
    ['FREQ=YEARLY;UNTIL=20301231T170000Z', 'FREQ=YEARLY;UNTIL=20301231T170000Z'],
    [
      'FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1;WKST=SU',
      'FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1;WKST=SU',
    ],
    ['FREQ=YEARLY;BYMONTHDAY=-1;BYMONTH=2', 'FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=-1'],
  ])('%s is %s', (text, canonical) => {
    expect(normalizeRepeatRule(text)).toBe(canonical);
    expect(canonical).toMatch(REPEAT_RULE_PATTERN);
  });

  it.each([
    ['', /empty/],
    ['WEEKLY', /NAME=VALUE/],
    ['BYDAY=MO', /starts with FREQ/],
    ['FREQ=HOURLY', /FREQ must be DAILY, WEEKLY, MONTHLY, YEARLY/],
    ['FREQ=DAILY;BYHOUR=9', /BYHOUR is not supported.*time of day comes from the due date/],
    ['FREQ=DAILY;FREQ=WEEKLY', /FREQ appears twice/],
    ['FREQ=DAILY;INTERVAL=0', /INTERVAL must be a whole number from 1 to 999/],
    ['FREQ=DAILY;INTERVAL=1.5', /INTERVAL must be a whole number/],
    ['FREQ=DAILY;COUNT=3;UNTIL=20301231', /COUNT or UNTIL, not both/],
    ['FREQ=DAILY;UNTIL=20260230', /UNTIL must be a date/],
    ['FREQ=DAILY;UNTIL=20261231T250000Z', /UNTIL must be a date/],
    ['FREQ=WEEKLY;BYDAY=MONDAY', /BYDAY takes days such as MO or 2TU/],
    ['FREQ=WEEKLY;BYDAY=2MO', /numbered weekday needs FREQ=MONTHLY or FREQ=YEARLY/],
    ['FREQ=MONTHLY;BYDAY=6MO', /BYDAY must be a whole number from -5 to -1 or 1 to 5/],
    ['FREQ=MONTHLY;BYMONTHDAY=0', /BYMONTHDAY must be a whole number from -31 to -1 or 1 to 31/],
    ['FREQ=MONTHLY;BYMONTHDAY=32', /BYMONTHDAY/],
    ['FREQ=WEEKLY;BYMONTHDAY=1', /BYMONTHDAY cannot be used with FREQ=WEEKLY/],
    ['FREQ=YEARLY;BYMONTH=13', /BYMONTH must be a whole number from 1 to 12/],
    ['FREQ=MONTHLY;BYSETPOS=1', /BYSETPOS .* needs one of them/],
    ['FREQ=WEEKLY;WKST=XX', /WKST takes days written MO/],
    [`FREQ=DAILY;${'BYMONTH=1;'.repeat(20)}`, /at most 200 characters/],
  ])('refuses %j', (text, message) => {
    expect(() => parseRepeatRule(text)).toThrow(message);
  });
});

describe('a repeat rule in words', () => {
  const words = (rule: string, date?: string) =>
    describeRepeat(parseRepeatRule(rule), date ? { date } : null);

  it.each([
    ['FREQ=DAILY', 'Every day'],
    ['FREQ=DAILY;INTERVAL=3', 'Every 3 days'],
    ['FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR', 'Every weekday'],
    ['FREQ=WEEKLY;BYDAY=MO,WE', 'Every week on Monday and Wednesday'],
    [
      'FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,WE,FR;COUNT=5',
      'Every 2 weeks on Monday, Wednesday and Friday, 5 times',
    ],
    ['FREQ=MONTHLY;BYMONTHDAY=1', 'Every month on the 1st'],
    ['FREQ=MONTHLY;BYMONTHDAY=-1', 'Every month on the last day'],
    ['FREQ=MONTHLY;BYMONTHDAY=-2', 'Every month on the 2nd to last day'],
    ['FREQ=MONTHLY;BYDAY=2TU', 'Every month on the 2nd Tuesday'],
    [
      'FREQ=MONTHLY;BYDAY=-1FR;UNTIL=20271231',
      'Every month on the last Friday, until 31 December 2027',
    ],
    ['FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=-1', 'Every year on the last day in February'],
    ['FREQ=DAILY;COUNT=1', 'Every day, once more'],
  ])('%s: %s', (rule, expected) => {
    expect(words(rule)).toBe(expected);
  });

  it('takes the day a rule without BY parts repeats from the due date', () => {
    expect(words('FREQ=MONTHLY', '2026-01-31')).toBe('Every month on the 31st');
    expect(words('FREQ=YEARLY', '2028-02-29')).toBe('Every year on 29 February');
    expect(words('FREQ=MONTHLY;INTERVAL=2', '2026-01-22')).toBe('Every 2 months on the 22nd');
    expect(words('FREQ=MONTHLY', '2026-01-11')).toBe('Every month on the 11th');
  });
});
