/** Due dates are days: a date input's "YYYY-MM-DD" is the start of that day in local time. */
export function toDateInputValue(date: Date | null): string {
  if (date === null) return '';
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

export function fromDateInputValue(value: string): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return null;
  const date = new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  return Number.isNaN(date.getTime()) ? null : date;
}

export interface DueLabel {
  text: string;
  overdue: boolean;
}

const DAY_MS = 24 * 60 * 60 * 1000;

function startOfDay(date: Date): number {
  return new Date(date.getFullYear(), date.getMonth(), date.getDate()).getTime();
}

/** "Due today", "Due tomorrow", "Overdue · 3 Nov", "Due 30 Nov" relative to `now`. */
export function describeDue(dueAt: Date, now: Date, done = false): DueLabel {
  const days = Math.round((startOfDay(dueAt) - startOfDay(now)) / DAY_MS);
  const sameYear = dueAt.getFullYear() === now.getFullYear();
  const date = dueAt.toLocaleDateString(undefined, {
    day: 'numeric',
    month: 'short',
    ...(sameYear ? {} : { year: 'numeric' }),
  });
  if (days === 0) return { text: 'Due today', overdue: false };
  if (days === 1) return { text: 'Due tomorrow', overdue: false };
  if (days < 0 && !done) return { text: `Overdue · ${date}`, overdue: true };
  return { text: `Due ${date}`, overdue: false };
}

export const PRIORITY_LABELS: readonly string[] = ['None', 'Low', 'Medium', 'High'];
