// Callable functions: their names, what each takes (checked by the function with these schemas)
// and what each returns.
import { z } from 'zod';
import type { AttachmentDoc, ListDoc, MemberRole, Role, TodoDoc, UserDoc } from './entities.js';
import { documentIdSchema, memberRoleSchema, usernameSchema } from './schemas/fields.js';

export const CALLABLES = {
  claimUsername: 'claimUsername',
  inviteMember: 'inviteMember',
  setMemberRole: 'setMemberRole',
  removeMember: 'removeMember',
  leaveList: 'leaveList',
  listMembers: 'listMembers',
  exportMyData: 'exportMyData',
  deleteAccount: 'deleteAccount',
} as const;

export const claimUsernameInput = z.strictObject({ username: usernameSchema });
export type ClaimUsernameInput = z.input<typeof claimUsernameInput>;
export interface ClaimUsernameResult {
  username: string;
}

export const inviteMemberInput = z.strictObject({
  listId: documentIdSchema,
  username: usernameSchema,
  role: memberRoleSchema,
});
export type InviteMemberInput = z.input<typeof inviteMemberInput>;
export interface InviteMemberResult {
  uid: string;
  username: string;
  role: MemberRole;
}

/** One member of one list, as the callables that manage members name them. */
const listMember = { listId: documentIdSchema, uid: documentIdSchema };

export const setMemberRoleInput = z.strictObject({ ...listMember, role: memberRoleSchema });
export type SetMemberRoleInput = z.input<typeof setMemberRoleInput>;

export const removeMemberInput = z.strictObject(listMember);
export type RemoveMemberInput = z.input<typeof removeMemberInput>;

export const leaveListInput = z.strictObject({ listId: documentIdSchema });
export type LeaveListInput = z.input<typeof leaveListInput>;

export const listMembersInput = z.strictObject({ listId: documentIdSchema });
export type ListMembersInput = z.input<typeof listMembersInput>;

/** A member as other members of the same list may see them. */
export interface MemberSummary {
  uid: string;
  role: Role;
  username: string | null;
  displayName: string;
}
export interface ListMembersResult {
  members: MemberSummary[];
}

/** Results of callables that only change state. */
export interface DoneResult {
  ok: true;
}

/** exportMyData(): everything about the caller, timestamps as ISO 8601 strings. */
export interface ExportedTodo extends TodoDoc<string> {
  id: string;
  attachments: Array<AttachmentDoc<string> & { id: string }>;
}
export interface ExportedList extends ListDoc<string> {
  id: string;
  role: Role;
  todos: ExportedTodo[];
}
export interface ExportMyDataResult {
  exportedAt: string;
  uid: string;
  profile: UserDoc<string> | null;
  lists: ExportedList[];
}
