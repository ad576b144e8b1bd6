import { describe, expect, it } from 'vitest';
import {
  describeDue,
  describeDueInFull,
  formatCalendarDate,
  repeatWords,
  viewDue,
  zoneCity,
  type DueLabel,
} from './dueLabels';

const LA = 'America/Los_Angeles';
const BERLIN = 'Europe/Berlin';
const KOLKATA = 'Asia/Kolkata';
const KIRITIMATI = 'Pacific/Kiritimati';

describe('a due date without a time', () => {
  const due = { date: '2026-12-10' };
  // 2026-12-09 20:00 in Los Angeles is already Dec 10 in Berlin and Dec 11 on Kiritimati.
  const now = new Date('2026-12-10T04:00:00Z');

  it.each([LA, BERLIN, KOLKATA, KIRITIMATI, 'UTC'])('reads Dec 10 in %s', (zone) => {
    expect(viewDue(due, zone)).toEqual({ date: '2026-12-10', time: null });
    expect(describeDue(due, now, zone).text).toMatch(
      /^(Due |Overdue · )(today|tomorrow|yesterday)$/,
    );
  });

  // At noon UTC it is already Dec 11 on Kiritimati (UTC+14).
  const noon = new Date('2026-12-10T12:00:00Z');
  it.each<[string, string, boolean, Date, Partial<DueLabel>]>([
    ['Due tomorrow', LA, false, now, { overdue: false, datetime: '2026-12-10' }],
    ['Due today', BERLIN, false, now, {}],
    ['Overdue · yesterday', KIRITIMATI, false, noon, { overdue: true }],
    ['Due yesterday', KIRITIMATI, true, noon, { overdue: false }],
  ])('is “%s” in %s (done: %s) by the viewer’s own calendar', (text, zone, done, at, label) => {
    expect(describeDue(due, at, zone, done)).toMatchObject({ text, ...label });
  });

  it('names a day further away by its date, with the year only when it is not this one', () => {
    expect(describeDue({ date: '2026-12-24' }, now, BERLIN).text).toBe('Due Dec 24');
    expect(describeDue({ date: '2027-01-05' }, now, BERLIN).text).toBe('Due Jan 5, 2027');
  });
});

describe('a due date with a time', () => {
  const due = { date: '2026-12-10', time: '09:00', timeZone: BERLIN };
  const now = new Date('2026-12-01T12:00:00Z');

  it('reads in the setter’s zone as it was set, without repeating the zone', () => {
    expect(describeDue(due, now, BERLIN).text).toBe('Due Dec 10, 09:00');
  });

  it('reads in the viewer’s zone, with the setter’s clock beside it', () => {
    expect(describeDue(due, now, LA)).toEqual({
      text: 'Due Dec 10, 00:00 (09:00 Berlin)',
      overdue: false,
      datetime: '2026-12-10T08:00:00.000Z',
    });
    expect(describeDue(due, now, KOLKATA).text).toBe('Due Dec 10, 13:30 (09:00 Berlin)');
  });

  it('gives the setter’s date too when the viewer’s day is another', () => {
    const evening = { date: '2026-12-10', time: '02:00', timeZone: BERLIN };
    expect(describeDue(evening, now, LA).text).toBe('Due Dec 9, 17:00 (Dec 10, 02:00 Berlin)');
  });

  it('is overdue once its instant has passed, even on the same day', () => {
    const later = new Date('2026-12-10T08:30:00Z');
    expect(describeDue(due, later, BERLIN)).toMatchObject({
      text: 'Overdue · today, 09:00',
      overdue: true,
    });
  });

  it('follows the setter’s zone across a DST change', () => {
    // 09:00 in Berlin is 08:00 UTC in winter and 07:00 UTC in summer.
    const summer = { date: '2027-07-01', time: '09:00', timeZone: BERLIN };
    expect(describeDue(summer, now, 'UTC').text).toBe('Due Jul 1, 2027, 07:00 (09:00 Berlin)');
  });
});

describe('words', () => {
  it('names a zone by its city', () => {
    expect(zoneCity('America/Los_Angeles')).toBe('Los Angeles');
    expect(zoneCity('America/Argentina/Buenos_Aires')).toBe('Buenos Aires');
    expect(zoneCity('UTC')).toBe('UTC');
  });

  it('formats a calendar date without moving it', () => {
    expect(formatCalendarDate('2028-02-29', '2028-01-01', { weekday: true })).toBe('Tue, Feb 29');
  });

  it('says a due date in full', () => {
    const now = new Date('2026-12-01T12:00:00Z');
    expect(describeDueInFull({ date: '2026-12-10' }, now, LA)).toBe('Thu, Dec 10, 2026');
    expect(
      describeDueInFull({ date: '2026-12-10', time: '09:00', timeZone: BERLIN }, now, LA),
    ).toBe('Thu, Dec 10, 2026 at 00:00 (09:00 Berlin)');
  });
});

describe('repeatWords', () => {
  it('says a rule in words, and nothing for none or one it cannot read', () => {
    expect(repeatWords('FREQ=WEEKLY;BYDAY=TH', { date: '2030-06-13' })).toMatch(/^every week/i);
    expect(repeatWords(null, null)).toBe('');
    expect(repeatWords('FREQ=SOMETIMES', null)).toBe('');
  });
});
