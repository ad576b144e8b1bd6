// What a fired reminder says: the to-do's title, and when it is due in the zone it was set in.
import type { Due } from '../model/index.js';

const dayFormat = new Intl.DateTimeFormat('en-US', {
  weekday: 'short',
  month: 'short',
  day: 'numeric',
  timeZone: 'UTC',
});

/** "Due Thu, Dec 10", "Due Thu, Dec 10 at 09:00 (Europe/Berlin)", "Reminder" without a due date. */
export function reminderBody(due: Due | null | undefined): string {
  if (!due) return 'Reminder';
  const [year, month, day] = due.date.split('-').map(Number) as [number, number, number];
  const date = dayFormat.format(new Date(Date.UTC(year, month - 1, day)));
  return due.time && due.timeZone ? `Due ${date} at ${due.time} (${due.timeZone})` : `Due ${date}`;
}
