import { describe, expect, it } from 'vitest';
import { parseQuickAdd } from './parseQuickAdd.js';

// Thursday 3 December 2026, 07:21 UTC: still Wednesday 2 December (23:21) in Los Angeles, 08:21 in
// Berlin, 12:51 in Kolkata, 21:21 in Kiritimati.
const now = new Date('2026-12-03T07:21:00Z');
const parse = (text: string, timeZone = 'Europe/Berlin', literal?: number[]) =>
  parseQuickAdd(text, { now, timeZone, ...(literal && { literal }) });

describe('quick add', () => {
  it('reads the example of the issue', () => {
    const result = parse('Pay rent every month on the 1st at 9am #home !1');
    expect(result).toMatchObject({
      title: 'Pay rent',
      repeat: 'FREQ=MONTHLY;BYMONTHDAY=1',
      due: { date: '2027-01-01', time: '09:00', timeZone: 'Europe/Berlin' },
      tags: ['home'],
      priority: 3,
    });
    expect(result.spans.map((span) => [span.kind, span.text])).toEqual([
      ['repeat', 'every month on the 1st'],
      ['due', 'at 9am'],
      ['tag', '#home'],
      ['priority', '!1'],
    ]);
  });

  it('leaves plain text alone', () => {
    expect(parse('Read 1984')).toEqual({
      title: 'Read 1984',
      due: null,
      repeat: null,
      tags: [],
      priority: 0,
      spans: [],
    });
  });

  it('does not read a lone month name as a date', () => {
    expect(parse('I may call Bob').due).toBeNull();
  });

  it('reads dates in the writer’s zone', () => {
    // Still 2 December in Los Angeles: "tomorrow" is the 3rd there, the 4th in Kiritimati.
    expect(parse('call mom tomorrow 5pm', 'America/Los_Angeles')).toMatchObject({
      title: 'call mom',
      due: { date: '2026-12-03', time: '17:00', timeZone: 'America/Los_Angeles' },
    });
    expect(parse('call mom tomorrow', 'Pacific/Kiritimati').due).toEqual({ date: '2026-12-04' });
    expect(parse('standup at 7', 'America/Los_Angeles').due).toEqual({
      date: '2026-12-03',
      time: '07:00',
      timeZone: 'America/Los_Angeles',
    });
  });

  it('drops the word that introduced a date from the title', () => {
    expect(parse('report by friday')).toMatchObject({
      title: 'report',
      due: { date: '2026-12-04' },
    });
  });

  it('starts a repeat on its first day from today', () => {
    expect(parse('water plants every monday')).toMatchObject({
      title: 'water plants',
      repeat: 'FREQ=WEEKLY;BYDAY=MO',
      due: { date: '2026-12-07' },
    });
    expect(parse('stretch every day')).toMatchObject({
      repeat: 'FREQ=DAILY',
      due: { date: '2026-12-03' },
    });
  });

  it('starts a timed repeat tomorrow when today’s time has passed', () => {
    expect(parse('stretch every day at 8am', 'Europe/Berlin').due).toEqual({
      date: '2026-12-04',
      time: '08:00',
      timeZone: 'Europe/Berlin',
    });
    expect(parse('stretch every day at 9am', 'Europe/Berlin').due?.date).toBe('2026-12-03');
    expect(parse('stretch every day at 9am', 'Pacific/Kiritimati').due?.date).toBe('2026-12-04');
  });

  it('reads weekdays, intervals and counts', () => {
    expect(parse('timesheet every weekday').repeat).toBe('FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR');
    expect(parse('review every 2 weeks').repeat).toBe('FREQ=WEEKLY;INTERVAL=2');
    expect(parse('pills every day for 5 times').repeat).toBe('FREQ=DAILY;COUNT=5');
    expect(parse('rent every month on the last day').repeat).toBe('FREQ=MONTHLY;BYMONTHDAY=-1');
  });

  it('keeps "every" when no rule follows', () => {
    expect(parse('thank everyone, every bit helps')).toMatchObject({
      repeat: null,
      title: 'thank everyone, every bit helps',
    });
  });

  it('maps !1 !2 !3 to High, Medium, Low and keeps other exclamations', () => {
    expect(parse('a !1').priority).toBe(3);
    expect(parse('a !2').priority).toBe(2);
    expect(parse('a !3').priority).toBe(1);
    expect(parse('wow! !4')).toMatchObject({ priority: 0, title: 'wow! !4' });
  });

  it('collects tags once each, and not inside words', () => {
    expect(parse('a #x #y #x b#z')).toMatchObject({ tags: ['x', 'y'], title: 'a #x b#z' });
  });

  it('leaves a span the person turned back into words in the title', () => {
    const first = parse('Buy milk tomorrow #home');
    const due = first.spans.find((span) => span.kind === 'due');
    expect(parse('Buy milk tomorrow #home', 'Europe/Berlin', [due!.start])).toMatchObject({
      title: 'Buy milk tomorrow',
      due: null,
      tags: ['home'],
    });
  });
});
