import { describe, expect, it } from 'vitest';
import { chipsOf, shiftOffsets } from './quickAddChips';

describe('offsets of words kept as words', () => {
  it('move with an edit before them and stay put after one', () => {
    expect(shiftOffsets([9], 'Water it #garden', 'Water all of it #garden')).toEqual([16]);
    expect(shiftOffsets([0], '#a plants', '#a plants now')).toEqual([0]);
  });
  it('are forgotten when the edit reaches into them', () => {
    expect(shiftOffsets([9], 'Water it #garden', 'Water it')).toEqual([]);
  });
});

describe('chips', () => {
  const quick = {
    title: 'Pay rent',
    due: { date: '2027-01-01', time: '09:00', timeZone: 'Europe/Berlin' },
    repeat: 'FREQ=MONTHLY;BYMONTHDAY=1',
    tags: ['home'],
    priority: 3,
    spans: [
      { kind: 'repeat' as const, start: 9, end: 31, text: 'every month on the 1st' },
      { kind: 'due' as const, start: 32, end: 38, text: 'at 9am' },
      { kind: 'tag' as const, start: 39, end: 44, text: '#home' },
      { kind: 'priority' as const, start: 45, end: 47, text: '!1' },
    ],
  };

  it('come in the order date, time, repeat, tags, priority, with the words they came from', () => {
    expect(
      chipsOf(quick, true, '2026-12-03').map(({ kind, label, spanStart }) => [
        kind,
        label,
        spanStart,
      ]),
    ).toEqual([
      ['date', 'Fri, Jan 1, 2027', null],
      ['time', '09:00', 32],
      ['repeat', 'Every month on the 1st', 9],
      ['tag', '#home', 39],
      ['priority', 'High priority', 45],
    ]);
  });

  it('give the date the words of the due date when the words chose the day', () => {
    expect(chipsOf(quick, false, '2026-12-03')[0]?.spanStart).toBe(32);
  });
});
