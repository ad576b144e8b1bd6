import type { ListCounts } from '../model/index.js';

/** The part of a to-do the counts depend on; undefined when the document does not exist. */
export type CountedTodo = { done?: unknown } | undefined;

const bucketOf = (todo: CountedTodo): keyof ListCounts | undefined =>
  todo === undefined ? undefined : todo.done === true ? 'done' : 'open';

/** How one write (before → after) changes its list's counts. */
export function countsDelta(before: CountedTodo, after: CountedTodo): ListCounts {
  const delta = { open: 0, done: 0 };
  const from = bucketOf(before);
  const to = bucketOf(after);
  if (from) delta[from] -= 1;
  if (to) delta[to] += 1;
  return delta;
}

export const isZero = (delta: ListCounts) => delta.open === 0 && delta.done === 0;
