import { FieldValue, type DocumentReference, type Transaction } from 'firebase-admin/firestore';
import { db } from '../admin.js';
import { AppError } from '../shared/errors.js';
import {
  paths,
  roleOf,
  type InviteMemberResult,
  type ListDoc,
  type ListMembersResult,
  type MemberRole,
  type UserDoc,
  type UsernameDoc,
} from '../model/index.js';
import {
  assertMember,
  assertOwner,
  withMember,
  withRole,
  withoutMember,
  type MembersUpdate,
} from './membership.js';
import { spreadMemberIds } from './todoMembers.js';

async function readList(tx: Transaction, ref: DocumentReference): Promise<ListDoc | undefined> {
  return (await tx.get(ref)).data() as ListDoc | undefined;
}

function writeMembers(tx: Transaction, ref: DocumentReference, update: MembersUpdate) {
  tx.update(ref, { ...update, updatedAt: FieldValue.serverTimestamp() });
}

export async function inviteMember(
  callerUid: string,
  input: { listId: string; username: string; role: MemberRole },
): Promise<InviteMemberResult> {
  const listRef = db.doc(paths.list(input.listId));
  const nameRef = db.doc(paths.username(input.username));
  const invited = await db.runTransaction(async (tx) => {
    const [listSnap, nameSnap] = await tx.getAll(listRef, nameRef);
    const list = listSnap?.data() as ListDoc | undefined;
    assertOwner(list, callerUid);
    const claim = nameSnap?.data() as UsernameDoc | undefined;
    if (!claim) throw new AppError('not-found', `Nobody has the username "${input.username}".`);
    writeMembers(tx, listRef, withMember(list, claim.uid, input.role));
    return { uid: claim.uid, username: input.username, role: input.role };
  });
  await spreadMemberIds(input.listId);
  return invited;
}

export async function setMemberRole(
  callerUid: string,
  input: { listId: string; uid: string; role: MemberRole },
): Promise<{ ok: true }> {
  const listRef = db.doc(paths.list(input.listId));
  await db.runTransaction(async (tx) => {
    const list = await readList(tx, listRef);
    assertOwner(list, callerUid);
    writeMembers(tx, listRef, withRole(list, input.uid, input.role));
  });
  return { ok: true };
}

/** Removing someone who is no longer a member succeeds: a retried call changes nothing. */
export async function removeMember(
  callerUid: string,
  input: { listId: string; uid: string },
): Promise<{ ok: true }> {
  const listRef = db.doc(paths.list(input.listId));
  await db.runTransaction(async (tx) => {
    const list = await readList(tx, listRef);
    assertOwner(list, callerUid);
    if (roleOf(list, input.uid) !== undefined)
      writeMembers(tx, listRef, withoutMember(list, input.uid));
  });
  await spreadMemberIds(input.listId);
  return { ok: true };
}

/** Leaving a list one is not (or no longer) a member of succeeds and reveals nothing. */
export async function leaveList(
  callerUid: string,
  input: { listId: string },
): Promise<{ ok: true }> {
  const listRef = db.doc(paths.list(input.listId));
  await db.runTransaction(async (tx) => {
    const list = await readList(tx, listRef);
    if (!list || roleOf(list, callerUid) === undefined) return;
    if (list.ownerId === callerUid) {
      throw new AppError(
        'failed-precondition',
        'You own this list, so you cannot leave it. You can delete it instead.',
      );
    }
    writeMembers(tx, listRef, withoutMember(list, callerUid));
  });
  await spreadMemberIds(input.listId);
  return { ok: true };
}

/** Who a list is shared with, with the names members may see of each other. */
export async function listMembers(
  callerUid: string,
  input: { listId: string },
): Promise<ListMembersResult> {
  const list = (await db.doc(paths.list(input.listId)).get()).data() as ListDoc | undefined;
  assertMember(list, callerUid);
  const uids = list.memberIds;
  const profiles = uids.length
    ? await db.getAll(...uids.map((uid) => db.doc(paths.user(uid))))
    : [];
  return {
    members: uids.map((uid, i) => {
      const profile = profiles[i]?.data() as UserDoc | undefined;
      return {
        uid,
        role: list.members[uid] ?? 'viewer',
        username: profile?.username ?? null,
        displayName: profile?.displayName ?? 'Former member',
      };
    }),
  };
}
