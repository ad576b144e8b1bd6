const relative = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });
const day = new Intl.DateTimeFormat('en-US', { month: 'short', day: 'numeric' });

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;

/** "just now", "5 minutes ago", "3 hours ago", "yesterday", then the day: "Dec 9". */
export function timeAgo(when: Date, now: Date): string {
  const ms = now.getTime() - when.getTime();
  if (ms < MINUTE_MS) return 'just now';
  if (ms < HOUR_MS) return relative.format(-Math.floor(ms / MINUTE_MS), 'minute');
  if (ms < 24 * HOUR_MS) return relative.format(-Math.floor(ms / HOUR_MS), 'hour');
  if (ms < 48 * HOUR_MS) return relative.format(-1, 'day');
  return day.format(when);
}
