import { adminAuth } from '../admin.js';
import { purgeUser } from './purgeUser.js';
import { assertRecentSignIn } from './recentSignIn.js';

/** Deletes the person's data first, then the account, so a failure leaves them able to retry. */
export async function deleteAccount(
  uid: string,
  authTimeSeconds: number | undefined,
): Promise<{ ok: true }> {
  assertRecentSignIn(authTimeSeconds, Math.floor(Date.now() / 1000));
  await purgeUser(uid);
  await adminAuth.deleteUser(uid);
  return { ok: true };
}
