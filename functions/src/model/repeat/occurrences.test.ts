import { describe, expect, it } from 'vitest';
import { dueInstant, type Due } from '../dates/due.js';
import { firstOccurrence, nextOccurrence, rollOver } from './occurrences.js';
import { parseRepeatRule } from './repeatRule.js';

const next = (due: Due, rule: string) => nextOccurrence(due, parseRepeatRule(rule));
const iso = (due: Due | null) => (due ? dueInstant(due)?.toISOString() : null);

describe('the next occurrence after the current one', () => {
  it.each([
    ['daily', { date: '2026-12-31' }, 'FREQ=DAILY', '2027-01-01'],
    ['every 3 days', { date: '2026-02-27' }, 'FREQ=DAILY;INTERVAL=3', '2026-03-02'],
    [
      'weekly on Monday and Wednesday, from a Monday',
      { date: '2026-12-07' },
      'FREQ=WEEKLY;BYDAY=MO,WE',
      '2026-12-09',
    ],
    [
      'weekly on Monday and Wednesday, from a Wednesday',
      { date: '2026-12-09' },
      'FREQ=WEEKLY;BYDAY=MO,WE',
      '2026-12-14',
    ],
    [
      'every other week on Monday and Wednesday',
      { date: '2026-12-09' },
      'FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,WE',
      '2026-12-21',
    ],
    [
      'weekdays, from a Friday',
      { date: '2026-12-04' },
      'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR',
      '2026-12-07',
    ],
    [
      'weekly on a day the current date is not',
      { date: '2026-12-08' },
      'FREQ=WEEKLY;BYDAY=MO',
      '2026-12-14',
    ],
    [
      'the last day of the month, into February',
      { date: '2026-01-31' },
      'FREQ=MONTHLY;BYMONTHDAY=-1',
      '2026-02-28',
    ],
    [
      'the last day of the month, into a leap February',
      { date: '2028-01-31' },
      'FREQ=MONTHLY;BYMONTHDAY=-1',
      '2028-02-29',
    ],
    [
      'the 31st skips the months without one',
      { date: '2026-01-31' },
      'FREQ=MONTHLY;BYMONTHDAY=31',
      '2026-03-31',
    ],
    ['monthly from the 31st keeps the 31st', { date: '2026-03-31' }, 'FREQ=MONTHLY', '2026-05-31'],
    ['the 30th skips February', { date: '2026-01-30' }, 'FREQ=MONTHLY', '2026-03-30'],
    ['the second Tuesday', { date: '2026-12-08' }, 'FREQ=MONTHLY;BYDAY=2TU', '2027-01-12'],
    ['the last Friday', { date: '2026-12-25' }, 'FREQ=MONTHLY;BYDAY=-1FR', '2027-01-29'],
    [
      'the last weekday of the month',
      { date: '2026-01-30' },
      'FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1',
      '2026-02-27',
    ],
    ['yearly on Feb 29 waits for a leap year', { date: '2028-02-29' }, 'FREQ=YEARLY', '2032-02-29'],
    [
      'yearly on the last day of February',
      { date: '2028-02-29' },
      'FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=-1',
      '2029-02-28',
    ],
    ['yearly across a year end', { date: '2026-12-31' }, 'FREQ=YEARLY', '2027-12-31'],
  ])('%s', (_name, due, rule, expected) => {
    expect(next(due, rule)).toEqual({ date: expected });
  });

  it('ends after UNTIL (a date, inclusive)', () => {
    expect(next({ date: '2026-12-30' }, 'FREQ=DAILY;UNTIL=20261231')).toEqual({
      date: '2026-12-31',
    });
    expect(next({ date: '2026-12-31' }, 'FREQ=DAILY;UNTIL=20261231')).toBeNull();
  });

  it('compares UNTIL as a UTC time with the occurrence in its own zone', () => {
    // 09:00 in Kolkata is 03:30 UTC: an UNTIL of 03:00 UTC on Dec 5 ends the series on Dec 4.
    const due = { date: '2026-12-03', time: '09:00', timeZone: 'Asia/Kolkata' };
    expect(next(due, 'FREQ=DAILY;UNTIL=20261205T030000Z')?.date).toBe('2026-12-04');
    expect(next({ ...due, date: '2026-12-04' }, 'FREQ=DAILY;UNTIL=20261205T030000Z')).toBeNull();
  });

  it('has none for a rule that never happens again', () => {
    expect(next({ date: '2026-01-01' }, 'FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30')).toBeNull();
  });
});

