import { reminderInstant, todayIn, wallClockIn, type Due, type Reminder } from '@model';
import { dayName } from './dueLabels';

/** Choices of "before the due time", in minutes, as the reminder picker offers them. */
export const BEFORE_CHOICES: ReadonlyArray<{ minutes: number; label: string }> = [
  { minutes: 0, label: 'At the due time' },
  { minutes: 5, label: '5 minutes before' },
  { minutes: 15, label: '15 minutes before' },
  { minutes: 30, label: '30 minutes before' },
  { minutes: 60, label: '1 hour before' },
  { minutes: 120, label: '2 hours before' },
  { minutes: 24 * 60, label: '1 day before' },
];

/** "30 minutes before", "2 days before", "At the due time". */
export function describeBefore(minutes: number): string {
  const known = BEFORE_CHOICES.find((choice) => choice.minutes === minutes);
  if (known) return known.label;
  const [amount, unit] =
    minutes % (24 * 60) === 0
      ? [minutes / (24 * 60), 'day']
      : minutes % 60 === 0
        ? [minutes / 60, 'hour']
        : [minutes, 'minute'];
  return `${amount} ${unit}${amount === 1 ? '' : 's'} before`;
}

/** When it fires, on the viewer's clock: "tomorrow, 08:30"; null when it cannot fire. */
export function reminderWhen(
  reminder: Reminder,
  due: Due | null,
  timeZone: string,
  now: Date,
): string | null {
  const instant = reminderInstant(reminder, due);
  if (!instant) return null;
  const here = wallClockIn(instant, timeZone);
  return `${dayName(here.date, todayIn(timeZone, now))}, ${here.time}`;
}

/** A reminder in words: "30 minutes before (tomorrow, 08:30)", "Dec 9, 18:00". */
export function describeReminder(
  reminder: Reminder,
  due: Due | null,
  timeZone: string,
  now: Date,
): string {
  const when = reminderWhen(reminder, due, timeZone, now);
  if ('at' in reminder) {
    const text = when ?? `${reminder.at.date}, ${reminder.at.time}`;
    return text.charAt(0).toUpperCase() + text.slice(1);
  }
  const before = describeBefore(reminder.before);
  return when ? `${before} (${when})` : `${before} (needs a due time)`;
}
