import {
  addDays,
  DUE_DATE_SPREAD_DAYS,
  DUE_VIEWS,
  dueDateIn,
  dueInstant,
  dueView,
  type Due,
  type DueView,
} from '@model';
import { dayName, formatCalendarDate } from './dueLabels';

/**
 * Today, Upcoming and Overdue across lists, as a viewer in `timeZone` sees them: a dated to-do
 * falls on its own day everywhere, a timed one on the viewer's day of its instant (the model's
 * dueView). Upcoming is the UPCOMING_DAYS days after today, as the REST API's view.
 */
export { DUE_VIEWS, type DueView };

export const UPCOMING_DAYS = 7;

export const isDueView = (name: unknown): name is DueView =>
  (DUE_VIEWS as readonly unknown[]).includes(name);

export const DUE_VIEW_TITLES: Record<DueView, string> = {
  today: 'Today',
  upcoming: 'Upcoming',
  overdue: 'Overdue',
};

/** What an empty view says. */
export const EMPTY_DUE_VIEWS: Record<DueView, { title: string; detail: string }> = {
  today: {
    title: 'Nothing due today',
    detail: 'To-dos of any list that are due today show here.',
  },
  upcoming: {
    title: `Nothing due in the next ${UPCOMING_DAYS} days`,
    detail: 'Give a to-do a due date and it shows here in the week before.',
  },
  overdue: { title: 'Nothing overdue', detail: 'You’re all caught up.' },
};

/**
 * The latest stored `due.date` any of the views can hold for a viewer whose date is `today`:
 * a stored date can be up to DUE_DATE_SPREAD_DAYS from the viewer's day of a timed to-do.
 */
export const queryThrough = (today: string) => addDays(today, UPCOMING_DAYS + DUE_DATE_SPREAD_DAYS);

/** The view a due date is in for the viewer, or null when it is after Upcoming's last day. */
export function viewOf(due: Due, today: string, timeZone: string): DueView | null {
  const view = dueView(due, today, timeZone);
  if (view !== 'upcoming') return view;
  return dueDateIn(due, timeZone) <= addDays(today, UPCOMING_DAYS) ? view : null;
}

interface Dated {
  due: Due | null;
  order: number;
}

/**
 * Earliest first: by the viewer's day, a day's undated to-dos before its timed ones (by their
 * instant), then the list's own order.
 */
export function byDue<T extends Dated>(todos: readonly T[], timeZone: string): T[] {
  const key = (todo: T) => {
    const due = todo.due as Due;
    return { date: dueDateIn(due, timeZone), at: dueInstant(due)?.getTime() ?? -Infinity };
  };
  return todos
    .map((todo) => ({ todo, ...key(todo) }))
    .sort((a, b) =>
      a.date !== b.date ? (a.date < b.date ? -1 : 1) : a.at - b.at || a.todo.order - b.todo.order,
    )
    .map(({ todo }) => todo);
}

/** The to-dos of one view, earliest first; to-dos without a due date are in none. */
export function inView<T extends Dated>(
  todos: readonly T[],
  view: DueView,
  today: string,
  timeZone: string,
): T[] {
  const dated = todos.filter((todo) => todo.due && viewOf(todo.due, today, timeZone) === view);
  return byDue(dated, timeZone);
}

export interface TodoGroup<T> {
  /** A date ('YYYY-MM-DD') or a list id. */
  key: string;
  title: string;
  todos: T[];
}

/** Upcoming by day ("Tomorrow · Sat, Dec 5"), in the order the to-dos come (byDue's). */
export function groupByDay<T extends Dated>(
  todos: readonly T[],
  today: string,
  timeZone: string,
): TodoGroup<T>[] {
  const groups = new Map<string, T[]>();
  for (const todo of todos) {
    const date = dueDateIn(todo.due as Due, timeZone);
    groups.set(date, [...(groups.get(date) ?? []), todo]);
  }
  return [...groups].map(([date, members]) => ({
    key: date,
    title: dayTitle(date, today),
    todos: members,
  }));
}

/** "Today", "Tomorrow · Sat, Dec 5", "Mon, Dec 7". */
export function dayTitle(date: string, today: string): string {
  const full = formatCalendarDate(date, today, { weekday: true });
  const name = dayName(date, today);
  if (name === 'today' || name === 'tomorrow' || name === 'yesterday')
    return `${name.charAt(0).toUpperCase()}${name.slice(1)} · ${full}`;
  return full;
}

/** Today and Overdue by list, in the order of `lists` (the sidebar's); to-dos keep their order. */
export function groupByList<T extends Dated & { listId: string }>(
  todos: readonly T[],
  lists: readonly { id: string; title: string }[],
): TodoGroup<T>[] {
  return lists
    .map((list) => ({
      key: list.id,
      title: list.title,
      todos: todos.filter((todo) => todo.listId === list.id),
    }))
    .filter((group) => group.todos.length > 0);
}
