import type { Todo } from './entities';

export type TodoFilter = 'all' | 'active' | 'done';
export type TodoSort = 'order' | 'due' | 'priority';

export interface TodoQuery {
  filter: TodoFilter;
  sort: TodoSort;
  search: string;
}

function matchesFilter(todo: Todo, filter: TodoFilter): boolean {
  if (filter === 'active') return !todo.done;
  if (filter === 'done') return todo.done;
  return true;
}

/** Case-insensitive: every word must appear in the title or start one of the tags. */
function matchesSearch(todo: Todo, search: string): boolean {
  const words = search
    .toLowerCase()
    .split(/\s+/)
    .filter((word) => word !== '');
  const title = todo.title.toLowerCase();
  return words.every(
    (word) =>
      title.includes(word) || todo.tags.some((tag) => tag.startsWith(word.replace(/^#/, ''))),
  );
}

const byOrder = (a: Todo, b: Todo): number => a.order - b.order;

/** When a to-do is due, as text that sorts: its date, then its time; none sorts last. */
const dueKey = (todo: Todo): string =>
  todo.due ? `${todo.due.date} ${todo.due.time ?? ''}` : '\uffff';

/** Earliest due first; to-dos without a due date last. */
const byDue = (a: Todo, b: Todo): number => {
  const aDue = dueKey(a);
  const bDue = dueKey(b);
  return aDue === bDue ? byOrder(a, b) : aDue < bDue ? -1 : 1;
};

/** Highest priority first. */
const byPriority = (a: Todo, b: Todo): number => b.priority - a.priority || byOrder(a, b);

const COMPARATORS: Record<TodoSort, (a: Todo, b: Todo) => number> = {
  order: byOrder,
  due: byDue,
  priority: byPriority,
};

export function applyTodoQuery(todos: readonly Todo[], query: TodoQuery): Todo[] {
  return todos
    .filter((todo) => matchesFilter(todo, query.filter) && matchesSearch(todo, query.search))
    .sort(COMPARATORS[query.sort]);
}
