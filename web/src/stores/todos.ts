import { defineStore } from 'pinia';
import { computed, onScopeDispose, ref } from 'vue';
import { canWrite, orderAfterLast, orderForMove, type ListCounts } from '@model';
import { useLiveQuery } from '@/composables/useLiveQuery';
import { countOf } from '@/domain/plural';
import { loadSchemas } from '@/domain/schemas';
import { applyTodoQuery, type TodoFilter, type TodoSort } from '@/domain/todoQuery';
import type { Todo, TodoDraft, TodoList } from '@/domain/entities';
import { useServices } from '@/services/injection';
import { useAuthStore } from './auth';
import { useListsStore } from './lists';
import { UNDO_LABEL, useNoticesStore } from './notices';

/** How long Undo is offered after completing or deleting. */
export const UNDO_MS = 6000;

const sameCounts = (a: ListCounts, b: ListCounts) => a.open === b.open && a.done === b.done;

/** What this device last showed for a list it left, and the server's counts at that moment. */
interface RememberedCounts {
  counts: ListCounts;
  serverCounts: ListCounts;
}

/**
 * The to-dos of the list on screen, live, with the person's filter, sort and search; deleting and
 * completing offer Undo.
 */
export const useTodosStore = defineStore('todos', () => {
  const { todos: gateway } = useServices();
  const auth = useAuthStore();
  const lists = useListsStore();
  const notices = useNoticesStore();

  const listId = ref<string | null>(null);
  const filter = ref<TodoFilter>('all');
  const sort = ref<TodoSort>('order');
  const search = ref('');
  const live = useLiveQuery(
    () => listId.value,
    (id, observer) => gateway.watchTodos(id, observer),
    [] as Todo[],
    { retryWhen: (failure, id) => lists.retryWhenConfirmed(failure, id) },
  );

  /**
   * To-dos deleted here whose deletion waits until its Undo is no longer offered. Deleting a to-do
   * also deletes its photos, files included (a trigger does), which no undo could bring back: so
   * the deletion itself waits, and meanwhile the to-do is hidden on this device only.
   */
  const awaitingRemoval = ref<ReadonlySet<string>>(new Set());
  /** Deletions to send at once when the page goes away before their Undo has gone. */
  const pendingRemovals = new Set<() => void>();
  const remembered = new Map<string, RememberedCounts>();

  const all = computed(() => live.data.value.filter((todo) => !awaitingRemoval.value.has(todo.id)));
  const visible = computed(() =>
    applyTodoQuery(all.value, { filter: filter.value, sort: sort.value, search: search.value }),
  );
  const openCount = computed(() => all.value.filter((todo) => !todo.done).length);
  const doneCount = computed(() => all.value.length - openCount.value);
  const isFiltered = computed(() => filter.value !== 'all' || search.value.trim() !== '');

  const role = computed(() => lists.roleIn(listId.value));
  const canEdit = computed(() => canWrite(role.value));
  /** Dragging means something only in the list's own order. */
  const canReorder = computed(() => canEdit.value && sort.value === 'order');

  /**
   * A list's open and done counts as shown everywhere on screen: for the list open here, from its
   * to-dos as this device has them (writes not yet confirmed and deletions awaiting Undo
   * included); for another list, the counts the server keeps, unless this device changed that
   * list and the server has not caught up since (offline, or the trigger still running).
   */
  function countsOf(list: TodoList): ListCounts {
    if (list.id === listId.value && live.state.value === 'ready')
      return { open: openCount.value, done: doneCount.value };
    const mine = remembered.get(list.id);
    return mine && sameCounts(mine.serverCounts, list.counts) ? mine.counts : list.counts;
  }

  function showList(id: string | null): void {
    if (id === listId.value) return;
    const leaving = lists.findList(listId.value);
    if (leaving && live.state.value === 'ready') {
      const counts = { open: openCount.value, done: doneCount.value };
      if (sameCounts(counts, leaving.counts)) remembered.delete(leaving.id);
      else remembered.set(leaving.id, { counts, serverCounts: leaving.counts });
    }
    listId.value = id;
    search.value = '';
  }

  function requireList(): string {
    if (listId.value === null) throw new Error('No list is open');
    return listId.value;
  }

  function findTodo(todoId: string): Todo | null {
    return all.value.find((todo) => todo.id === todoId) ?? null;
  }

  /** Adds a to-do at the end of the list; returns its id. Throws the schema's error on bad input. */
  async function addTodo(draft: Partial<TodoDraft> & { title: string }): Promise<string> {
    const uid = auth.uid;
    if (!uid) throw new Error('Sign in to add to-dos');
    const list = lists.findList(requireList());
    if (!list) throw new Error('The list is still loading');
    const { todoCreateSchema } = await loadSchemas();
    const input = todoCreateSchema.parse(draft);
    const { id, written } = gateway.createTodo(list, uid, input, orderAfterLast(all.value));
    notices.track(written);
    return id;
  }

  async function updateTodo(todoId: string, changes: Partial<TodoDraft>): Promise<void> {
    await updateTodoIn(requireList(), todoId, changes);
  }

  /** Changes a to-do of any list (the open one, or one shown in Today, Upcoming or Overdue). */
  async function updateTodoIn(
    listId: string,
    todoId: string,
    changes: Partial<TodoDraft>,
  ): Promise<void> {
    const { todoUpdateSchema } = await loadSchemas();
    notices.track(gateway.updateTodo(listId, todoId, todoUpdateSchema.parse(changes)));
  }

  /** Completing offers Undo, which opens the to-do again just as it was (completedAt null). */
  function setDone(todoId: string, done: boolean): void {
    const todo = findTodo(todoId);
    if (todo) setTodoDone(todo, done);
  }

  /** setDone for a to-do of any list, as this device last read it. */
  function setTodoDone(todo: Todo, done: boolean): void {
    notices.track(gateway.setDone(todo, done));
    if (!done) return;
    notices.notify(`Completed “${todo.title}”.`, {
      action: {
        label: UNDO_LABEL,
        run: () => notices.track(gateway.setDone({ ...todo, done: true }, false)),
      },
      duration: UNDO_MS,
    });
  }

  function setAwaitingRemoval(todoIds: readonly string[], awaiting: boolean): void {
    const next = new Set(awaitingRemoval.value);
    for (const todoId of todoIds) {
      if (awaiting) next.add(todoId);
      else next.delete(todoId);
    }
    awaitingRemoval.value = next;
  }

  /**
   * Hides the to-dos at once and offers Undo; they are deleted when Undo is no longer offered
   * (its time is up, it is dismissed, or the page goes away), or never, if Undo is taken.
   */
  function removeTodos(todoIds: readonly string[], message: string): void {
    removeTodosIn(requireList(), todoIds, message);
  }

  /** removeTodos for to-dos of any one list. */
  function removeTodosIn(id: string, todoIds: readonly string[], message: string): void {
    if (todoIds.length === 0) return;
    let settled = false;
    const settle = () => {
      const first = !settled;
      settled = true;
      pendingRemovals.delete(remove);
      return first;
    };
    function remove(): void {
      if (!settle()) return;
      // Hidden until the deletion has reached the local cache and the live list drops them.
      notices.track(
        gateway.deleteTodos(id, todoIds).finally(() => setAwaitingRemoval(todoIds, false)),
      );
    }
    setAwaitingRemoval(todoIds, true);
    pendingRemovals.add(remove);
    notices.notify(message, {
      action: {
        label: UNDO_LABEL,
        run: () => {
          if (!settle()) return;
          setAwaitingRemoval(todoIds, false);
          remembered.delete(id);
        },
      },
      duration: UNDO_MS,
      onExpire: remove,
    });
  }

  function removeTodo(todoId: string): void {
    const title = findTodo(todoId)?.title ?? 'the to-do';
    removeTodos([todoId], `Deleted “${title}”.`);
  }

  /** removeTodo for a to-do of any list. */
  function removeTodoIn(todo: Pick<Todo, 'listId' | 'id' | 'title'>): void {
    removeTodosIn(todo.listId, [todo.id], `Deleted “${todo.title}”.`);
  }

  /** Deletes every completed to-do of the list, with Undo; returns how many. */
  function clearCompleted(): number {
    const doneIds = all.value.filter((todo) => todo.done).map((todo) => todo.id);
    removeTodos(
      doneIds,
      `Cleared ${countOf(doneIds.length, { one: '# completed to-do', other: '# completed to-dos' })}.`,
    );
    return doneIds.length;
  }

  /** Sends every deletion still waiting for its Undo to go (the page is closing). */
  function flushRemovals(): void {
    for (const remove of [...pendingRemovals]) remove();
  }
  // The local cache keeps a deletion sent now, and syncs it when the app next runs.
  window.addEventListener('pagehide', flushRemovals);
  onScopeDispose(() => window.removeEventListener('pagehide', flushRemovals));

  /** Moves a to-do to another position of the visible list (drag and drop). */
  function moveTodo(todoId: string, toIndex: number): void {
    if (!canReorder.value) return;
    const from = visible.value.findIndex((todo) => todo.id === todoId);
    const order = orderForMove(visible.value, from, toIndex);
    if (order !== null) notices.track(gateway.updateTodo(requireList(), todoId, { order }));
  }

  /** Moves a to-do up (-1) or down (+1) among the visible ones (keyboard). */
  function moveTodoBy(todoId: string, offset: number): void {
    const from = visible.value.findIndex((todo) => todo.id === todoId);
    if (from >= 0) moveTodo(todoId, from + offset);
  }

  return {
    listId,
    filter,
    sort,
    search,
    all,
    visible,
    awaitingRemoval,
    openCount,
    doneCount,
    isFiltered,
    state: live.state,
    error: live.error,
    role,
    canEdit,
    canReorder,
    showList,
    countsOf,
    findTodo,
    addTodo,
    updateTodo,
    updateTodoIn,
    setDone,
    setTodoDone,
    removeTodo,
    removeTodoIn,
    clearCompleted,
    flushRemovals,
    moveTodo,
    moveTodoBy,
  };
});
