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

/** Text as search compares it: lower case, without accents ("Café" and "cafe" are alike). */
export function foldText(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/** The words of a search, folded; none for blank text. */
export function searchWords(search: string): string[] {
  return foldText(search)
    .split(/\s+/)
    .filter((word) => word !== '');
}

/**
 * Case- and accent-insensitive: every word must appear in the title, the notes or a step's
 * title, or start one of the tags ("#" before a word is optional).
 */
export function matchesSearch(
  todo: Pick<Todo, 'title' | 'notes' | 'tags' | 'subtasks'>,
  search: string,
): boolean {
  const words = searchWords(search);
  if (words.length === 0) return true;
  const text = foldText([todo.title, todo.notes, ...todo.subtasks.map((s) => s.title)].join('\n'));
  const tags = todo.tags.map(foldText);
  return words.every(
    (word) => text.includes(word) || tags.some((tag) => tag.startsWith(word.replace(/^#/, ''))),
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
