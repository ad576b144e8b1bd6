import { httpsCallable, type Functions } from 'firebase/functions';
import {
  CALLABLES,
  type ClaimUsernameInput,
  type ExportMyDataResult,
  type InviteMemberInput,
  type LeaveListInput,
  type ListMembersInput,
  type ListMembersResult,
  type RemoveMemberInput,
  type SetMemberRoleInput,
} from '@model';
import type { AccountGateway } from '../ports';

/** The callable functions; their inputs are validated again on the server. */
export function createAccountGateway(functions: Functions): AccountGateway {
  const call = async <In, Out>(name: string, input: In): Promise<Out> =>
    (await httpsCallable<In, Out>(functions, name)(input)).data;
  return {
    async claimUsername(username) {
      await call<ClaimUsernameInput, unknown>(CALLABLES.claimUsername, { username });
    },
    async inviteMember(listId, username, role) {
      await call<InviteMemberInput, unknown>(CALLABLES.inviteMember, { listId, username, role });
    },
    async setMemberRole(listId, uid, role) {
      await call<SetMemberRoleInput, unknown>(CALLABLES.setMemberRole, { listId, uid, role });
    },
    async removeMember(listId, uid) {
      await call<RemoveMemberInput, unknown>(CALLABLES.removeMember, { listId, uid });
    },
    async leaveList(listId) {
      await call<LeaveListInput, unknown>(CALLABLES.leaveList, { listId });
    },
    async listMembers(listId) {
      return (await call<ListMembersInput, ListMembersResult>(CALLABLES.listMembers, { listId }))
        .members;
    },
    exportMyData: () => call<Record<string, never>, ExportMyDataResult>(CALLABLES.exportMyData, {}),
    async deleteAccount() {
      await call<Record<string, never>, unknown>(CALLABLES.deleteAccount, {});
    },
  };
}
