// firestore.rules through @firebase/rules-unit-testing against the running Firestore emulator:
// every actor × path × operation, then the field-by-field validation of each write. Each case is
// named by the behaviour it pins and asserts exactly one allow or deny.
import { readFileSync } from 'node:fs';
import {
  assertFails,
  assertSucceeds,
  initializeTestEnvironment,
  type RulesTestEnvironment,
} from '@firebase/rules-unit-testing';
import {
  Timestamp,
  arrayUnion,
  collection,
  collectionGroup,
  deleteDoc,
  deleteField,
  doc,
  getDoc,
  getDocs,
  query,
  serverTimestamp,
  setDoc,
  updateDoc,
  where,
  type Firestore,
} from 'firebase/firestore';
import { afterAll, beforeAll, beforeEach, describe, it } from 'vitest';
import { firestoreEmulator } from '../support/env.js';
import { newAttachmentData, newListData, newTodoData } from '../support/newDocuments.js';
import {
  ACTORS,
  EDITOR,
  EVERYONE,
  MEMBERS,
  OWNER,
  SIGNED_IN,
  STRANGER,
  VIEWER,
  WRITERS,
  type Actor,
} from '../support/actors.js';

const NOBODY: Actor[] = [];

const LIST = 'lists/shared';
const TODO = `${LIST}/todos/open-todo`;
const DONE_TODO = `${LIST}/todos/done-todo`;
const FULL_TODO = `${LIST}/todos/full-todo`;
const ATTACHMENT = `${TODO}/attachments/photo`;

const past = Timestamp.fromDate(new Date('2020-01-01T00:00:00Z'));
const MAX_BYTES = 10 * 1024 * 1024;

let env: RulesTestEnvironment;

function dbAs(uid: string | null): Firestore {
  const context = uid ? env.authenticatedContext(uid) : env.unauthenticatedContext();
  return context.firestore() as unknown as Firestore;
}

const omit = (data: Record<string, unknown>, key: string) => {
  const copy = { ...data };
  delete copy[key];
  return copy;
};

const newList = (uid: string, overrides: Record<string, unknown> = {}) =>
  newListData(uid, serverTimestamp(), overrides);
const newTodo = (uid: string, overrides: Record<string, unknown> = {}) =>
  newTodoData(uid, serverTimestamp(), overrides);
const newAttachment = (uid: string, overrides: Record<string, unknown> = {}) =>
  newAttachmentData(uid, serverTimestamp(), overrides);

const profile = (name: string) => ({
  displayName: name,
  username: null,
  photoURL: null,
  createdAt: past,
  updatedAt: past,
});

async function seed() {
  await env.withSecurityRulesDisabled(async (context) => {
    const db = context.firestore() as unknown as Firestore;
    const seeded = (data: Record<string, unknown>) =>
      Object.fromEntries(
        Object.entries(data).map(([key, value]) => [
          key,
          key.endsWith('At') && value !== null ? past : value,
        ]),
      );
    await Promise.all([
      ...[OWNER, EDITOR, VIEWER, STRANGER].map((uid) =>
        setDoc(doc(db, `users/${uid}`), profile(uid)),
      ),
      setDoc(doc(db, 'usernames/olive'), { uid: OWNER }),
      setDoc(
        doc(db, LIST),
        seeded(
          newList(OWNER, {
            title: 'Shared',
            members: { [OWNER]: 'owner', [EDITOR]: 'editor', [VIEWER]: 'viewer' },
            memberIds: [OWNER, EDITOR, VIEWER],
            counts: { open: 2, done: 1 },
          }),
        ),
      ),
      setDoc(doc(db, TODO), seeded(newTodo(EDITOR, { title: 'Open' }))),
      setDoc(
        doc(db, DONE_TODO),
        seeded(newTodo(EDITOR, { title: 'Done', done: true, completedAt: past })),
      ),
      setDoc(doc(db, FULL_TODO), seeded(newTodo(OWNER, { title: 'Full', attachmentCount: 10 }))),
      setDoc(doc(db, ATTACHMENT), seeded(newAttachment(EDITOR))),
      setDoc(doc(db, `${LIST}-of-stan`), seeded(newList(STRANGER))),
    ]);
  });
}

