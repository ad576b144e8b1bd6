import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { usernameSchema, type MemberRole, type MemberSummary, type Role } from '@model';
import { describeError } from '@/errors/describeError';
import { useServices } from '@/services/injection';
import { useAuthStore } from './auth';
import { useListsStore } from './lists';

export interface MemberRow {
  uid: string;
  role: Role;
  displayName: string;
  username: string | null;
  initial: string;
  isMe: boolean;
}

const ROLE_RANK: Record<Role, number> = { owner: 0, editor: 1, viewer: 2 };

/**
 * Members of the list being shared. Roles come live from the list document; names come from the
 * listMembers callable, since people cannot read each other's profiles directly.
 */
export const useSharingStore = defineStore('sharing', () => {
  const { account } = useServices();
  const auth = useAuthStore();
  const lists = useListsStore();

  const listId = ref<string | null>(null);
  const summaries = ref<MemberSummary[]>([]);
  const loadError = ref<string | null>(null);
  const loading = ref(false);

  const list = computed(() => lists.findList(listId.value));
  const isOwner = computed(() => list.value !== null && list.value.ownerId === auth.uid);
  const members = computed<MemberRow[]>(() => {
    const roles = list.value?.members ?? {};
    return Object.entries(roles)
      .map(([uid, role]) => {
        const summary = summaries.value.find((member) => member.uid === uid);
        const displayName = summary?.displayName || (uid === auth.uid ? 'You' : 'Member');
        return {
          uid,
          role,
          displayName,
          username: summary?.username ?? null,
          initial: displayName.charAt(0).toUpperCase(),
          isMe: uid === auth.uid,
        };
      })
      .sort(
        (a, b) =>
          ROLE_RANK[a.role] - ROLE_RANK[b.role] || a.displayName.localeCompare(b.displayName),
      );
  });

  function requireList(): string {
    if (listId.value === null) throw new Error('No list is being shared');
    return listId.value;
  }

  async function refresh(): Promise<void> {
    const id = requireList();
    loading.value = true;
    loadError.value = null;
    try {
      summaries.value = await account.listMembers(id);
    } catch (error) {
      loadError.value = describeError(error);
    } finally {
      loading.value = false;
    }
  }

  async function open(id: string): Promise<void> {
    listId.value = id;
    summaries.value = [];
    await refresh();
  }

  async function invite(username: string, role: MemberRole): Promise<void> {
    await account.inviteMember(requireList(), usernameSchema.parse(username), role);
    await refresh();
  }

  async function changeRole(uid: string, role: MemberRole): Promise<void> {
    await account.setMemberRole(requireList(), uid, role);
  }

  async function remove(uid: string): Promise<void> {
    await account.removeMember(requireList(), uid);
  }

  async function leave(): Promise<void> {
    await account.leaveList(requireList());
  }

  return {
    listId,
    list,
    isOwner,
    members,
    loading,
    loadError,
    open,
    refresh,
    invite,
    changeRole,
    remove,
    leave,
  };
});
