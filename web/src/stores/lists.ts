import { defineStore } from 'pinia';
import { computed, watch } from 'vue';
import { orderAfterLast, orderForMove, roleOf } from '@model';
import { useLiveQuery } from '@/composables/useLiveQuery';
import { codeOf } from '@/errors/describeError';
import type { Role, TodoList } from '@/domain/entities';
import { loadSchemas } from '@/domain/schemas';
import { useServices } from '@/services/injection';
import { useAuthStore } from './auth';
import { useNoticesStore } from './notices';

const byPosition = (a: TodoList, b: TodoList): number =>
  a.order - b.order || (a.createdAt?.getTime() ?? 0) - (b.createdAt?.getTime() ?? 0);

/** The lists the signed-in person belongs to, live. Only owners reorder, rename and delete. */
export const useListsStore = defineStore('lists', () => {
  const { lists: gateway } = useServices();
  const auth = useAuthStore();
  const notices = useNoticesStore();
  const live = useLiveQuery(
    () => auth.uid,
    (uid, observer) => gateway.watchMyLists(uid, observer),
    [] as TodoList[],
  );

  const ownLists = computed(() =>
    live.data.value.filter((list) => list.ownerId === auth.uid).sort(byPosition),
  );
  const sharedLists = computed(() =>
    live.data.value.filter((list) => list.ownerId !== auth.uid).sort(byPosition),
  );
  const allLists = computed(() => [...ownLists.value, ...sharedLists.value]);

  function findList(listId: string | null): TodoList | null {
    return allLists.value.find((list) => list.id === listId) ?? null;
  }

  /**
   * Resolves true once the server has confirmed the list (it is no longer only a local write of
   * this device), false as soon as the person does not hold it at all.
   */
  function whenConfirmed(listId: string): Promise<boolean> {
    const settled = (list: TodoList | null) => list === null || !list.pending;
    const now = findList(listId);
    if (settled(now)) return Promise.resolve(now !== null);
    return new Promise((resolve) => {
      const stop = watch(
        () => findList(listId),
        (list) => {
          if (!settled(list)) return;
          stop();
          resolve(list !== null);
        },
      );
    });
  }

  /**
   * For the watches of a list's contents (`useLiveQuery`'s retryWhen). A list created a moment
   * ago is in this device's cache before the server has it, and a watch of its to-dos or photos
   * can reach the server first: the rules, which read the list to find its members, refuse it and
   * the SDK ends the watch. Such a refusal is retried once the server has the list.
   */
  async function retryWhenConfirmed(failure: unknown, listId: string): Promise<boolean> {
    return codeOf(failure) === 'permission-denied' && whenConfirmed(listId);
  }

  function roleIn(listId: string | null): Role | null {
    const uid = auth.uid;
    const list = findList(listId);
    return uid && list ? (roleOf(list, uid) ?? null) : null;
  }

  /**
   * Returns the new list's id as soon as the title is checked: the list exists in the local cache
   * before the server sees it. Throws the schema's error on a bad title.
   */
  async function createList(title: string): Promise<string> {
    const uid = auth.uid;
    if (!uid) throw new Error('Sign in to create a list');
    const { listTitleSchema } = await loadSchemas();
    const { id, written } = gateway.createList(
      uid,
      listTitleSchema.parse(title),
      orderAfterLast(ownLists.value),
    );
    notices.track(written);
    return id;
  }

  async function renameList(listId: string, title: string): Promise<void> {
    const { listTitleSchema } = await loadSchemas();
    notices.track(gateway.renameList(listId, listTitleSchema.parse(title)));
  }

  function deleteList(listId: string): void {
    notices.track(gateway.deleteList(listId));
  }

  /** Moves one of the person's own lists to another position among their own lists. */
  function moveList(listId: string, toIndex: number): void {
    const from = ownLists.value.findIndex((list) => list.id === listId);
    const order = orderForMove(ownLists.value, from, toIndex);
    if (order !== null) notices.track(gateway.moveList(listId, order));
  }

  return {
    ownLists,
    sharedLists,
    allLists,
    state: live.state,
    error: live.error,
    findList,
    retryWhenConfirmed,
    roleIn,
    createList,
    renameList,
    deleteList,
    moveList,
  };
});