beforeAll(async () => {
  env = await initializeTestEnvironment({
    projectId: 'demo-hearth-rules',
    firestore: {
      rules: readFileSync(new URL('../../firestore.rules', import.meta.url), 'utf8'),
      host: firestoreEmulator.host,
      port: firestoreEmulator.port,
    },
  });
});

afterAll(async () => {
  await env?.cleanup();
});

beforeEach(async () => {
  await env.clearFirestore();
  await seed();
});

async function expectRule(allowed: boolean, operation: Promise<unknown>) {
  if (allowed) await assertSucceeds(operation);
  else await assertFails(operation);
}

// ------------------------------------------------------------------------------------------------
// Who may do what, on every path.

type Operation = (db: Firestore, uid: string) => Promise<unknown>;
const access: Array<{ what: string; operation: Operation; allowed: Actor[] }> = [
  // users
  {
    what: "read the owner's profile",
    operation: (db) => getDoc(doc(db, `users/${OWNER}`)),
    allowed: ['the owner'],
  },
  {
    what: "change the owner's display name",
    operation: (db) =>
      updateDoc(doc(db, `users/${OWNER}`), {
        displayName: 'Olive O.',
        updatedAt: serverTimestamp(),
      }),
    allowed: ['the owner'],
  },
  {
    what: "delete the owner's profile",
    operation: (db) => deleteDoc(doc(db, `users/${OWNER}`)),
    allowed: NOBODY,
  },
  {
    what: 'list every profile',
    operation: (db) => getDocs(collection(db, 'users')),
    allowed: NOBODY,
  },
  // usernames
  {
    what: 'look up who has a username',
    operation: (db) => getDoc(doc(db, 'usernames/olive')),
    allowed: SIGNED_IN,
  },
  {
    what: 'claim a username without the callable',
    operation: (db, uid) => setDoc(doc(db, 'usernames/freshname'), { uid }),
    allowed: NOBODY,
  },
  {
    what: 'take over a claimed username',
    operation: (db, uid) => setDoc(doc(db, 'usernames/olive'), { uid }),
    allowed: NOBODY,
  },
  {
    what: 'free a username without the callable',
    operation: (db) => deleteDoc(doc(db, 'usernames/olive')),
    allowed: NOBODY,
  },
  {
    what: 'list every username',
    operation: (db) => getDocs(collection(db, 'usernames')),
    allowed: NOBODY,
  },
  // lists
  { what: 'read the shared list', operation: (db) => getDoc(doc(db, LIST)), allowed: MEMBERS },
  {
    what: 'query the lists they are a member of',
    operation: (db, uid) =>
      getDocs(query(collection(db, 'lists'), where('memberIds', 'array-contains', uid))),
    allowed: SIGNED_IN,
  },
  {
    what: 'query the lists someone else is a member of',
    operation: (db, uid) =>
      getDocs(
        query(
          collection(db, 'lists'),
          where('memberIds', 'array-contains', uid === STRANGER ? OWNER : STRANGER),
        ),
      ),
    allowed: NOBODY,
  },
  { what: 'list every list', operation: (db) => getDocs(collection(db, 'lists')), allowed: NOBODY },
  {
    what: 'create a list of their own',
    operation: (db, uid) => setDoc(doc(db, `lists/new-${uid}`), newList(uid)),
    allowed: SIGNED_IN,
  },
  {
    what: 'rename the shared list',
    operation: (db) => updateDoc(doc(db, LIST), { title: 'Renamed', updatedAt: serverTimestamp() }),
    allowed: ['the owner'],
  },
  {
    what: 'reorder the shared list',
    operation: (db) => updateDoc(doc(db, LIST), { order: 7, updatedAt: serverTimestamp() }),
    allowed: ['the owner'],
  },
  {
    what: 'add a member by writing the list directly',
    operation: (db) =>
      updateDoc(doc(db, LIST), {
        [`members.${STRANGER}`]: 'editor',
        memberIds: arrayUnion(STRANGER),
        updatedAt: serverTimestamp(),
      }),
    allowed: NOBODY,
  },
  {
    what: "change the shared list's counts",
    operation: (db) =>
      updateDoc(doc(db, LIST), { 'counts.open': 99, updatedAt: serverTimestamp() }),
    allowed: NOBODY,
  },
  {
    what: 'delete the shared list',
    operation: (db) => deleteDoc(doc(db, LIST)),
    allowed: ['the owner'],
  },
  // todos
  { what: 'read a to-do', operation: (db) => getDoc(doc(db, TODO)), allowed: MEMBERS },
  {
    what: "list the shared list's to-dos",
    operation: (db) => getDocs(collection(db, `${LIST}/todos`)),
    allowed: MEMBERS,
  },
  {
    what: 'query to-dos across every list',
    operation: (db) => getDocs(collectionGroup(db, 'todos')),
    allowed: NOBODY,
  },
  {
    what: 'add a to-do',
    operation: (db, uid) => setDoc(doc(db, `${LIST}/todos/new`), newTodo(uid)),
    allowed: WRITERS,
  },
  {
    what: "edit a to-do's title",
    operation: (db) =>
      updateDoc(doc(db, TODO), { title: 'Buy oat milk', updatedAt: serverTimestamp() }),
    allowed: WRITERS,
  },
  {
    what: 'complete a to-do',
    operation: (db) =>
      updateDoc(doc(db, TODO), {
        done: true,
        completedAt: serverTimestamp(),
        updatedAt: serverTimestamp(),
      }),
    allowed: WRITERS,
  },
  {
    what: 'reopen a completed to-do',
    operation: (db) =>
      updateDoc(doc(db, DONE_TODO), {
        done: false,
        completedAt: null,
        updatedAt: serverTimestamp(),
      }),
    allowed: WRITERS,
  },
  { what: 'delete a to-do', operation: (db) => deleteDoc(doc(db, TODO)), allowed: WRITERS },
  // attachments
  { what: 'read an attachment', operation: (db) => getDoc(doc(db, ATTACHMENT)), allowed: MEMBERS },
  {
    what: "list a to-do's attachments",
    operation: (db) => getDocs(collection(db, `${TODO}/attachments`)),
    allowed: MEMBERS,
  },
  {
    what: 'add an attachment',
    operation: (db, uid) => setDoc(doc(db, `${TODO}/attachments/new`), newAttachment(uid)),
    allowed: WRITERS,
  },
  {
    what: 'mark an attachment ready',
    operation: (db) => updateDoc(doc(db, ATTACHMENT), { status: 'ready', width: 10, height: 10 }),
    allowed: NOBODY,
  },
  {
    what: 'delete an attachment',
    operation: (db) => deleteDoc(doc(db, ATTACHMENT)),
    allowed: WRITERS,
  },
  // everything else
  {
    what: 'write a document outside the data model',
    operation: (db) => setDoc(doc(db, 'appliedEvents/forged'), { listId: 'shared' }),
    allowed: NOBODY,
  },
];

