// The REST API's sharing endpoints end to end (the sharing callables' code behind them): invite
// by username, members, roles, removal and leaving, with what each does to the to-dos' memberIds
// and so to the invitee's lists and Today view. Every response is checked against the served
// OpenAPI document.
import { beforeAll, describe, expect, it } from 'vitest';
import { FieldValue, Timestamp } from 'firebase-admin/firestore';
import { LIMITS, newListDoc, todayIn, type ListDoc } from '../../functions/src/model/index.js';
import { adminDb } from '../support/admin.js';
import { callApi, type ApiResult } from '../support/apiClient.js';
import { documentedResponses, servedOpenApi } from '../support/apiDocument.js';
import { createUser, type TestUser } from '../support/authUsers.js';
import { newTodoData } from '../support/newDocuments.js';

interface Person extends TestUser {
  username: string;
  displayName: string;
}

const suffix = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;

/** A user with a claimed username, written as claimUsername leaves it. */
async function person(label: string): Promise<Person> {
  const user = await createUser(`share-${label}`);
  const username = `${label}_${suffix}`;
  const displayName = `${label[0]?.toUpperCase()}${label.slice(1)} Tester`;
  const now = Timestamp.now();
  // The sign-up trigger leaves a profile that exists alone (provisionUser), whichever comes first.
  await adminDb.doc(`users/${user.uid}`).set({
    displayName,
    username,
    photoURL: null,
    createdAt: now,
    updatedAt: now,
  });
  await adminDb.doc(`usernames/${username}`).set({ uid: user.uid });
  return { ...user, username, displayName };
}

let expectDocumented: ReturnType<typeof documentedResponses>;
let owner: Person;
let alice: Person;
let bob: Person;
let stranger: Person;
let listId: string;
let dueTodayId: string;

const MEMBERS = '/lists/{listId}/members';
const MEMBER = '/lists/{listId}/members/{uid}';
const membersPath = () => `/lists/${listId}/members`;
const memberPath = (uid: string) => `${membersPath()}/${uid}`;

/** A member as the API shows them to other members. */
const asMember = (person: Person, role: string) => ({
  uid: person.uid,
  role,
  username: person.username,
  displayName: person.displayName,
});

/** Shares the list with `username` as `role`, asked by `by` (POST …/members). */
const invite = (by: TestUser, username: string, role: string) =>
  callApi('POST', membersPath(), { token: by.idToken, body: { username, role } });

/** Gives the member `uid` the role `role`, asked by `by` (PATCH …/members/{uid}). */
const setRole = (by: TestUser, uid: string, role: string) =>
  callApi('PATCH', memberPath(uid), { token: by.idToken, body: { role } });

const readList = async (id = listId) =>
  (await adminDb.doc(`lists/${id}`).get()).data() as ListDoc | undefined;

/** The list's members and the memberIds each of its to-dos carries (they must agree). */
async function sharing(id = listId) {
  const list = await readList(id);
  const todos = await adminDb.collection(`lists/${id}/todos`).get();
  return {
    members: list?.members,
    memberIds: list?.memberIds,
    todoMemberIds: todos.docs.map((todo) => todo.get('memberIds') as string[]),
  };
}

/**
 * What sharing() reads when the owner's list is shared with `others` (uid → role): the owner
 * first, and both of its to-dos carrying the same memberIds.
 */
function sharedWith(others: Record<string, string>) {
  const memberIds = [owner.uid, ...Object.keys(others)];
  return {
    members: { [owner.uid]: 'owner', ...others },
    memberIds,
    todoMemberIds: [memberIds, memberIds],
  };
}

/** An error as the API answers it: code, and a message for people with no status number in it. */
function expectError(result: ApiResult, code: string, message: RegExp) {
  expect(result.body.error.code).toBe(code);
  expect(result.body.error.message).toMatch(message);
  expect(result.body.error.message).not.toMatch(/\b[1-5]\d\d\b/);
}

const listIdsOf = async (user: TestUser) => {
  const result = await callApi('GET', '/lists', { token: user.idToken });
  expectDocumented(result, 'GET', '/lists', 200);
  return new Map(
    (result.body.lists as { id: string; role: string }[]).map((list) => [list.id, list.role]),
  );
};

