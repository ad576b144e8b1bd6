// Google accounts through the Auth emulator's Google provider: the same provisioning and the same
// account deletion as email accounts, with the name and photo Google gives.
import { getAuth } from 'firebase/auth';
import { afterAll, describe, expect, it } from 'vitest';
import { inboxListId, paths } from '../../functions/src/model/index.js';
import { adminAuth, adminDb } from '../support/admin.js';
import { signInWithGoogle, type Client } from '../support/clients.js';
import { eventually } from '../support/eventually.js';
import {
  ACCOUNT_TEST_TIMEOUT_MS,
  PROVISIONING_TIMEOUT_MS,
  readList,
  readProfile,
} from '../support/profiles.js';

const clients: Client[] = [];
afterAll(() => Promise.all(clients.map((c) => c.close())));

const suffix = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

describe('signing in with Google', { timeout: ACCOUNT_TEST_TIMEOUT_MS }, () => {
  it('creates a Google account with the profile and Inbox, named as Google names them', async () => {
    const claims = {
      sub: `google-${suffix}-1`,
      email: `hedy.${suffix}@example.com`,
      name: 'Hedy Lamarr',
      picture: 'https://example.com/hedy.png',
    };
    const client = await signInWithGoogle(claims);
    clients.push(client);

    const account = await adminAuth.getUser(client.uid);
    expect(account.providerData.map((p) => p.providerId)).toEqual(['google.com']);
    expect(account.email).toBe(claims.email);

    const profile = await eventually(
      () => readProfile(client.uid),
      (p) => p !== undefined,
      { timeoutMs: PROVISIONING_TIMEOUT_MS },
    );
    expect(profile).toMatchObject({
      displayName: 'Hedy Lamarr',
      photoURL: 'https://example.com/hedy.png',
      username: null,
    });
    const inbox = await eventually(
      () => readList(inboxListId(client.uid)),
      (l) => l !== undefined,
      { timeoutMs: PROVISIONING_TIMEOUT_MS },
    );
    expect(inbox?.members).toEqual({ [client.uid]: 'owner' });
  });

  it('signs the same Google account in again without a second account or Inbox', async () => {
    const claims = { sub: `google-${suffix}-2`, email: `lise.${suffix}@example.com` };
    const first = await signInWithGoogle(claims);
    clients.push(first);
    await eventually(
      () => readList(inboxListId(first.uid)),
      (l) => l !== undefined,
      { timeoutMs: PROVISIONING_TIMEOUT_MS },
    );
    const again = await signInWithGoogle(claims);
    clients.push(again);
    expect(again.uid).toBe(first.uid);
    const owned = await adminDb.collection('lists').where('ownerId', '==', first.uid).get();
    expect(owned.docs.map((d) => d.id)).toEqual([inboxListId(first.uid)]);
  });

  it('deletes a freshly signed-in Google account and everything it owned', async () => {
    const client = await signInWithGoogle({
      sub: `google-${suffix}-3`,
      email: `emmy.${suffix}@example.com`,
    });
    clients.push(client);
    await eventually(
      () => readList(inboxListId(client.uid)),
      (l) => l !== undefined,
      { timeoutMs: PROVISIONING_TIMEOUT_MS },
    );
    expect(getAuth(client.app).currentUser?.uid).toBe(client.uid);

    expect(await client.call('deleteAccount')).toEqual({ ok: true });

    await expect(adminAuth.getUser(client.uid)).rejects.toMatchObject({
      code: 'auth/user-not-found',
    });
    expect((await adminDb.doc(paths.user(client.uid)).get()).exists).toBe(false);
    expect((await adminDb.doc(paths.list(inboxListId(client.uid))).get()).exists).toBe(false);
  });
});
