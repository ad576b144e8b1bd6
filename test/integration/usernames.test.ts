// claimUsername through the Functions emulator with real ID tokens.
import { afterAll, describe, expect, it } from 'vitest';
import { paths, type ClaimUsernameResult } from '../../functions/src/model/index.js';
import { adminDb } from '../support/admin.js';
import { anonymousClient, callError, signIn, type Client } from '../support/clients.js';
import { ACCOUNT_TEST_TIMEOUT_MS, provisionedUser, readProfile } from '../support/profiles.js';

const clients: Client[] = [];
async function signedInUser(label: string) {
  const user = await provisionedUser(label);
  const client = await signIn(user);
  clients.push(client);
  return { user, client };
}
afterAll(async () => {
  await Promise.all(clients.map((c) => c.close()));
});

const unique = (prefix: string) =>
  `${prefix}${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;
const holderOf = async (name: string) =>
  (await adminDb.doc(paths.username(name)).get()).data()?.uid as string | undefined;

describe('claimUsername', { timeout: ACCOUNT_TEST_TIMEOUT_MS }, () => {
  it('claims a free name for the caller and records it on the profile', async () => {
    const { user, client } = await signedInUser('claim');
    const name = unique('alice');
    const result = await client.call<ClaimUsernameResult>('claimUsername', {
      username: name.toUpperCase(),
    });
    expect(result).toEqual({ username: name });
    expect(await holderOf(name)).toBe(user.uid);
    expect((await readProfile(user.uid))?.username).toBe(name);
  });

  it('frees the old name when the caller changes it', async () => {
    const { user, client } = await signedInUser('rename');
    const first = unique('first');
    const second = unique('second');
    await client.call('claimUsername', { username: first });
    await client.call('claimUsername', { username: second });
    expect(await holderOf(first)).toBeUndefined();
    expect(await holderOf(second)).toBe(user.uid);
    expect((await readProfile(user.uid))?.username).toBe(second);
  });

  it('claiming the name one already has changes nothing', async () => {
    const { user, client } = await signedInUser('again');
    const name = unique('same');
    await client.call('claimUsername', { username: name });
    await client.call('claimUsername', { username: name });
    expect(await holderOf(name)).toBe(user.uid);
  });

  it("refuses someone else's name with already-exists", async () => {
    const owner = await signedInUser('holder');
    const other = await signedInUser('taker');
    const name = unique('taken');
    await owner.client.call('claimUsername', { username: name });
    const error = await callError(other.client.call('claimUsername', { username: name }));
    expect(error).toEqual({
      code: 'functions/already-exists',
      message: 'That username is taken. Please try another.',
    });
    expect(await holderOf(name)).toBe(owner.user.uid);
    expect((await readProfile(other.user.uid))?.username).toBeNull();
  });

  it('of two simultaneous claims of one name, exactly one wins', async () => {
    for (let round = 0; round < 3; round++) {
      const a = await signedInUser('racer-a');
      const b = await signedInUser('racer-b');
      const name = unique('race');
      const results = await Promise.allSettled([
        a.client.call('claimUsername', { username: name }),
        b.client.call('claimUsername', { username: name }),
      ]);
      const winners = results.flatMap((r, i) => (r.status === 'fulfilled' ? [[a, b][i]!] : []));
      const losers = results.flatMap((r) =>
        r.status === 'rejected' ? [r.reason as { code: string }] : [],
      );
      expect(winners).toHaveLength(1);
      expect(losers.map((e) => e.code)).toEqual(['functions/already-exists']);
      const winner = winners[0]!;
      const loser = winner === a ? b : a;
      expect(await holderOf(name)).toBe(winner.user.uid);
      expect((await readProfile(winner.user.uid))?.username).toBe(name);
      expect((await readProfile(loser.user.uid))?.username).toBeNull();
    }
  });

  it.each([
    [{ username: 'ab' }, 'username: A username has at least 3 characters.'],
    [
      { username: 'no spaces' },
      'username: A username may use only letters a-z, digits, "_" and ".".',
    ],
    [{ username: 'admin' }, 'username: That username is reserved.'],
    [{}, 'username: Enter a username.'],
    [{ username: 'fine', extra: true }, 'extra: this field is not accepted.'],
  ])('refuses %j with invalid-argument naming the field', async (input, message) => {
    const { user, client } = await signedInUser('invalid');
    expect(await callError(client.call('claimUsername', input))).toEqual({
      code: 'functions/invalid-argument',
      message,
    });
    expect((await readProfile(user.uid))?.username).toBeNull();
  });

  it('asks a signed-out caller to sign in', async () => {
    const client = anonymousClient();
    clients.push(client);
    expect(await callError(client.call('claimUsername', { username: unique('nobody') }))).toEqual({
      code: 'functions/unauthenticated',
      message: 'Please sign in first.',
    });
  });
});
