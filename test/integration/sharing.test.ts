// The sharing callables: invite by username, change roles, remove, leave, list members.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  inboxListId,
  type InviteMemberResult,
  type ListMembersResult,
} from '../../functions/src/model/index.js';
import { FieldValue } from 'firebase-admin/firestore';
import { adminDb } from '../support/admin.js';
import type { TestUser } from '../support/authUsers.js';
import { newTodoData } from '../support/newDocuments.js';
import { callError, signIn, type Client } from '../support/clients.js';
import {
  ACCOUNT_TEST_TIMEOUT_MS,
  PROVISIONING_TIMEOUT_MS,
  provisionedUser,
  readList,
} from '../support/profiles.js';

interface Person {
  user: TestUser;
  client: Client;
  username: string;
}

const suffix = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;

async function person(label: string): Promise<Person> {
  const user = await provisionedUser(label);
  const client = await signIn(user);
  const username = `${label}_${suffix}`;
  await client.call('claimUsername', { username });
  return { user, client, username };
}

let owner: Person;
let alice: Person;
let bob: Person;
let listId: string;

beforeAll(async () => {
  [owner, alice, bob] = await Promise.all([person('owner'), person('alice'), person('bob')]);
  listId = inboxListId(owner.user.uid);
  // Two to-dos from before the list was shared: their memberIds must follow the list's.
  for (const title of ['Milk', 'Bread'])
    await adminDb
      .collection(`lists/${listId}/todos`)
      .add(newTodoData(owner.user.uid, FieldValue.serverTimestamp(), { title }));
}, 3 * PROVISIONING_TIMEOUT_MS);

afterAll(async () => {
  await Promise.all([owner, alice, bob].filter(Boolean).map((p) => p.client.close()));
});

/** A list's members, checking on the way that each of its to-dos holds the list's memberIds. */
const membersOf = async (id: string) => {
  const list = await readList(id);
  const todos = await adminDb.collection(`lists/${id}/todos`).get();
  expect(todos.size).toBeGreaterThan(0);
  for (const todo of todos.docs) expect(todo.get('memberIds'), todo.id).toEqual(list?.memberIds);
  return { members: list?.members, memberIds: list?.memberIds };
};

