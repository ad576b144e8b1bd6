// exportMyData, deleteAccount and the list deletion trigger: what a person owns, and that
// deleting it leaves nothing behind.
import { afterAll, describe, expect, it } from 'vitest';
import { FieldValue } from 'firebase-admin/firestore';
import {
  COLLECTIONS,
  inboxListId,
  paths,
  storagePaths,
  type ExportMyDataResult,
} from '../../functions/src/model/index.js';
import { adminAuth, adminBucket, adminDb } from '../support/admin.js';
import { callError, signIn, type Client } from '../support/clients.js';
import { eventually } from '../support/eventually.js';
import {
  ACCOUNT_TEST_TIMEOUT_MS,
  provisionedUser,
  readList,
  readProfile,
} from '../support/profiles.js';
import { todoFields, todoRef } from '../support/todos.js';

const clients: Client[] = [];
afterAll(async () => {
  await Promise.all(clients.map((c) => c.close()));
});

const suffix = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;

async function signedIn(label: string) {
  const user = await provisionedUser(label);
  const client = await signIn(user);
  clients.push(client);
  return { user, client };
}

/** A list with two to-dos, an attachment document and its two Storage objects. */
async function fillList(listId: string, uid: string) {
  await todoRef(listId, 'first').set(todoFields(uid, { title: 'First', order: 1 }));
  await todoRef(listId, 'second').set(
    todoFields(uid, { title: 'Second', order: 2, tags: ['home'] }),
  );
  await adminDb.doc(paths.attachment(listId, 'first', 'photo')).set({
    name: 'photo.jpg',
    contentType: 'image/jpeg',
    size: 3,
    status: 'ready',
    width: 1,
    height: 1,
    thumbPath: storagePaths.thumb(listId, 'first', 'photo'),
    takenAt: null,
    error: null,
    createdBy: uid,
    createdAt: FieldValue.serverTimestamp(),
  });
  await adminBucket.file(storagePaths.original(listId, 'first', 'photo')).save(Buffer.from('jpg'));
  await adminBucket.file(storagePaths.thumb(listId, 'first', 'photo')).save(Buffer.from('webp'));
}

async function storageObjects(listId: string) {
  const [files] = await adminBucket.getFiles({ prefix: storagePaths.listPrefix(listId) });
  return files.map((f) => f.name);
}

const todoCount = async (listId: string) =>
  (await adminDb.collection(paths.todos(listId)).get()).size;
const attachmentCount = async (listId: string) =>
  (await adminDb.collection(paths.attachments(listId, 'first')).get()).size;

describe('exportMyData', { timeout: ACCOUNT_TEST_TIMEOUT_MS }, () => {
  it('returns the profile and every list with its to-dos, timestamps as ISO strings', async () => {
    const { user, client } = await signedIn('exporter');
    const listId = inboxListId(user.uid);
    await fillList(listId, user.uid);
    const data = await client.call<ExportMyDataResult>('exportMyData');
    expect(data.uid).toBe(user.uid);
    expect(data.profile?.username).toBeNull();
    expect(data.profile?.createdAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(data.lists.map((l) => [l.id, l.role, l.title])).toEqual([[listId, 'owner', 'Inbox']]);
    const todos = data.lists[0]?.todos ?? [];
    expect(todos.map((t) => t.title)).toEqual(['First', 'Second']);
    expect(todos[0]?.attachments.map((a) => [a.id, a.name])).toEqual([['photo', 'photo.jpg']]);
    expect(todos[1]?.tags).toEqual(['home']);
  });

  it('refuses arguments it does not take', async () => {
    const { client } = await signedIn('exporter2');
    expect(await callError(client.call('exportMyData', { everything: true }))).toEqual({
      code: 'functions/invalid-argument',
      message: 'everything: this field is not accepted.',
    });
  });
});

describe('deleting a list', { timeout: ACCOUNT_TEST_TIMEOUT_MS }, () => {
  it('removes its to-dos, attachment documents and Storage files', async () => {
    const { user } = await signedIn('lister');
    const listId = inboxListId(user.uid);
    await fillList(listId, user.uid);
    expect(await storageObjects(listId)).toHaveLength(2);
    await adminDb.doc(paths.list(listId)).delete();
    await eventually(
      async () => [
        await todoCount(listId),
        await attachmentCount(listId),
        (await storageObjects(listId)).length,
      ],
      (counts) => counts.every((n) => n === 0),
      { timeoutMs: 60_000 },
    );
  });
});

describe('deleteAccount', { timeout: ACCOUNT_TEST_TIMEOUT_MS }, () => {
  it('removes everything the person owns and their memberships, then the account', async () => {
    const { user, client } = await signedIn('leaver');
    const friend = await signedIn('friend');
    const username = `leaver_${suffix}`;
    const friendName = `friend_${suffix}`;
    await client.call('claimUsername', { username });
    await friend.client.call('claimUsername', { username: friendName });

    const ownList = inboxListId(user.uid);
    await fillList(ownList, user.uid);
    const friendList = inboxListId(friend.user.uid);
    await friend.client.call('inviteMember', { listId: friendList, username, role: 'editor' });
    await todoRef(friendList, 'by-leaver').set(todoFields(user.uid));
    await client.call('inviteMember', { listId: ownList, username: friendName, role: 'viewer' });

    expect(await client.call('deleteAccount')).toEqual({ ok: true });

    expect(await readProfile(user.uid)).toBeUndefined();
    expect((await adminDb.doc(paths.username(username)).get()).exists).toBe(false);
    expect(
      (await adminDb.collection(COLLECTIONS.usernames).where('uid', '==', user.uid).get()).size,
    ).toBe(0);
    expect(await readList(ownList)).toBeUndefined();
    expect(
      (await adminDb.collection(COLLECTIONS.lists).where('ownerId', '==', user.uid).get()).size,
    ).toBe(0);
    expect(
      (
        await adminDb
          .collection(COLLECTIONS.lists)
          .where('memberIds', 'array-contains', user.uid)
          .get()
      ).size,
    ).toBe(0);
    expect(await todoCount(ownList)).toBe(0);
    expect(await attachmentCount(ownList)).toBe(0);
    expect(await storageObjects(ownList)).toEqual([]);
    await expect(adminAuth.getUser(user.uid)).rejects.toMatchObject({
      code: 'auth/user-not-found',
    });

    const shared = await readList(friendList);
    expect(shared?.members).toEqual({ [friend.user.uid]: 'owner' });
    expect(shared?.memberIds).toEqual([friend.user.uid]);
    // To-dos written in someone else's list belong to that list and stay.
    expect((await todoRef(friendList, 'by-leaver').get()).exists).toBe(true);
    expect((await adminDb.doc(paths.username(friendName)).get()).data()).toEqual({
      uid: friend.user.uid,
    });
  });
});
