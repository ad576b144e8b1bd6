import { FieldValue } from 'firebase-admin/firestore';
import { db } from '../admin.js';
import { INBOX_TITLE, inboxListId, newListDoc, paths, type UserDoc } from '../model/index.js';
import { initialProfile, type NewAuthUser } from './initialProfile.js';

type Written<T> = { [K in keyof T]: T[K] extends { seconds: number } ? FieldValue : T[K] };

/**
 * Creates the profile and the Inbox of a new account. Both are written in one transaction that
 * first checks the profile: a redelivered sign-up event finds it and changes nothing, so an Inbox
 * the person has renamed or deleted since is left alone.
 */
export async function provisionUser(user: NewAuthUser): Promise<void> {
  const userRef = db.doc(paths.user(user.uid));
  const inboxRef = db.doc(paths.list(inboxListId(user.uid)));
  await db.runTransaction(async (tx) => {
    if ((await tx.get(userRef)).exists) return;
    const now = FieldValue.serverTimestamp();
    const profile: Written<UserDoc> = {
      ...initialProfile(user),
      username: null,
      createdAt: now,
      updatedAt: now,
    };
    const inbox = newListDoc(user.uid, { title: INBOX_TITLE, order: 0 }, now);
    tx.create(userRef, profile);
    tx.set(inboxRef, inbox);
  });
}
