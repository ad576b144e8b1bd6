import { describe, expect, it } from 'vitest';
import { describeDue, fromDateInputValue, toDateInputValue } from './dueDates';

describe('date input values', () => {
  it('round-trips a local day', () => {
    const day = fromDateInputValue('2030-02-28');
    expect(day).toEqual(new Date(2030, 1, 28));
    expect(toDateInputValue(day)).toBe('2030-02-28');
  });
  it('reads an empty or malformed value as no date', () => {
    expect(fromDateInputValue('')).toBeNull();
    expect(fromDateInputValue('28/02/2030')).toBeNull();
    expect(toDateInputValue(null)).toBe('');
  });
});

describe('describeDue', () => {
  const now = new Date(2030, 5, 10, 15, 30);
  it('names today and tomorrow', () => {
    expect(describeDue(new Date(2030, 5, 10), now)).toEqual({ text: 'Due today', overdue: false });
    expect(describeDue(new Date(2030, 5, 11), now).text).toBe('Due tomorrow');
  });
  it('flags a past date as overdue unless the to-do is done', () => {
    expect(describeDue(new Date(2030, 5, 1), now).overdue).toBe(true);
    expect(describeDue(new Date(2030, 5, 1), now, true).overdue).toBe(false);
  });
  it('shows the year only for other years', () => {
    expect(describeDue(new Date(2031, 0, 5), now).text).toContain('2031');
    expect(describeDue(new Date(2030, 7, 5), now).text).not.toContain('2030');
  });
});