describe('access by actor, path and operation', () => {
  for (const row of access) {
    for (const actor of EVERYONE) {
      const allowed = row.allowed.includes(actor);
      it(`${actor} ${allowed ? 'can' : 'cannot'} ${row.what}`, async () => {
        const uid = ACTORS[actor];
        await expectRule(allowed, row.operation(dbAs(uid), uid ?? 'nobody'));
      });
    }
  }

  it('a new user cannot create their own profile (the sign-up trigger does)', async () => {
    await assertFails(setDoc(doc(dbAs('newbie'), 'users/newbie'), profile('newbie')));
  });

  it("a stranger cannot read another person's list even by its id", async () => {
    await assertFails(getDoc(doc(dbAs(STRANGER), LIST)));
  });

  it('a member cannot read a list they do not belong to', async () => {
    await assertFails(getDoc(doc(dbAs(EDITOR), `${LIST}-of-stan`)));
  });

  it('nobody can read to-dos of a list that does not exist', async () => {
    await assertFails(getDocs(collection(dbAs(OWNER), 'lists/missing/todos')));
  });
});

// ------------------------------------------------------------------------------------------------
// What a write may contain.

type Case = [name: string, data: Record<string, unknown>, allowed: boolean];

describe('a new list (created by a stranger for themselves)', () => {
  const valid = newList(STRANGER);
  const cases: Case[] = [
    ['a complete list is accepted', valid, true],
    ['a title of 100 characters is accepted', { ...valid, title: 'x'.repeat(100) }, true],
    ['an empty title is refused', { ...valid, title: '' }, false],
    ['a title of 101 characters is refused', { ...valid, title: 'x'.repeat(101) }, false],
    ['a title that is not text is refused', { ...valid, title: 42 }, false],
    ['a list owned by someone else is refused', { ...valid, ownerId: OWNER }, false],
    [
      'a list shared with someone at creation is refused',
      { ...valid, members: { [STRANGER]: 'owner', [VIEWER]: 'viewer' } },
      false,
    ],
    [
      'memberIds naming someone else is refused',
      { ...valid, memberIds: [STRANGER, VIEWER] },
      false,
    ],
    [
      'a creator who is not the owner is refused',
      { ...valid, members: { [STRANGER]: 'editor' } },
      false,
    ],
    ['counts other than zero are refused', { ...valid, counts: { open: 5, done: 0 } }, false],
    ['a list without counts is refused', omit(valid, 'counts'), false],
    ['an order that is not a number is refused', { ...valid, order: 'first' }, false],
    ['a createdAt chosen by the client is refused', { ...valid, createdAt: past }, false],
    ['an updatedAt chosen by the client is refused', { ...valid, updatedAt: past }, false],
    ['an unknown field is refused', { ...valid, colour: 'red' }, false],
  ];
  it.each(cases)('%s', async (_name, data, allowed) => {
    await expectRule(allowed, setDoc(doc(dbAs(STRANGER), 'lists/brand-new'), data));
  });
});

