import type {
  CALLABLES,
  ClaimUsernameInput,
  ExportMyDataResult,
  InviteMemberInput,
  LeaveListInput,
  ListMembersInput,
  ListMembersResult,
  RemoveMemberInput,
  SetMemberRoleInput,
} from '@model';
import type { AccountGateway } from '../ports';
import { loadFunctions } from './lazy';

type Callable = keyof typeof CALLABLES;

/** The Functions SDK ends a function's message with the HTTP status, as in "... [404]". */
const HTTP_STATUS_SUFFIX = / \[\d{3}\]$/;

/**
 * The callable functions; their inputs are validated again on the server. The Functions SDK loads
 * with the first call.
 */
export function createAccountGateway(loadCallables = loadFunctions): AccountGateway {
  const call = async <In, Out>(name: Callable, input: In): Promise<Out> => {
    const { functions, httpsCallable, CALLABLES: names } = await loadCallables();
    try {
      return (await httpsCallable<In, Out>(functions, names[name])(input)).data;
    } catch (error) {
      // People read the function's own words (describeError shows them); the status is noise.
      if (error instanceof Error) error.message = error.message.replace(HTTP_STATUS_SUFFIX, '');
      throw error;
    }
  };
  return {
    async claimUsername(username) {
      await call<ClaimUsernameInput, unknown>('claimUsername', { username });
    },
    async inviteMember(listId, username, role) {
      await call<InviteMemberInput, unknown>('inviteMember', { listId, username, role });
    },
    async setMemberRole(listId, uid, role) {
      await call<SetMemberRoleInput, unknown>('setMemberRole', { listId, uid, role });
    },
    async removeMember(listId, uid) {
      await call<RemoveMemberInput, unknown>('removeMember', { listId, uid });
    },
    async leaveList(listId) {
      await call<LeaveListInput, unknown>('leaveList', { listId });
    },
    async listMembers(listId) {
      return (await call<ListMembersInput, ListMembersResult>('listMembers', { listId })).members;
    },
    exportMyData: () => call<Record<string, never>, ExportMyDataResult>('exportMyData', {}),
    async deleteAccount() {
      await call<Record<string, never>, unknown>('deleteAccount', {});
    },
  };
}