describe('timed occurrences keep their wall-clock time in the zone they were set in', () => {
  it.each([
    // Los Angeles springs forward on 2026-03-08 and falls back on 2026-11-01.
    [
      'America/Los_Angeles',
      '2026-03-07',
      '09:00',
      '2026-03-07T17:00:00.000Z',
      '2026-03-08T16:00:00.000Z',
    ],
    [
      'America/Los_Angeles',
      '2026-10-31',
      '09:00',
      '2026-10-31T16:00:00.000Z',
      '2026-11-01T17:00:00.000Z',
    ],
    // Berlin springs forward on 2026-03-29 and falls back on 2026-10-25.
    [
      'Europe/Berlin',
      '2026-03-28',
      '09:00',
      '2026-03-28T08:00:00.000Z',
      '2026-03-29T07:00:00.000Z',
    ],
    [
      'Europe/Berlin',
      '2026-10-24',
      '09:00',
      '2026-10-24T07:00:00.000Z',
      '2026-10-25T08:00:00.000Z',
    ],
    // Kolkata (UTC+5:30) and Kiritimati (UTC+14) have no DST: the same instant of day every day.
    ['Asia/Kolkata', '2026-03-28', '09:00', '2026-03-28T03:30:00.000Z', '2026-03-29T03:30:00.000Z'],
    [
      'Pacific/Kiritimati',
      '2026-12-31',
      '09:00',
      '2026-12-30T19:00:00.000Z',
      '2026-12-31T19:00:00.000Z',
    ],
  ])('daily at %s', (timeZone, date, time, currentInstant, nextInstant) => {
    const due = { date, time, timeZone };
    const following = next(due, 'FREQ=DAILY');
    expect(iso(due)).toBe(currentInstant);
    expect(following?.time).toBe(time);
    expect(iso(following)).toBe(nextInstant);
  });

  it('reads a time the spring-forward night skips as the hour after the gap', () => {
    const due = { date: '2026-03-28', time: '02:30', timeZone: 'Europe/Berlin' };
    const following = next(due, 'FREQ=DAILY');
    expect(following).toEqual({ ...due, date: '2026-03-29' });
    expect(iso(following)).toBe('2026-03-29T01:30:00.000Z'); // 03:30 CEST
  });

  it('reads a time the fall-back night has twice as the first of the two', () => {
    const due = { date: '2026-10-31', time: '01:30', timeZone: 'America/Los_Angeles' };
    expect(iso(next(due, 'FREQ=DAILY'))).toBe('2026-11-01T08:30:00.000Z'); // 01:30 PDT
  });

  it('counts a month end in the setter’s zone, whatever the viewer’s', () => {
    const due = { date: '2026-01-31', time: '23:30', timeZone: 'Pacific/Kiritimati' };
    expect(next(due, 'FREQ=MONTHLY;BYMONTHDAY=-1')).toEqual({ ...due, date: '2026-02-28' });
  });
});

describe('the first occurrence on or after a day', () => {
  const rule = parseRepeatRule('FREQ=MONTHLY;BYMONTHDAY=1');

  it('is that day when the rule picks it', () => {
    expect(firstOccurrence(rule, { date: '2026-12-01' })).toEqual({ date: '2026-12-01' });
  });

  it('is the next day the rule picks', () => {
    expect(
      firstOccurrence(rule, { date: '2026-12-03', time: '09:00', timeZone: 'Europe/Berlin' }),
    ).toEqual({
      date: '2027-01-01',
      time: '09:00',
      timeZone: 'Europe/Berlin',
    });
  });
});

describe('rolling a repeating to-do over', () => {
  const reminders = [
    { id: 'r1', uid: 'u1', before: 30 },
    { id: 'r2', uid: 'u1', at: { date: '2026-12-06', time: '18:00', timeZone: 'Europe/Berlin' } },
  ];

  it('moves the due date and the reminders at a time by as many days', () => {
    const rolled = rollOver({ due: { date: '2026-12-07' }, repeat: 'FREQ=WEEKLY', reminders });
    expect(rolled).toEqual({
      due: { date: '2026-12-14' },
      repeat: 'FREQ=WEEKLY',
      reminders: [
        reminders[0],
        { ...reminders[1], at: { ...reminders[1]?.at, date: '2026-12-13' } },
      ],
    });
  });

  it('counts COUNT down, and ends with the last occurrence', () => {
    const second = rollOver({
      due: { date: '2026-12-07' },
      repeat: 'FREQ=DAILY;COUNT=2',
      reminders: [],
    });
    expect(second).toEqual({
      due: { date: '2026-12-08' },
      repeat: 'FREQ=DAILY;COUNT=1',
      reminders: [],
    });
    expect(rollOver({ ...second!, reminders: [] })).toBeNull();
  });

  it('ends when the next occurrence is past UNTIL', () => {
    expect(
      rollOver({
        due: { date: '2026-12-07' },
        repeat: 'FREQ=WEEKLY;UNTIL=20261213',
        reminders: [],
      }),
    ).toBeNull();
  });
});
