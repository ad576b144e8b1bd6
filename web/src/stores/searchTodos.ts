import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { useLiveQuery } from '@/composables/useLiveQuery';
import type { Todo } from '@/domain/entities';
import { countMatches, searchAcrossLists } from '@/domain/todoSearch';
import { useServices } from '@/services/injection';
import { useAuthStore } from './auth';
import { useCrossListActions } from './crossListActions';
import { useListsStore } from './lists';
import { useTodosStore } from './todos';

/**
 * Search across every list the person is in: their to-dos, open and done, live while the search
 * page is open (`open`) and not at all otherwise (`close`). Completing, editing and deleting go
 * through the todos store, with the same Undo as on a list's page.
 */
export const useSearchTodosStore = defineStore('searchTodos', () => {
  const { todos: gateway } = useServices();
  const auth = useAuthStore();
  const lists = useListsStore();
  const todos = useTodosStore();

  /** What is searched for; null while no search page is open, when nothing is loaded. */
  const text = ref<string | null>(null);
  const live = useLiveQuery(
    () => (text.value === null ? null : auth.uid),
    (uid, observer) => gateway.watchMyTodos(uid, observer),
    [] as Todo[],
  );

  /** As on Today: only lists the person has on screen, and not to-dos awaiting their Undo. */
  const shown = computed(() =>
    live.data.value.filter(
      (todo) => lists.findList(todo.listId) !== null && !todos.awaitingRemoval.has(todo.id),
    ),
  );
  const groups = computed(() => searchAcrossLists(shown.value, text.value ?? '', lists.allLists));
  const matchCount = computed(() => countMatches(groups.value));

  function open(search: string): void {
    text.value = search;
  }
  function close(): void {
    text.value = null;
  }

  return {
    text,
    state: live.state,
    error: live.error,
    groups,
    matchCount,
    open,
    close,
    ...useCrossListActions(shown),
  };
});
