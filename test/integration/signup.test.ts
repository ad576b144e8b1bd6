// The onUserCreated trigger, through a real sign-up in the Auth emulator.
import { describe, expect, it } from 'vitest';
import { INBOX_TITLE, inboxListId } from '../../functions/src/model/index.js';
import { adminDb } from '../support/admin.js';
import { createUser } from '../support/authUsers.js';
import { eventually } from '../support/eventually.js';
import {
  ACCOUNT_TEST_TIMEOUT_MS,
  PROVISIONING_TIMEOUT_MS,
  readList,
  readProfile,
} from '../support/profiles.js';

describe('sign-up', { timeout: ACCOUNT_TEST_TIMEOUT_MS }, () => {
  it('creates the profile and an Inbox the new user owns', async () => {
    const user = await createUser('grace');
    const profile = await eventually(
      () => readProfile(user.uid),
      (p) => p !== undefined,
      { timeoutMs: PROVISIONING_TIMEOUT_MS },
    );
    expect(profile).toMatchObject({
      displayName: user.email.split('@')[0],
      username: null,
      photoURL: null,
    });
    expect(profile?.createdAt.toMillis()).toBeGreaterThan(0);

    const inbox = await eventually(
      () => readList(inboxListId(user.uid)),
      (l) => l !== undefined,
      { timeoutMs: PROVISIONING_TIMEOUT_MS },
    );
    expect(inbox).toMatchObject({
      title: INBOX_TITLE,
      ownerId: user.uid,
      members: { [user.uid]: 'owner' },
      memberIds: [user.uid],
      counts: { open: 0, done: 0 },
    });
  });

  it('gives each account exactly one Inbox', async () => {
    const user = await createUser('ada');
    await eventually(
      () => readList(inboxListId(user.uid)),
      (l) => l !== undefined,
      { timeoutMs: PROVISIONING_TIMEOUT_MS },
    );
    const lists = await adminDb.collection('lists').where('ownerId', '==', user.uid).get();
    expect(lists.docs.map((d) => d.id)).toEqual([inboxListId(user.uid)]);
  });
});