describe('sharing a list', { timeout: ACCOUNT_TEST_TIMEOUT_MS }, () => {
  it('the owner invites by username, and members and memberIds change together', async () => {
    const result = await owner.client.call<InviteMemberResult>('inviteMember', {
      listId,
      username: alice.username,
      role: 'editor',
    });
    expect(result).toEqual({ uid: alice.user.uid, username: alice.username, role: 'editor' });
    expect(await membersOf(listId)).toEqual({
      members: { [owner.user.uid]: 'owner', [alice.user.uid]: 'editor' },
      memberIds: [owner.user.uid, alice.user.uid],
    });
  });

  it('members see who the list is shared with', async () => {
    const result = await alice.client.call<ListMembersResult>('listMembers', { listId });
    expect(result.members).toEqual([
      {
        uid: owner.user.uid,
        role: 'owner',
        username: owner.username,
        displayName: expect.any(String),
      },
      {
        uid: alice.user.uid,
        role: 'editor',
        username: alice.username,
        displayName: expect.any(String),
      },
    ]);
  });

  it('a stranger cannot see the members, nor learn that the list exists', async () => {
    expect(await callError(bob.client.call('listMembers', { listId }))).toEqual({
      code: 'functions/not-found',
      message: 'That list does not exist or is not shared with you.',
    });
  });

  it('the owner changes a role', async () => {
    await owner.client.call('setMemberRole', { listId, uid: alice.user.uid, role: 'viewer' });
    expect((await readList(listId))?.members[alice.user.uid]).toBe('viewer');
  });

  it('a member who is not the owner cannot invite, change roles or remove', async () => {
    const denied = {
      code: 'functions/permission-denied',
      message: "Only the list's owner can manage who it is shared with.",
    };
    expect(
      await callError(
        alice.client.call('inviteMember', { listId, username: bob.username, role: 'viewer' }),
      ),
    ).toEqual(denied);
    expect(
      await callError(
        alice.client.call('setMemberRole', { listId, uid: alice.user.uid, role: 'editor' }),
      ),
    ).toEqual(denied);
    expect(
      await callError(alice.client.call('removeMember', { listId, uid: owner.user.uid })),
    ).toEqual(denied);
    expect((await readList(listId))?.members).toEqual({
      [owner.user.uid]: 'owner',
      [alice.user.uid]: 'viewer',
    });
  });

  it('a stranger cannot share a list that is not theirs', async () => {
    expect(
      await callError(
        bob.client.call('inviteMember', { listId, username: bob.username, role: 'editor' }),
      ),
    ).toEqual({
      code: 'functions/not-found',
      message: 'That list does not exist or is not shared with you.',
    });
  });

  it('inviting an unknown username is refused by name', async () => {
    expect(
      await callError(
        owner.client.call('inviteMember', { listId, username: `nobody_${suffix}`, role: 'viewer' }),
      ),
    ).toEqual({
      code: 'functions/not-found',
      message: `Nobody has the username "nobody_${suffix}".`,
    });
  });

  it('the owner cannot invite themselves, change their own role or be removed', async () => {
    expect(
      (
        await callError(
          owner.client.call('inviteMember', { listId, username: owner.username, role: 'viewer' }),
        )
      ).code,
    ).toBe('functions/failed-precondition');
    expect(
      (
        await callError(
          owner.client.call('setMemberRole', { listId, uid: owner.user.uid, role: 'viewer' }),
        )
      ).code,
    ).toBe('functions/failed-precondition');
    expect(
      (await callError(owner.client.call('removeMember', { listId, uid: owner.user.uid }))).code,
    ).toBe('functions/failed-precondition');
    expect(await callError(owner.client.call('leaveList', { listId }))).toEqual({
      code: 'functions/failed-precondition',
      message: 'You own this list, so you cannot leave it. You can delete it instead.',
    });
  });

  it('changing the role of someone who is not a member is refused', async () => {
    expect(
      (
        await callError(
          owner.client.call('setMemberRole', { listId, uid: bob.user.uid, role: 'editor' }),
        )
      ).code,
    ).toBe('functions/not-found');
  });

  it('the owner removes a member; removing them again changes nothing', async () => {
    await owner.client.call('inviteMember', { listId, username: bob.username, role: 'viewer' });
    await owner.client.call('removeMember', { listId, uid: bob.user.uid });
    await owner.client.call('removeMember', { listId, uid: bob.user.uid });
    expect(await membersOf(listId)).toEqual({
      members: { [owner.user.uid]: 'owner', [alice.user.uid]: 'viewer' },
      memberIds: [owner.user.uid, alice.user.uid],
    });
  });

  it('a member leaves', async () => {
    await alice.client.call('leaveList', { listId });
    expect(await membersOf(listId)).toEqual({
      members: { [owner.user.uid]: 'owner' },
      memberIds: [owner.user.uid],
    });
  });

  it.each([
    [
      { listId: 'x', username: 'someone', role: 'owner' },
      'role: The role must be "editor" or "viewer".',
    ],
    [{ username: 'someone', role: 'viewer' }, 'listId: Expected an id.'],
    [{ listId: 'a/b', username: 'someone', role: 'viewer' }, 'listId: That is not a valid id.'],
    [
      { listId: 'x', username: 'a', role: 'viewer' },
      'username: A username has at least 3 characters.',
    ],
  ])('inviteMember refuses %j with invalid-argument naming the field', async (input, message) => {
    expect(await callError(owner.client.call('inviteMember', input))).toEqual({
      code: 'functions/invalid-argument',
      message,
    });
  });

  it('setMemberRole and removeMember name a missing uid', async () => {
    expect(await callError(owner.client.call('setMemberRole', { listId, role: 'viewer' }))).toEqual(
      {
        code: 'functions/invalid-argument',
        message: 'uid: Expected an id.',
      },
    );
    expect(await callError(owner.client.call('removeMember', { listId }))).toEqual({
      code: 'functions/invalid-argument',
      message: 'uid: Expected an id.',
    });
  });
});
