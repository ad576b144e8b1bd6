import { describe, expect, it } from 'vitest';
import { reminderBody } from './notificationText.js';

describe('reminderBody', () => {
  it('says the calendar day as set, whatever zone the function runs in', () => {
    expect(reminderBody({ date: '2026-12-10' })).toBe('Due Thu, Dec 10');
    expect(reminderBody({ date: '2028-02-29' })).toBe('Due Tue, Feb 29');
  });

  it('adds the time and the zone it was set in', () => {
    expect(reminderBody({ date: '2026-12-10', time: '09:00', timeZone: 'Asia/Kolkata' })).toBe(
      'Due Thu, Dec 10 at 09:00 (Asia/Kolkata)',
    );
  });

  it('is a plain "Reminder" for a to-do without a due date', () => {
    expect(reminderBody(null)).toBe('Reminder');
  });
});
