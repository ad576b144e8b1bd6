import { describe, expect, it } from 'vitest';
import { todayIn, type Due } from '@model';
import {
  dayTitle,
  groupByDay,
  groupByList,
  inView,
  isDueView,
  queryThrough,
  viewOf,
} from './dueViews';

const LA = 'America/Los_Angeles';
const KIRITIMATI = 'Pacific/Kiritimati';

// 2026-12-10 10:00 UTC: 02:00 on Dec 10 in Los Angeles (UTC-8), 00:00 on Dec 11 on Kiritimati
// (UTC+14): the two viewers are a day apart.
const now = new Date('2026-12-10T10:00:00Z');
const laToday = todayIn(LA, now);
const kiriToday = todayIn(KIRITIMATI, now);

interface T {
  id: string;
  listId: string;
  due: Due | null;
  order: number;
}
const todo = (id: string, due: Due | null, listId = 'home', order = 0): T => ({
  id,
  listId,
  due,
  order,
});
const ids = (todos: T[]) => todos.map((each) => each.id);

/** 09:00 in Berlin on Dec 10 is 08:00 UTC: Dec 10 in Los Angeles (00:00), Dec 10 on Kiritimati (22:00). */
const berlinMorning: Due = { date: '2026-12-10', time: '09:00', timeZone: 'Europe/Berlin' };
/** 23:30 on Dec 10 in Los Angeles is 07:30 UTC on Dec 11: Dec 11 21:30 on Kiritimati. */
const laLateEvening: Due = { date: '2026-12-10', time: '23:30', timeZone: LA };

const todos = [
  todo('dec9', { date: '2026-12-09' }),
  todo('dec10', { date: '2026-12-10' }, 'work'),
  todo('dec11', { date: '2026-12-11' }),
  todo('dec17', { date: '2026-12-17' }),
  todo('dec18', { date: '2026-12-18' }),
  todo('berlin', berlinMorning, 'work'),
  todo('laEvening', laLateEvening),
  todo('undated', null),
];

describe('the days of Today, Upcoming and Overdue', () => {
  it('knows the two viewers are a day apart', () => {
    expect([laToday, kiriToday]).toEqual(['2026-12-10', '2026-12-11']);
  });

  it('puts a dated to-do on its own day in both zones, each by their own today', () => {
    expect(viewOf({ date: '2026-12-10' }, laToday, LA)).toBe('today');
    expect(viewOf({ date: '2026-12-10' }, kiriToday, KIRITIMATI)).toBe('overdue');
    expect(viewOf({ date: '2026-12-11' }, laToday, LA)).toBe('upcoming');
    expect(viewOf({ date: '2026-12-11' }, kiriToday, KIRITIMATI)).toBe('today');
  });

  it('puts a timed to-do on the viewer’s day of its instant', () => {
    expect(viewOf(laLateEvening, laToday, LA)).toBe('today');
    // It is Dec 11, 21:30 on Kiritimati, which is their today.
    expect(viewOf(laLateEvening, kiriToday, KIRITIMATI)).toBe('today');
    expect(viewOf(berlinMorning, kiriToday, KIRITIMATI)).toBe('overdue');
  });

  it('ends Upcoming 7 days after today', () => {
    expect(viewOf({ date: '2026-12-17' }, laToday, LA)).toBe('upcoming');
    expect(viewOf({ date: '2026-12-18' }, laToday, LA)).toBeNull();
    expect(viewOf({ date: '2026-12-18' }, kiriToday, KIRITIMATI)).toBe('upcoming');
  });

  it('queries stored dates far enough ahead for any viewer', () => {
    expect(queryThrough('2026-12-10')).toBe('2026-12-19');
    expect(queryThrough('2026-12-28')).toBe('2027-01-06');
  });

  it('sorts each view by the viewer’s day, a day’s undated to-dos first, then by time', () => {
    expect(ids(inView(todos, 'today', laToday, LA))).toEqual(['dec10', 'berlin', 'laEvening']);
    expect(ids(inView(todos, 'overdue', laToday, LA))).toEqual(['dec9']);
    expect(ids(inView(todos, 'upcoming', laToday, LA))).toEqual(['dec11', 'dec17']);

    expect(ids(inView(todos, 'today', kiriToday, KIRITIMATI))).toEqual(['dec11', 'laEvening']);
    expect(ids(inView(todos, 'overdue', kiriToday, KIRITIMATI))).toEqual([
      'dec9',
      'dec10',
      'berlin',
    ]);
    expect(ids(inView(todos, 'upcoming', kiriToday, KIRITIMATI))).toEqual(['dec17', 'dec18']);
  });

  it('leaves to-dos without a due date out of every view', () => {
    for (const view of ['today', 'upcoming', 'overdue'] as const)
      expect(ids(inView(todos, view, laToday, LA))).not.toContain('undated');
  });

  it('orders a day’s undated to-dos by the list’s order', () => {
    const sameDay = [
      todo('b', { date: '2026-12-10' }, 'home', 2),
      todo('a', { date: '2026-12-10' }, 'home', 1),
    ];
    expect(ids(inView(sameDay, 'today', laToday, LA))).toEqual(['a', 'b']);
  });

  it('knows the names of the views', () => {
    expect(['today', 'upcoming', 'overdue'].every(isDueView)).toBe(true);
    expect(isDueView('someday')).toBe(false);
  });
});

describe('grouping', () => {
  it('groups Upcoming by the viewer’s day, with the day in words', () => {
    const upcoming = inView(todos, 'upcoming', kiriToday, KIRITIMATI);
    const groups = groupByDay(upcoming, kiriToday, KIRITIMATI);
    expect(groups.map(({ key, todos: members }) => [key, ids(members)])).toEqual([
      ['2026-12-17', ['dec17']],
      ['2026-12-18', ['dec18']],
    ]);
    expect(groups[0]?.title).toMatch(/Dec 17/);
  });

  it('groups a timed to-do under the viewer’s day, not the day it was set on', () => {
    const groups = groupByDay([todo('laEvening', laLateEvening)], kiriToday, KIRITIMATI);
    expect(groups.map((group) => group.key)).toEqual(['2026-12-11']);
  });

  it('names today, tomorrow and yesterday, and other days by weekday and date', () => {
    expect(dayTitle('2026-12-11', '2026-12-10')).toMatch(/^Tomorrow · Fri, Dec 11$/);
    expect(dayTitle('2026-12-10', '2026-12-10')).toMatch(/^Today · /);
    expect(dayTitle('2026-12-14', '2026-12-10')).toBe('Mon, Dec 14');
    expect(dayTitle('2027-01-04', '2026-12-30')).toBe('Mon, Jan 4, 2027');
  });

  it('groups Today and Overdue by list in the sidebar’s order, leaving out empty and unknown lists', () => {
    const today = inView(todos, 'today', laToday, LA);
    const lists = [
      { id: 'work', title: 'Work' },
      { id: 'empty', title: 'Empty' },
      { id: 'home', title: 'Home' },
    ];
    expect(groupByList(today, lists).map((group) => [group.title, ids(group.todos)])).toEqual([
      ['Work', ['dec10', 'berlin']],
      ['Home', ['laEvening']],
    ]);
    expect(groupByList(today, [{ id: 'home', title: 'Home' }]).map((g) => g.key)).toEqual(['home']);
  });
});
