import { describe, expect, it } from 'vitest';
import {
  addDays,
  daysBetween,
  isCalendarDate,
  isTimeOfDay,
  todayIn,
  wallClockIn,
} from './calendarDate.js';
import { dueDateIn, dueInstant, dueView, instantOf } from './due.js';
import { moveReminders, reminderInstant } from './reminders.js';
import { isTimeZone } from './timeZones.js';

describe('calendar dates and times of day', () => {
  it.each(['2026-02-28', '2028-02-29', '2026-12-31', '2026-01-01'])('%s is a date', (text) => {
    expect(isCalendarDate(text)).toBe(true);
  });

  it.each([
    '2026-02-30',
    '2026-02-29',
    '2100-02-29',
    '2026-13-01',
    '2026-00-10',
    '2026-1-1',
    '26-01-01',
    '2026-01-01T00:00',
  ])('%s is not', (text) => {
    expect(isCalendarDate(text)).toBe(false);
  });

  it.each([
    ['00:00', true],
    ['23:59', true],
    ['9:00', false],
    ['24:00', false],
    ['12:60', false],
  ])('%s is a time of day: %s', (text, expected) => {
    expect(isTimeOfDay(text)).toBe(expected);
  });

  it('counts days across month ends and leap days', () => {
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(daysBetween('2026-01-31', '2026-03-31')).toBe(59);
    expect(daysBetween('2026-03-31', '2026-01-31')).toBe(-59);
  });
});

describe('time zones', () => {
  it.each([
    'America/Los_Angeles',
    'Europe/Berlin',
    'Asia/Kolkata',
    'Pacific/Kiritimati',
    'UTC',
    'America/Argentina/Buenos_Aires',
  ])('%s is one', (zone) => {
    expect(isTimeZone(zone)).toBe(true);
  });

  it.each([
    'Mars/Olympus',
    'Europe/Berlinn',
    'europe/berlin',
    '+05:30',
    'PST',
    '',
    'Europe/../etc',
  ])('%j is not', (zone) => {
    expect(isTimeZone(zone)).toBe(false);
  });
});

describe('the instant of a timed due date', () => {
  it.each([
    ['America/Los_Angeles', '2026-12-10', '09:00', '2026-12-10T17:00:00.000Z'],
    ['America/Los_Angeles', '2026-07-10', '09:00', '2026-07-10T16:00:00.000Z'],
    ['Europe/Berlin', '2026-12-10', '09:00', '2026-12-10T08:00:00.000Z'],
    ['Europe/Berlin', '2026-07-10', '09:00', '2026-07-10T07:00:00.000Z'],
    ['Asia/Kolkata', '2026-12-10', '09:00', '2026-12-10T03:30:00.000Z'],
    ['Pacific/Kiritimati', '2026-12-10', '09:00', '2026-12-09T19:00:00.000Z'],
  ])('%s %s %s', (timeZone, date, time, expected) => {
    expect(instantOf(date, time, timeZone).toISOString()).toBe(expected);
  });

  it('is none for a due date without a time', () => {
    expect(dueInstant({ date: '2026-12-10' })).toBeNull();
    expect(dueInstant(null)).toBeNull();
  });

  it('reads skipped and repeated wall-clock times as RFC 5545 does', () => {
    // Los Angeles skips 02:00-03:00 on 2026-03-08 and repeats 01:00-02:00 on 2026-11-01.
    expect(instantOf('2026-03-08', '02:30', 'America/Los_Angeles').toISOString()).toBe(
      '2026-03-08T10:30:00.000Z',
    );
    expect(instantOf('2026-11-01', '01:30', 'America/Los_Angeles').toISOString()).toBe(
      '2026-11-01T08:30:00.000Z',
    );
  });
});

describe('the day a viewer sees a to-do due', () => {
  it('is the same calendar day everywhere for a due date without a time', () => {
    const due = { date: '2026-12-10' };
    for (const zone of [
      'America/Los_Angeles',
      'Europe/Berlin',
      'Asia/Kolkata',
      'Pacific/Kiritimati',
    ]) {
      expect(dueDateIn(due, zone)).toBe('2026-12-10');
    }
  });

  it('is the day of the instant in the viewer’s zone for a timed one', () => {
    const due = { date: '2026-12-10', time: '08:00', timeZone: 'Europe/Berlin' }; // 07:00 UTC
    expect(dueDateIn(due, 'Europe/Berlin')).toBe('2026-12-10');
    expect(dueDateIn(due, 'America/Los_Angeles')).toBe('2026-12-09');
    expect(dueDateIn(due, 'Pacific/Kiritimati')).toBe('2026-12-10');
  });

  it('falls in overdue, today or upcoming by the viewer’s today', () => {
    const now = new Date('2026-12-10T07:30:00Z');
    const kiritimatiToday = todayIn('Pacific/Kiritimati', now);
    const losAngelesToday = todayIn('America/Los_Angeles', now);
    expect([kiritimatiToday, losAngelesToday]).toEqual(['2026-12-10', '2026-12-09']);
    const due = { date: '2026-12-10' };
    expect(dueView(due, kiritimatiToday, 'Pacific/Kiritimati')).toBe('today');
    expect(dueView(due, losAngelesToday, 'America/Los_Angeles')).toBe('upcoming');
    expect(dueView({ date: '2026-12-08' }, losAngelesToday, 'America/Los_Angeles')).toBe('overdue');
  });

  it('gives the wall clock of an instant', () => {
    expect(wallClockIn(new Date('2026-12-31T20:00:00Z'), 'Asia/Kolkata')).toEqual({
      date: '2027-01-01',
      time: '01:30',
    });
  });
});

describe('reminders', () => {
  const due = { date: '2026-03-29', time: '09:00', timeZone: 'Europe/Berlin' };

  it('fires minutes before a timed due date', () => {
    expect(reminderInstant({ id: 'a', uid: 'u', before: 30 }, due)?.toISOString()).toBe(
      '2026-03-29T06:30:00.000Z',
    );
  });

  it('fires at its own wall-clock time and zone', () => {
    const at = { date: '2026-03-28', time: '21:00', timeZone: 'Asia/Kolkata' };
    expect(reminderInstant({ id: 'a', uid: 'u', at }, null)?.toISOString()).toBe(
      '2026-03-28T15:30:00.000Z',
    );
  });

  it('does not fire "before" a due date that has no time', () => {
    expect(reminderInstant({ id: 'a', uid: 'u', before: 30 }, { date: '2026-03-29' })).toBeNull();
  });

  it('moves with the due date, keeping its wall-clock time over a DST change', () => {
    const at = { date: '2026-03-28', time: '21:00', timeZone: 'Europe/Berlin' };
    const [moved] = moveReminders(
      [{ id: 'a', uid: 'u', at }],
      { date: '2026-03-28' },
      { date: '2026-04-04' },
    );
    expect(moved).toEqual({ id: 'a', uid: 'u', at: { ...at, date: '2026-04-04' } });
    expect(reminderInstant(moved!, null)?.toISOString()).toBe('2026-04-04T19:00:00.000Z');
  });
});
