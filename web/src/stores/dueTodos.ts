import { defineStore } from 'pinia';
import { computed, onScopeDispose, ref } from 'vue';
import { todayIn } from '@model';
import { useLiveQuery } from '@/composables/useLiveQuery';
import { browserTimeZone } from '@/domain/dueLabels';
import {
  DUE_VIEWS,
  groupByDay,
  groupByList,
  inView,
  queryThrough,
  type DueView,
  type TodoGroup,
} from '@/domain/dueViews';
import type { Todo } from '@/domain/entities';
import { useServices } from '@/services/injection';
import { useAuthStore } from './auth';
import { useCrossListActions } from './crossListActions';
import { useListsStore } from './lists';
import { useTodosStore } from './todos';

/** How often the day is looked at again, so that the views move on at midnight. */
const CLOCK_MS = 60_000;

/**
 * Today, Upcoming and Overdue: the open dated to-dos of every list the person is in, live, on
 * the calendar of this browser's zone. Completing, editing and deleting go through the todos
 * store, so they offer the same Undo as on a list's page.
 */
export const useDueTodosStore = defineStore('dueTodos', () => {
  const { todos: gateway } = useServices();
  const auth = useAuthStore();
  const lists = useListsStore();
  const todos = useTodosStore();

  const timeZone = ref(browserTimeZone());
  const now = ref(new Date());
  const clock = setInterval(() => (now.value = new Date()), CLOCK_MS);
  onScopeDispose(() => clearInterval(clock));

  const today = computed(() => todayIn(timeZone.value, now.value));
  const query = computed(() =>
    auth.uid === null ? null : { uid: auth.uid, through: queryThrough(today.value) },
  );
  const live = useLiveQuery(
    () => query.value,
    ({ uid, through }, observer) => gateway.watchDueTodos(uid, through, observer),
    [] as Todo[],
  );

  /**
   * Only to-dos of lists the person has on screen: a list they have just been removed from goes
   * from the views with the list, before its to-dos' memberIds follow; and to-dos deleted here
   * are hidden while their Undo is offered.
   */
  const shown = computed(() =>
    live.data.value.filter(
      (todo) => lists.findList(todo.listId) !== null && !todos.awaitingRemoval.has(todo.id),
    ),
  );
  const byView = computed(
    () =>
      Object.fromEntries(
        DUE_VIEWS.map((view) => [view, inView(shown.value, view, today.value, timeZone.value)]),
      ) as Record<DueView, Todo[]>,
  );
  const counts = computed(
    () =>
      Object.fromEntries(DUE_VIEWS.map((view) => [view, byView.value[view].length])) as Record<
        DueView,
        number
      >,
  );

  /** Upcoming by day; Today and Overdue by list, in the sidebar's order. */
  function groupsOf(view: DueView): TodoGroup<Todo>[] {
    const members = byView.value[view];
    return view === 'upcoming'
      ? groupByDay(members, today.value, timeZone.value)
      : groupByList(members, lists.allLists);
  }

  return {
    timeZone,
    now,
    today,
    state: live.state,
    error: live.error,
    byView,
    counts,
    groupsOf,
    ...useCrossListActions(shown),
  };
});
