import {
  inviteMemberInput,
  leaveListInput,
  listMembersInput,
  removeMemberInput,
  setMemberRoleInput,
} from '../model/index.js';
import { signedInCallable } from '../shared/callable.js';
import * as sharing from './sharing.js';

export const inviteMember = signedInCallable(inviteMemberInput, (uid, input) =>
  sharing.inviteMember(uid, input),
);
export const setMemberRole = signedInCallable(setMemberRoleInput, (uid, input) =>
  sharing.setMemberRole(uid, input),
);
export const removeMember = signedInCallable(removeMemberInput, (uid, input) =>
  sharing.removeMember(uid, input),
);
export const leaveList = signedInCallable(leaveListInput, (uid, input) =>
  sharing.leaveList(uid, input),
);
export const listMembers = signedInCallable(listMembersInput, (uid, input) =>
  sharing.listMembers(uid, input),
);
