import { FieldValue } from 'firebase-admin/firestore';
import { db } from '../admin.js';
import { AppError } from '../shared/errors.js';
import { isAlreadyExists } from '../shared/firestoreErrors.js';
import { paths, type ClaimUsernameResult, type UserDoc, type UsernameDoc } from '../model/index.js';

const TAKEN = 'That username is taken. Please try another.';

/**
 * Gives `username` to `uid` and frees the name they had. One transaction reads the profile, the
 * wanted name and the old name, so of two people claiming the same name at once exactly one
 * wins; `create` (not `set`) on the name makes the loser fail even if both read it as free.
 */
export async function claimUsername(uid: string, username: string): Promise<ClaimUsernameResult> {
  const userRef = db.doc(paths.user(uid));
  const nameRef = db.doc(paths.username(username));
  try {
    await db.runTransaction(async (tx) => {
      const [userSnap, nameSnap] = await tx.getAll(userRef, nameRef);
      const profile = userSnap?.data() as UserDoc | undefined;
      if (!profile) {
        throw new AppError(
          'failed-precondition',
          'Your account is still being set up. Please try again in a moment.',
        );
      }
      const holder = nameSnap?.data() as UsernameDoc | undefined;
      if (holder && holder.uid !== uid) throw new AppError('already-exists', TAKEN);
      const oldRef =
        profile.username && profile.username !== username
          ? db.doc(paths.username(profile.username))
          : null;
      const oldHolder = oldRef
        ? ((await tx.get(oldRef)).data() as UsernameDoc | undefined)
        : undefined;

      if (!holder) tx.create(nameRef, { uid } satisfies UsernameDoc);
      if (oldRef && oldHolder?.uid === uid) tx.delete(oldRef);
      if (profile.username !== username)
        tx.update(userRef, { username, updatedAt: FieldValue.serverTimestamp() });
    });
  } catch (error) {
    if (isAlreadyExists(error)) throw new AppError('already-exists', TAKEN);
    throw error;
  }
  return { username };
}
