import { describe, expect, it } from 'vitest';
import type { Reminder } from '../model/index.js';
import { addedFirings, firingsOf, isStillDue, LATE_GRACE_MS } from './firings.js';

const due = { date: '2026-03-08', time: '09:00', timeZone: 'America/Los_Angeles' };
// 09:00 PDT on the day the clocks go forward in Los Angeles: 16:00 UTC (not 17:00 as in PST).
const dueAt = Date.UTC(2026, 2, 8, 16, 0);
const before30: Reminder = { id: 'r1', uid: 'ann', before: 30 };
const atBerlin: Reminder = {
  id: 'r2',
  uid: 'bob',
  at: { date: '2026-03-07', time: '20:00', timeZone: 'Europe/Berlin' },
};

describe('firingsOf', () => {
  it('gives each reminder of an open to-do its instant, in the zone it was set in', () => {
    expect(firingsOf({ done: false, due, reminders: [before30, atBerlin] })).toEqual([
      { reminderId: 'r1', uid: 'ann', at: dueAt - 30 * 60_000 },
      { reminderId: 'r2', uid: 'bob', at: Date.UTC(2026, 2, 7, 19, 0) },
    ]);
  });

  it('gives none for a done or deleted to-do, and skips "before" on a day without a time', () => {
    expect(firingsOf({ done: true, due, reminders: [before30] })).toEqual([]);
    expect(firingsOf(undefined)).toEqual([]);
    expect(firingsOf({ done: false, due: { date: '2026-03-08' }, reminders: [before30] })).toEqual(
      [],
    );
    expect(firingsOf({ done: false, due: null })).toEqual([]);
  });
});

describe('addedFirings', () => {
  const open = { done: false, due, reminders: [before30] };
  const now = dueAt - 60 * 60_000;

  it('is what a write added, not what was there already', () => {
    expect(addedFirings(undefined, open, now)).toHaveLength(1);
    expect(addedFirings(open, { ...open }, now)).toEqual([]);
    expect(addedFirings(open, { ...open, reminders: [before30, atBerlin] }, now)).toEqual([]);
  });

  it('reschedules a reminder whose due time moved, and one whose to-do was reopened', () => {
    const moved = { ...open, due: { ...due, time: '10:00' } };
    expect(addedFirings(open, moved, now)).toEqual([
      { reminderId: 'r1', uid: 'ann', at: dueAt + 30 * 60_000 },
    ]);
    expect(addedFirings({ ...open, done: true }, open, now)).toHaveLength(1);
  });

  it('leaves out firings already past, beyond a minute of grace', () => {
    const at = dueAt - 30 * 60_000;
    expect(addedFirings(undefined, open, at + LATE_GRACE_MS)).toHaveLength(1);
    expect(addedFirings(undefined, open, at + LATE_GRACE_MS + 1)).toEqual([]);
  });
});

describe('isStillDue', () => {
  const open = { done: false, due, reminders: [before30] };
  const [firing] = firingsOf(open);

  it('holds while the to-do is unchanged, and not once it is completed, moved or deleted', () => {
    expect(isStillDue({ ...open, title: 'renamed' } as typeof open, firing!)).toBe(true);
    expect(isStillDue({ ...open, done: true }, firing!)).toBe(false);
    expect(isStillDue({ ...open, due: { ...due, date: '2026-03-09' } }, firing!)).toBe(false);
    expect(isStillDue({ ...open, reminders: [] }, firing!)).toBe(false);
    expect(isStillDue(undefined, firing!)).toBe(false);
  });
});
