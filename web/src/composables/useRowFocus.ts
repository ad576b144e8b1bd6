import type { Ref } from 'vue';

/**
 * Keyboard focus over the to-do rows (`[data-todo-id]`) under `root`, across their groups: what a
 * page of grouped rows (Today, Upcoming, Overdue, Search) offers its shortcuts.
 */
export function useRowFocus(root: Ref<HTMLElement | null>) {
  const rowIds = () =>
    Array.from(root.value?.querySelectorAll<HTMLElement>('[data-todo-id]') ?? []).map(
      (row) => row.dataset.todoId ?? '',
    );

  function focusedId(): string | null {
    const row = document.activeElement?.closest<HTMLElement>('[data-todo-id]');
    return row && root.value?.contains(row) ? (row.dataset.todoId ?? null) : null;
  }

  /** The focused row's to-do, else the first one. */
  function currentId(): string | null {
    return focusedId() ?? rowIds()[0] ?? null;
  }

  /** Moves the focus `offset` rows from the focused one, across the groups. */
  function focusBy(offset: number): void {
    const ids = rowIds();
    if (ids.length === 0) return;
    const from = ids.indexOf(focusedId() ?? '');
    const start = from < 0 ? (offset > 0 ? -1 : ids.length) : from;
    const id = ids[Math.max(0, Math.min(ids.length - 1, start + offset))];
    root.value?.querySelector<HTMLElement>(`[data-todo-id="${id}"] .todo__title`)?.focus();
  }

  /** Whether the to-do is the last row on the page. */
  const isLast = (todoId: string) => rowIds().at(-1) === todoId;

  return { currentId, focusBy, isLast };
}
