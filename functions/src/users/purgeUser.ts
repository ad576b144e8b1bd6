import { FieldValue } from 'firebase-admin/firestore';
import { db } from '../admin.js';
import { COLLECTIONS, paths, type ListDoc } from '../model/index.js';
import { deleteList } from '../lists/deleteListContents.js';
import { withoutMember } from '../lists/membership.js';
import { spreadMemberIds } from '../lists/todoMembers.js';
import { deleteQuery } from '../shared/deleteQuery.js';

/** Leaves a list someone else owns, in a transaction so a concurrent invite is not lost. */
async function dropMembership(listId: string, uid: string): Promise<void> {
  const ref = db.doc(paths.list(listId));
  await db.runTransaction(async (tx) => {
    const list = (await tx.get(ref)).data() as ListDoc | undefined;
    if (!list || list.ownerId === uid || !Object.hasOwn(list.members, uid)) return;
    tx.update(ref, { ...withoutMember(list, uid), updatedAt: FieldValue.serverTimestamp() });
  });
}

/**
 * Removes everything a person owns: their lists with to-dos, attachments and files, their
 * username, their profile, and their memberships in other people's lists. Safe to run twice.
 */
export async function purgeUser(uid: string): Promise<void> {
  const lists = db.collection(COLLECTIONS.lists);
  const owned = await lists.where('ownerId', '==', uid).get();
  for (const list of owned.docs) await deleteList(list.id);
  const shared = await lists.where('memberIds', 'array-contains', uid).get();
  for (const list of shared.docs) {
    await dropMembership(list.id, uid);
    await spreadMemberIds(list.id);
  }
  await deleteQuery(db.collection(COLLECTIONS.usernames).where('uid', '==', uid));
  await db.doc(paths.user(uid)).delete();
}