describe('editing a list (by its owner)', () => {
  const now = { updatedAt: serverTimestamp() };
  const cases: Case[] = [
    ['a rename is accepted', { title: 'Renamed', ...now }, true],
    ['a move is accepted', { order: 2.5, ...now }, true],
    ['an empty title is refused', { title: '', ...now }, false],
    ['a title of 101 characters is refused', { title: 'x'.repeat(101), ...now }, false],
    ['a change of owner is refused', { ownerId: EDITOR, ...now }, false],
    ['a change of members is refused', { members: { [OWNER]: 'owner' }, ...now }, false],
    ['a change of memberIds is refused', { memberIds: [OWNER], ...now }, false],
    ['a change of counts is refused', { counts: { open: 0, done: 0 }, ...now }, false],
    ['a change of createdAt is refused', { createdAt: serverTimestamp(), ...now }, false],
    [
      'an updatedAt chosen by the client is refused',
      { title: 'Renamed', updatedAt: Timestamp.now() },
      false,
    ],
    ['an edit that does not touch updatedAt is refused', { title: 'Renamed' }, false],
    ['an unknown field is refused', { colour: 'red', ...now }, false],
  ];
  it.each(cases)('%s', async (_name, data, allowed) => {
    await expectRule(allowed, updateDoc(doc(dbAs(OWNER), LIST), data));
  });
});

