// Waiting for what the sign-up trigger makes, so tests start from a provisioned account.
import type { ListDoc, UserDoc } from '../../functions/src/model/index.js';
import { inboxListId, paths } from '../../functions/src/model/index.js';
import { adminDb } from './admin.js';
import { createUser, type TestUser } from './authUsers.js';
import { eventually } from './eventually.js';

export async function readProfile(uid: string): Promise<UserDoc | undefined> {
  return (await adminDb.doc(paths.user(uid)).get()).data() as UserDoc | undefined;
}

export async function readList(listId: string): Promise<ListDoc | undefined> {
  return (await adminDb.doc(paths.list(listId)).get()).data() as ListDoc | undefined;
}

/** The trigger's first run starts a Functions runtime, which takes long on a busy machine. */
export const PROVISIONING_TIMEOUT_MS = 45_000;

/** For tests that sign up new users: room for provisioning and a few cold callables. */
export const ACCOUNT_TEST_TIMEOUT_MS = 120_000;

/** A new user whose profile and Inbox the onUserCreated trigger has written. */
export async function provisionedUser(label?: string): Promise<TestUser> {
  const user = await createUser(label);
  await eventually(
    async () => Boolean((await readProfile(user.uid)) && (await readList(inboxListId(user.uid)))),
    (ready) => ready,
    { timeoutMs: PROVISIONING_TIMEOUT_MS },
  );
  return user;
}

/** A provisioned user and the id of the Inbox the trigger made them. */
export async function provisionedInbox(
  label?: string,
): Promise<{ user: TestUser; listId: string }> {
  const user = await provisionedUser(label);
  return { user, listId: inboxListId(user.uid) };
}