const dueTodayIdsOf = async (user: TestUser) => {
  const result = await callApi('GET', '/todos?view=today&timeZone=UTC', { token: user.idToken });
  expectDocumented(result, 'GET', '/todos', 200);
  return (result.body.todos as { id: string }[]).map((todo) => todo.id);
};

beforeAll(async () => {
  expectDocumented = documentedResponses(await servedOpenApi());
  [owner, alice, bob, stranger] = await Promise.all([
    person('owner'),
    person('alice'),
    person('bob'),
    person('stranger'),
  ]);
  const ref = adminDb.collection('lists').doc();
  await ref.set(
    newListDoc(owner.uid, { title: 'Shared by API', order: 3 }, FieldValue.serverTimestamp()),
  );
  listId = ref.id;
  const todos = adminDb.collection(`lists/${listId}/todos`);
  const now = FieldValue.serverTimestamp();
  dueTodayId = (
    await todos.add(
      newTodoData(owner.uid, now, {
        title: 'Due today',
        due: { date: todayIn('UTC', new Date()) },
      }),
    )
  ).id;
  await todos.add(newTodoData(owner.uid, now, { title: 'Some day', order: 2 }));
});

describe('sharing through the REST API', { timeout: 60_000 }, () => {
  it('the owner invites by username: the invitee sees the list and its to-dos due today', async () => {
    expect(await dueTodayIdsOf(alice)).not.toContain(dueTodayId);

    // Usernames are read as claimed: trimmed and lower-cased.
    const invited = await invite(owner, ` ${alice.username.toUpperCase()}`, 'editor');
    expectDocumented(invited, 'POST', MEMBERS, 201);
    expect(invited.body).toEqual(asMember(alice, 'editor'));

    expect(await sharing()).toEqual(sharedWith({ [alice.uid]: 'editor' }));
    expect((await listIdsOf(alice)).get(listId)).toBe('editor');
    expect(await dueTodayIdsOf(alice)).toContain(dueTodayId);
  });

  it('members see who the list is shared with, the owner first; strangers get a 404', async () => {
    const result = await callApi('GET', membersPath(), { token: alice.idToken });
    expectDocumented(result, 'GET', MEMBERS, 200);
    expect(result.body).toEqual({
      members: [asMember(owner, 'owner'), asMember(alice, 'editor')],
    });
    const asStranger = await callApi('GET', membersPath(), { token: stranger.idToken });
    expectDocumented(asStranger, 'GET', MEMBERS, 404);
    expectError(asStranger, 'not-found', /does not exist or is not shared with you/);
    expect(asStranger.text).not.toContain(owner.username);
  });

  it('only the owner invites: a member gets a 403, a stranger a 404, and nothing changes', async () => {
    const before = await sharing();
    const asEditor = await invite(alice, bob.username, 'viewer');
    expectDocumented(asEditor, 'POST', MEMBERS, 403);
    expectError(asEditor, 'permission-denied', /Only the list's owner/);
    const asStranger = await invite(stranger, stranger.username, 'editor');
    expectDocumented(asStranger, 'POST', MEMBERS, 404);
    expect(await sharing()).toEqual(before);
    expect((await listIdsOf(bob)).has(listId)).toBe(false);
  });

  it('an unknown username or list is a 404, a bad role a 400 naming it, the owner a 409', async () => {
    const before = await sharing();
    const nobody = await invite(owner, `nobody_${suffix}`, 'viewer');
    expectDocumented(nobody, 'POST', MEMBERS, 404);
    expectError(nobody, 'not-found', new RegExp(`Nobody has the username "nobody_${suffix}"`));

    const noList = await callApi('POST', `/lists/no-such-list-${suffix}/members`, {
      token: owner.idToken,
      body: { username: bob.username, role: 'viewer' },
    });
    expectDocumented(noList, 'POST', MEMBERS, 404);

    const badRole = await invite(owner, bob.username, 'owner');
    expectDocumented(badRole, 'POST', MEMBERS, 400);
    expectError(badRole, 'invalid-argument', /^role: The role must be "editor" or "viewer"\.$/);

    const self = await invite(owner, owner.username, 'viewer');
    expectDocumented(self, 'POST', MEMBERS, 409);
    expectError(self, 'failed-precondition', /already has full access/);
    expect(await sharing()).toEqual(before);
  });

  it('the owner changes a role, which then decides what the member may do', async () => {
    const changed = await setRole(owner, alice.uid, 'viewer');
    expectDocumented(changed, 'PATCH', MEMBER, 200);
    expect(changed.body).toEqual(asMember(alice, 'viewer'));
    expect((await listIdsOf(alice)).get(listId)).toBe('viewer');
    const write = await callApi('POST', `/lists/${listId}/todos`, {
      token: alice.idToken,
      body: { title: 'Not mine to add' },
    });
    expect(write.status).toBe(403);

    const before = await sharing();
    const byMember = await setRole(alice, alice.uid, 'editor');
    expectDocumented(byMember, 'PATCH', MEMBER, 403);
    const notMember = await setRole(owner, bob.uid, 'editor');
    expectDocumented(notMember, 'PATCH', MEMBER, 404);
    expectError(notMember, 'not-found', /not a member of this list/);
    const ownersRole = await setRole(owner, owner.uid, 'viewer');
    expectDocumented(ownersRole, 'PATCH', MEMBER, 409);
    const badRole = await setRole(owner, alice.uid, 'admin');
    expectDocumented(badRole, 'PATCH', MEMBER, 400);
    expectError(badRole, 'invalid-argument', /^role: /);
    expect(await sharing()).toEqual(before);
  });

  it('the owner removes a member, who then sees neither the list nor its to-dos; again is a no-op', async () => {
    await invite(owner, bob.username, 'viewer');
    expect(await dueTodayIdsOf(bob)).toContain(dueTodayId);

    const byMember = await callApi('DELETE', memberPath(bob.uid), { token: alice.idToken });
    expectDocumented(byMember, 'DELETE', MEMBER, 403);
    expect((await readList())?.members[bob.uid]).toBe('viewer');

    const removed = await callApi('DELETE', memberPath(bob.uid), { token: owner.idToken });
    expectDocumented(removed, 'DELETE', MEMBER, 204);
    expect(await sharing()).toEqual(sharedWith({ [alice.uid]: 'viewer' }));
    expect((await listIdsOf(bob)).has(listId)).toBe(false);
    expect(await dueTodayIdsOf(bob)).not.toContain(dueTodayId);
    const members = await callApi('GET', membersPath(), { token: bob.idToken });
    expectDocumented(members, 'GET', MEMBERS, 404);

    const again = await callApi('DELETE', memberPath(bob.uid), { token: owner.idToken });
    expectDocumented(again, 'DELETE', MEMBER, 204);
  });

  it('a member leaves by removing their own uid; the owner cannot, and is told why', async () => {
    const ownerLeaving = await callApi('DELETE', memberPath(owner.uid), { token: owner.idToken });
    expectDocumented(ownerLeaving, 'DELETE', MEMBER, 409);
    expectError(ownerLeaving, 'failed-precondition', /You own this list, so you cannot leave it/);

    const left = await callApi('DELETE', memberPath(alice.uid), { token: alice.idToken });
    expectDocumented(left, 'DELETE', MEMBER, 204);
    expect(await sharing()).toEqual(sharedWith({}));
    expect((await listIdsOf(alice)).has(listId)).toBe(false);
    expect(await dueTodayIdsOf(alice)).not.toContain(dueTodayId);
  });

  it('a list with the most members it holds refuses one more with a 409, not a 429', async () => {
    const full = adminDb.collection('lists').doc();
    const members: Record<string, string> = { [owner.uid]: 'owner' };
    for (let i = 1; i < LIMITS.membersPerList; i++)
      members[`member${String(i).padStart(2, '0')}`] = 'viewer';
    await full.set({
      ...newListDoc(owner.uid, { title: 'Full', order: 4 }, FieldValue.serverTimestamp()),
      members,
      memberIds: [
        owner.uid,
        ...Object.keys(members)
          .filter((uid) => uid !== owner.uid)
          .sort(),
      ],
    });
    const before = await sharing(full.id);
    const result = await callApi('POST', `/lists/${full.id}/members`, {
      token: owner.idToken,
      body: { username: bob.username, role: 'viewer' },
    });
    expectDocumented(result, 'POST', MEMBERS, 409);
    expectError(
      result,
      'resource-exhausted',
      new RegExp(`at most ${LIMITS.membersPerList - 1} people`),
    );
    expect(result.headers.get('retry-after')).toBeNull();
    expect(await sharing(full.id)).toEqual(before);
  });
});