describe('a new to-do (added by an editor)', () => {
  const valid = newTodo(EDITOR);
  const tags = (count: number, length = 5) =>
    Array.from({ length: count }, (_, i) => `${i}`.padEnd(length, 't'));
  const cases: Case[] = [
    ['a complete to-do is accepted', valid, true],
    ['a title of 200 characters is accepted', { ...valid, title: 'x'.repeat(200) }, true],
    ['an empty title is refused', { ...valid, title: '' }, false],
    ['a title of 201 characters is refused', { ...valid, title: 'x'.repeat(201) }, false],
    ['notes of 5000 characters are accepted', { ...valid, notes: 'n'.repeat(5000) }, true],
    ['notes of 5001 characters are refused', { ...valid, notes: 'n'.repeat(5001) }, false],
    ['notes that are not text are refused', { ...valid, notes: 7 }, false],
    ['priority 3 is accepted', { ...valid, priority: 3 }, true],
    ['priority 4 is refused', { ...valid, priority: 4 }, false],
    ['priority -1 is refused', { ...valid, priority: -1 }, false],
    ['a fractional priority is refused', { ...valid, priority: 1.5 }, false],
    ['a priority that is text is refused', { ...valid, priority: '1' }, false],
    ['10 tags of 30 characters are accepted', { ...valid, tags: tags(10, 30) }, true],
    ['11 tags are refused', { ...valid, tags: tags(11) }, false],
    ['an empty tag is refused', { ...valid, tags: ['ok', ''] }, false],
    ['a tag of 31 characters is refused', { ...valid, tags: tags(1, 31) }, false],
    ['a tag that is not text is refused', { ...valid, tags: ['ok', 3] }, false],
    ['tags that are not a list are refused', { ...valid, tags: 'home' }, false],
    [
      'a due date is accepted',
      { ...valid, dueAt: Timestamp.fromDate(new Date('2030-01-31T09:00:00Z')) },
      true,
    ],
    ['a due date that is text is refused', { ...valid, dueAt: '2030-01-31' }, false],
    [
      'a completed to-do with its completion time is accepted',
      { ...valid, done: true, completedAt: serverTimestamp() },
      true,
    ],
    [
      'a completed to-do without a completion time is refused',
      { ...valid, done: true, completedAt: null },
      false,
    ],
    [
      'a completion time chosen by the client is refused',
      { ...valid, done: true, completedAt: past },
      false,
    ],
    [
      'an open to-do with a completion time is refused',
      { ...valid, completedAt: serverTimestamp() },
      false,
    ],
    ['done that is not a boolean is refused', { ...valid, done: 'yes' }, false],
    ['an order that is not a number is refused', { ...valid, order: 'top' }, false],
    ['a to-do credited to someone else is refused', { ...valid, createdBy: OWNER }, false],
    ['an attachment count other than zero is refused', { ...valid, attachmentCount: 1 }, false],
    ['a createdAt chosen by the client is refused', { ...valid, createdAt: past }, false],
    ['a to-do without notes is refused', omit(valid, 'notes'), false],
    ['an unknown field is refused', { ...valid, colour: 'red' }, false],
  ];
  it.each(cases)('%s', async (_name, data, allowed) => {
    await expectRule(allowed, setDoc(doc(dbAs(EDITOR), `${LIST}/todos/brand-new`), data));
  });
});

describe('editing a to-do (by an editor)', () => {
  const now = { updatedAt: serverTimestamp() };
  const cases: Array<
    [name: string, path: string, data: Record<string, unknown>, allowed: boolean]
  > = [
    [
      'a new title, notes, due date, priority and tags are accepted',
      TODO,
      {
        title: 'New',
        notes: 'Some notes',
        dueAt: Timestamp.now(),
        priority: 2,
        tags: ['home'],
        ...now,
      },
      true,
    ],
    ['a move is accepted', TODO, { order: 0.5, ...now }, true],
    [
      'completing with the completion time is accepted',
      TODO,
      { done: true, completedAt: serverTimestamp(), ...now },
      true,
    ],
    ['completing without a completion time is refused', TODO, { done: true, ...now }, false],
    [
      'completing with a completion time chosen by the client is refused',
      TODO,
      { done: true, completedAt: past, ...now },
      false,
    ],
    [
      'reopening clears the completion time',
      DONE_TODO,
      { done: false, completedAt: null, ...now },
      true,
    ],
    [
      'reopening that keeps the completion time is refused',
      DONE_TODO,
      { done: false, ...now },
      false,
    ],
    [
      'completing a completed to-do again records the new time',
      DONE_TODO,
      { done: true, completedAt: serverTimestamp(), ...now },
      true,
    ],
    [
      'a completion time chosen by the client is refused on a completed to-do',
      DONE_TODO,
      { completedAt: Timestamp.fromDate(new Date('2021-06-01T00:00:00Z')), ...now },
      false,
    ],
    [
      'an open to-do cannot get a completion time',
      TODO,
      { completedAt: serverTimestamp(), ...now },
      false,
    ],
    ['a title of 201 characters is refused', TODO, { title: 'x'.repeat(201), ...now }, false],
    ['priority 9 is refused', TODO, { priority: 9, ...now }, false],
    [
      '11 tags are refused',
      TODO,
      { tags: Array.from({ length: 11 }, (_, i) => `t${i}`), ...now },
      false,
    ],
    ['removing the title is refused', TODO, { title: deleteField(), ...now }, false],
    ['a change of author is refused', TODO, { createdBy: OWNER, ...now }, false],
    ['a change of createdAt is refused', TODO, { createdAt: serverTimestamp(), ...now }, false],
    ['a change of the attachment count is refused', TODO, { attachmentCount: 3, ...now }, false],
    ['an edit that does not touch updatedAt is refused', TODO, { title: 'New' }, false],
    [
      'an updatedAt chosen by the client is refused',
      TODO,
      { title: 'New', updatedAt: past },
      false,
    ],
    ['an unknown field is refused', TODO, { colour: 'red', ...now }, false],
  ];
  it.each(cases)('%s', async (_name, path, data, allowed) => {
    await expectRule(allowed, updateDoc(doc(dbAs(EDITOR), path), data));
  });
});

