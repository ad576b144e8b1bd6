import { describe, expect, it } from 'vitest';
import { describeDue, toDateInputValue } from './dueDates';

describe('date input values', () => {
  it('are the due date itself, a calendar day, or empty for none', () => {
    const timed = { date: '2030-02-28', time: '09:00', timeZone: 'Asia/Kolkata' };
    expect(toDateInputValue(timed)).toBe('2030-02-28');
    expect(toDateInputValue(null)).toBe('');
  });
});

describe('describeDue', () => {
  const now = new Date(2030, 5, 10, 15, 30);
  it('names today and tomorrow', () => {
    expect(describeDue({ date: '2030-06-10' }, now)).toEqual({ text: 'Due today', overdue: false });
    expect(describeDue({ date: '2030-06-11' }, now).text).toBe('Due tomorrow');
  });
  it('flags a past date as overdue unless the to-do is done', () => {
    expect(describeDue({ date: '2030-06-01' }, now).overdue).toBe(true);
    expect(describeDue({ date: '2030-06-01' }, now, true).overdue).toBe(false);
  });
  it('gives a timed one its time on this device’s clock, overdue once the time has passed', () => {
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    const at = (time: string) => ({ date: '2030-06-10', time, timeZone: zone });
    expect(describeDue(at('16:45'), now)).toEqual({ text: 'Due today 16:45', overdue: false });
    expect(describeDue(at('09:00'), now)).toEqual({ text: 'Due today 09:00', overdue: true });
    expect(describeDue(at('09:00'), now, true).overdue).toBe(false);
    expect(describeDue({ ...at('08:15'), date: '2030-06-11' }, now).text).toBe(
      'Due tomorrow 08:15',
    );
  });
  it('shows the year only for other years', () => {
    expect(describeDue({ date: '2031-01-05' }, now).text).toContain('2031');
    expect(describeDue({ date: '2030-08-05' }, now).text).not.toContain('2030');
  });
});
