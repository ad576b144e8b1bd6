import { AppError } from '../shared/errors.js';
import { LIMITS, roleOf, type MemberRole, type Membership, type Role } from '../model/index.js';

export interface MembersUpdate {
  members: Record<string, Role>;
  memberIds: string[];
}

const NOT_VISIBLE = 'That list does not exist or is not shared with you.';

/** Strangers learn nothing about a list, not even that it exists. */
export function assertMember(
  list: Membership | undefined,
  uid: string,
): asserts list is Membership {
  if (roleOf(list, uid) === undefined) throw new AppError('not-found', NOT_VISIBLE);
}

export function assertOwner(list: Membership | undefined, uid: string): asserts list is Membership {
  assertMember(list, uid);
  if (list.ownerId !== uid) {
    throw new AppError(
      'permission-denied',
      "Only the list's owner can manage who it is shared with.",
    );
  }
}

/** `members` and `memberIds` always change together; memberIds lists the owner first. */
function update(members: Record<string, Role>, ownerId: string): MembersUpdate {
  const others = Object.keys(members)
    .filter((uid) => uid !== ownerId)
    .sort();
  return { members, memberIds: Object.hasOwn(members, ownerId) ? [ownerId, ...others] : others };
}

export function withMember(list: Membership, uid: string, role: MemberRole): MembersUpdate {
  if (uid === list.ownerId)
    throw new AppError('failed-precondition', 'The owner already has full access to this list.');
  const isNew = roleOf(list, uid) === undefined;
  if (isNew && Object.keys(list.members).length >= LIMITS.membersPerList) {
    throw new AppError(
      'resource-exhausted',
      `A list can be shared with at most ${LIMITS.membersPerList - 1} people.`,
    );
  }
  return update({ ...list.members, [uid]: role }, list.ownerId);
}

export function withRole(list: Membership, uid: string, role: MemberRole): MembersUpdate {
  if (uid === list.ownerId)
    throw new AppError('failed-precondition', "The owner's role cannot be changed.");
  if (roleOf(list, uid) === undefined)
    throw new AppError('not-found', 'That person is not a member of this list.');
  return update({ ...list.members, [uid]: role }, list.ownerId);
}

export function withoutMember(list: Membership, uid: string): MembersUpdate {
  if (uid === list.ownerId) {
    throw new AppError(
      'failed-precondition',
      'The owner cannot be removed from their list; delete the list instead.',
    );
  }
  const members = { ...list.members };
  delete members[uid];
  return update(members, list.ownerId);
}