describe('a new attachment (added by an editor)', () => {
  const valid = newAttachment(EDITOR);
  const cases: Array<
    [name: string, todoPath: string, data: Record<string, unknown>, allowed: boolean]
  > = [
    ['a processing JPEG is accepted', TODO, valid, true],
    ['a file of exactly 10 MB is accepted', TODO, { ...valid, size: MAX_BYTES }, true],
    ['a file over 10 MB is refused', TODO, { ...valid, size: MAX_BYTES + 1 }, false],
    ['an empty file is refused', TODO, { ...valid, size: 0 }, false],
    [
      'a type that is not an image is refused',
      TODO,
      { ...valid, contentType: 'text/plain' },
      false,
    ],
    [
      'an attachment that claims to be ready is refused',
      TODO,
      { ...valid, status: 'ready' },
      false,
    ],
    [
      'dimensions set by the client are refused',
      TODO,
      { ...valid, width: 100, height: 100 },
      false,
    ],
    [
      'a thumbnail path set by the client is refused',
      TODO,
      { ...valid, thumbPath: 'x/thumb.webp' },
      false,
    ],
    ['an empty name is refused', TODO, { ...valid, name: '' }, false],
    [
      'an attachment credited to someone else is refused',
      TODO,
      { ...valid, createdBy: OWNER },
      false,
    ],
    ['an unknown field is refused', TODO, { ...valid, colour: 'red' }, false],
    ['an eleventh attachment is refused', FULL_TODO, valid, false],
    ['an attachment to a missing to-do is refused', `${LIST}/todos/missing`, valid, false],
  ];
  it.each(cases)('%s', async (_name, todoPath, data, allowed) => {
    await expectRule(allowed, setDoc(doc(dbAs(EDITOR), `${todoPath}/attachments/brand-new`), data));
  });
});

describe('editing a profile (by its owner)', () => {
  const now = { updatedAt: serverTimestamp() };
  const cases: Case[] = [
    ['a display name of 80 characters is accepted', { displayName: 'd'.repeat(80), ...now }, true],
    ['a photo address is accepted', { photoURL: 'https://example.com/me.png', ...now }, true],
    ['removing the photo is accepted', { photoURL: null, ...now }, true],
    ['an empty display name is refused', { displayName: '', ...now }, false],
    ['a display name of 81 characters is refused', { displayName: 'd'.repeat(81), ...now }, false],
    [
      'a photo address of 2049 characters is refused',
      { photoURL: `https://example.com/${'p'.repeat(2029)}`, ...now },
      false,
    ],
    ['setting the username directly is refused', { username: 'olive', ...now }, false],
    ['a change of createdAt is refused', { createdAt: serverTimestamp(), ...now }, false],
    ['an edit that does not touch updatedAt is refused', { displayName: 'Olive' }, false],
    ['an unknown field is refused', { isAdmin: true, ...now }, false],
  ];
  it.each(cases)('%s', async (_name, data, allowed) => {
    await expectRule(allowed, updateDoc(doc(dbAs(OWNER), `users/${OWNER}`), data));
  });
});
