import type { TodoGroup } from './dueViews';
import type { Todo } from './entities';
import { matchesSearch, searchWords } from './todoQuery';

type Searchable = Pick<Todo, 'listId' | 'done' | 'order' | 'title' | 'notes' | 'tags' | 'subtasks'>;

/** Open to-dos first, then done ones; each in the list's own order. */
const openFirst = (a: Searchable, b: Searchable): number =>
  Number(a.done) - Number(b.done) || a.order - b.order;

/**
 * Search across lists: the to-dos that match `search` (as a list's own search matches: title,
 * notes, steps and tags), grouped by list in the order of `lists` (the sidebar's), open ones
 * before done ones. To-dos of a list not in `lists` are left out; blank text matches nothing.
 */
export function searchAcrossLists<T extends Searchable>(
  todos: readonly T[],
  search: string,
  lists: readonly { id: string; title: string }[],
): TodoGroup<T>[] {
  if (searchWords(search).length === 0) return [];
  const matching = todos.filter((todo) => matchesSearch(todo, search));
  return lists
    .map((list) => ({
      key: list.id,
      title: list.title,
      todos: matching.filter((todo) => todo.listId === list.id).sort(openFirst),
    }))
    .filter((group) => group.todos.length > 0);
}

/** How many to-dos the groups hold. */
export const countMatches = (groups: readonly TodoGroup<unknown>[]): number =>
  groups.reduce((sum, group) => sum + group.todos.length, 0);
