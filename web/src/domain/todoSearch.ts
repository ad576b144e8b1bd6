import type { TodoGroup } from './dueViews';
import type { Todo } from './entities';
import { foldText, matchesSearch, searchWords } from './todoQuery';

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

/** Characters kept on each side of the matched word in an excerpt. */
const EXCERPT_CONTEXT = 32;

/** Where `word` (folded) starts in `text` as folded, as an index into `text`; -1 if nowhere. */
function indexOfFolded(text: string, word: string): number {
  let folded = '';
  const starts: number[] = [];
  for (let i = 0; i < text.length;) {
    const char = String.fromCodePoint(text.codePointAt(i) ?? 0);
    for (const unit of foldText(char)) {
      folded += unit;
      starts.push(i);
    }
    i += char.length;
  }
  const at = folded.indexOf(word);
  return at < 0 ? -1 : (starts[at] ?? -1);
}

/** A line of `text` around index `at`, cut at word boundaries, with … where it was cut. */
function excerptAround(text: string, at: number, length: number): string {
  const start = Math.max(0, at - EXCERPT_CONTEXT);
  const end = Math.min(text.length, at + length + EXCERPT_CONTEXT);
  let excerpt = text.slice(start, end).replace(/\s+/g, ' ').trim();
  if (start > 0) excerpt = `…${excerpt.replace(/^\S*\s/, '')}`;
  if (end < text.length) excerpt = `${excerpt.replace(/\s\S*$/, '')}…`;
  return excerpt;
}

/**
 * Why a to-do matched, where its row does not show it: the words of the search found in its notes
 * or a step rather than its title or tags, as an excerpt of the notes ("…for the picnic on…") or
 * the step ("Step: Buy crème fraîche"). Null when the title and tags explain the match.
 */
export function matchExcerpt(
  todo: Pick<Todo, 'title' | 'notes' | 'tags' | 'subtasks'>,
  search: string,
): string | null {
  const title = foldText(todo.title);
  const tags = todo.tags.map(foldText);
  const hidden = searchWords(search).filter(
    (word) => !title.includes(word) && !tags.some((tag) => tag.startsWith(word.replace(/^#/, ''))),
  );
  for (const word of hidden) {
    const at = indexOfFolded(todo.notes, word);
    if (at >= 0) return excerptAround(todo.notes, at, word.length);
    const step = todo.subtasks.find((subtask) => foldText(subtask.title).includes(word));
    if (step) return `Step: ${step.title}`;
  }
  return null;
}
