import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { canWrite, orderAfterLast, orderForMove, todoCreateSchema, todoUpdateSchema } from '@model';
import { useLiveQuery } from '@/composables/useLiveQuery';
import { applyTodoQuery, type TodoFilter, type TodoSort } from '@/domain/todoQuery';
import type { Todo, TodoDraft } from '@/domain/entities';
import { useServices } from '@/services/injection';
import { useAuthStore } from './auth';
import { useListsStore } from './lists';
import { useNoticesStore } from './notices';

/** The to-dos of the list on screen, live, with the person's filter, sort and search. */
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

  const all = computed(() => live.data.value);
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

  function showList(id: string | null): void {
    if (id === listId.value) return;
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
  function addTodo(draft: Partial<TodoDraft> & { title: string }): string {
    const uid = auth.uid;
    if (!uid) throw new Error('Sign in to add to-dos');
    const input = todoCreateSchema.parse(draft);
    const { id, written } = gateway.createTodo(
      requireList(),
      uid,
      input,
      orderAfterLast(all.value),
    );
    notices.track(written);
    return id;
  }

  function updateTodo(todoId: string, changes: Partial<TodoDraft>): void {
    notices.track(gateway.updateTodo(requireList(), todoId, todoUpdateSchema.parse(changes)));
  }

  function setDone(todoId: string, done: boolean): void {
    const todo = findTodo(todoId);
    if (todo) notices.track(gateway.setDone(todo, done));
  }

  function removeTodo(todoId: string): void {
    notices.track(gateway.deleteTodos(requireList(), [todoId]));
  }

  /** Deletes every completed to-do of the list; returns how many. */
  function clearCompleted(): number {
    const doneIds = all.value.filter((todo) => todo.done).map((todo) => todo.id);
    if (doneIds.length > 0) notices.track(gateway.deleteTodos(requireList(), doneIds));
    return doneIds.length;
  }

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
    openCount,
    doneCount,
    isFiltered,
    state: live.state,
    error: live.error,
    role,
    canEdit,
    canReorder,
    showList,
    findTodo,
    addTodo,
    updateTodo,
    setDone,
    removeTodo,
    clearCompleted,
    moveTodo,
    moveTodoBy,
  };
});
