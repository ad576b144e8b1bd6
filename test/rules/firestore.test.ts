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
  orderBy,
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
const REPEATING_TODO = `${LIST}/todos/repeating-todo`;
const LARGEST_TODO = `${LIST}/todos/largest-todo`;
/** A to-do as the app wrote it before due dates were calendar days (dueAt; no schedule fields). */
const OLD_TODO = `${LIST}/todos/old-todo`;
const NOTIFICATION = `users/${OWNER}/notifications/reminder-1`;
const PUSH_TOKEN = `users/${OWNER}/pushTokens/token-1`;
const SHARED_MEMBERS = [OWNER, EDITOR, VIEWER];
const WEEKLY_DUE = { date: '2026-03-02', time: '09:00', timeZone: 'Europe/Berlin' };
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
  newTodoData(uid, serverTimestamp(), { memberIds: SHARED_MEMBERS, ...overrides });
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
            memberIds: SHARED_MEMBERS,
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
      setDoc(
        doc(db, REPEATING_TODO),
        seeded(newTodo(EDITOR, { title: 'Water plants', due: WEEKLY_DUE, repeat: 'FREQ=WEEKLY' })),
      ),
      setDoc(doc(db, LARGEST_TODO), seeded(largestTodo(steps(49, 200)))),
      setDoc(doc(db, OLD_TODO), {
        ...seeded(
          Object.fromEntries(
            Object.entries(newTodo(EDITOR, { title: 'Old' })).filter(
              ([key]) => !['due', 'repeat', 'reminders', 'subtasks', 'memberIds'].includes(key),
            ),
          ),
        ),
        dueAt: past,
      }),
      setDoc(doc(db, ATTACHMENT), seeded(newAttachment(EDITOR))),
      setDoc(doc(db, NOTIFICATION), {
        title: 'Water plants',
        body: 'Due today at 09:00',
        listId: 'shared',
        todoId: 'repeating-todo',
        createdAt: past,
        read: false,
      }),
      setDoc(doc(db, PUSH_TOKEN), { token: 'token-1', createdAt: past }),
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
// The table's operations on one path, as the app's SDK calls make them.
const read = (path: string) => (db: Firestore) => getDoc(doc(db, path));
const list = (path: string) => (db: Firestore) => getDocs(collection(db, path));
const write = (path: string, data: Fields) => (db: Firestore) => setDoc(doc(db, path), data);
const update = (path: string, data: Fields) => (db: Firestore) => updateDoc(doc(db, path), data);
const remove = (path: string) => (db: Firestore) => deleteDoc(doc(db, path));
/** memberIds names `uid`: what the rules ask of every query across lists. */
const naming = (uid: string) => where('memberIds', 'array-contains', uid);
/** A member of the shared list for a stranger, a stranger for anyone else. */
const someoneElse = (uid: string) => (uid === STRANGER ? OWNER : STRANGER);
const access: Array<{ what: string; operation: Operation; allowed: Actor[] }> = [
  // users
  { what: "read the owner's profile", operation: read(`users/${OWNER}`), allowed: ['the owner'] },
  {
    what: "change the owner's display name",
    operation: update(`users/${OWNER}`, {
      displayName: 'Olive O.',
      updatedAt: serverTimestamp(),
    }),
    allowed: ['the owner'],
  },
  { what: "delete the owner's profile", operation: remove(`users/${OWNER}`), allowed: NOBODY },
  { what: 'list every profile', operation: list('users'), allowed: NOBODY },
  // usernames
  { what: 'look up who has a username', operation: read('usernames/olive'), allowed: SIGNED_IN },
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
    operation: remove('usernames/olive'),
    allowed: NOBODY,
  },
  { what: 'list every username', operation: list('usernames'), allowed: NOBODY },
  // lists
  { what: 'read the shared list', operation: read(LIST), allowed: MEMBERS },
  {
    what: 'query the lists they are a member of',
    operation: (db, uid) => getDocs(query(collection(db, 'lists'), naming(uid))),
    allowed: SIGNED_IN,
  },
  {
    what: 'query the lists someone else is a member of',
    operation: (db, uid) => getDocs(query(collection(db, 'lists'), naming(someoneElse(uid)))),
    allowed: NOBODY,
  },
  { what: 'list every list', operation: list('lists'), allowed: NOBODY },
  {
    what: 'create a list of their own',
    operation: (db, uid) => setDoc(doc(db, `lists/new-${uid}`), newList(uid)),
    allowed: SIGNED_IN,
  },
  {
    what: 'rename the shared list',
    operation: update(LIST, { title: 'Renamed', updatedAt: serverTimestamp() }),
    allowed: ['the owner'],
  },
  {
    what: 'reorder the shared list',
    operation: update(LIST, { order: 7, updatedAt: serverTimestamp() }),
    allowed: ['the owner'],
  },
  {
    what: 'add a member by writing the list directly',
    operation: update(LIST, {
      [`members.${STRANGER}`]: 'editor',
      memberIds: arrayUnion(STRANGER),
      updatedAt: serverTimestamp(),
    }),
    allowed: NOBODY,
  },
  {
    what: "change the shared list's counts",
    operation: update(LIST, { 'counts.open': 99, updatedAt: serverTimestamp() }),
    allowed: NOBODY,
  },
  { what: 'delete the shared list', operation: remove(LIST), allowed: ['the owner'] },
  // todos
  { what: 'read a to-do', operation: read(TODO), allowed: MEMBERS },
  { what: "list the shared list's to-dos", operation: list(`${LIST}/todos`), allowed: MEMBERS },
  {
    what: 'query to-dos across every list',
    operation: (db) => getDocs(collectionGroup(db, 'todos')),
    allowed: NOBODY,
  },
  {
    what: 'query to-dos across the lists they are a member of',
    operation: (db, uid) => getDocs(query(collectionGroup(db, 'todos'), naming(uid))),
    allowed: SIGNED_IN,
  },
  {
    what: 'query what is due today and overdue across their lists',
    operation: (db, uid) =>
      getDocs(
        query(
          collectionGroup(db, 'todos'),
          naming(uid),
          where('done', '==', false),
          where('due.date', '<=', '2026-03-04'),
          orderBy('due.date'),
        ),
      ),
    allowed: SIGNED_IN,
  },
  {
    what: "query to-dos across someone else's lists",
    operation: (db, uid) => getDocs(query(collectionGroup(db, 'todos'), naming(someoneElse(uid)))),
    allowed: NOBODY,
  },
  {
    what: 'query upcoming to-dos across every list without naming themselves',
    operation: (db) =>
      getDocs(
        query(
          collectionGroup(db, 'todos'),
          where('done', '==', false),
          where('due.date', '>=', '2026-03-01'),
          orderBy('due.date'),
        ),
      ),
    allowed: NOBODY,
  },
  {
    what: 'add a to-do',
    operation: (db, uid) => setDoc(doc(db, `${LIST}/todos/new`), newTodo(uid)),
    allowed: WRITERS,
  },
  {
    what: "edit a to-do's title",
    operation: update(TODO, { title: 'Buy oat milk', updatedAt: serverTimestamp() }),
    allowed: WRITERS,
  },
  {
    what: 'complete a to-do',
    operation: update(TODO, {
      done: true,
      completedAt: serverTimestamp(),
      updatedAt: serverTimestamp(),
    }),
    allowed: WRITERS,
  },
  {
    what: 'reopen a completed to-do',
    operation: update(DONE_TODO, {
      done: false,
      completedAt: null,
      updatedAt: serverTimestamp(),
    }),
    allowed: WRITERS,
  },
  {
    what: 'give a to-do a due date with a time and its zone',
    operation: update(TODO, {
      due: { date: '2026-12-10', time: '17:00', timeZone: 'America/Los_Angeles' },
      updatedAt: serverTimestamp(),
    }),
    allowed: WRITERS,
  },
  {
    what: 'make a to-do repeat every weekday',
    operation: update(TODO, {
      due: { date: '2026-12-10' },
      repeat: 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR',
      updatedAt: serverTimestamp(),
    }),
    allowed: WRITERS,
  },
  {
    what: 'set a reminder on a to-do',
    operation: (db, uid) =>
      updateDoc(doc(db, REPEATING_TODO), {
        reminders: [{ id: 'r1', uid, before: 30 }],
        updatedAt: serverTimestamp(),
      }),
    allowed: WRITERS,
  },
  {
    what: 'add a step to a to-do',
    operation: update(TODO, {
      subtasks: [{ id: 's1', title: 'Find the bottle', done: false }],
      updatedAt: serverTimestamp(),
    }),
    allowed: WRITERS,
  },
  {
    what: 'complete an occurrence of a repeating to-do',
    operation: update(REPEATING_TODO, {
      done: true,
      completedAt: serverTimestamp(),
      due: WEEKLY_DUE,
      updatedAt: serverTimestamp(),
    }),
    allowed: WRITERS,
  },
  {
    what: "change a to-do's memberIds",
    operation: update(TODO, { memberIds: arrayUnion(STRANGER), updatedAt: serverTimestamp() }),
    allowed: NOBODY,
  },
  { what: 'delete a to-do', operation: remove(TODO), allowed: WRITERS },
  // attachments
  { what: 'read an attachment', operation: read(ATTACHMENT), allowed: MEMBERS },
  { what: "list a to-do's attachments", operation: list(`${TODO}/attachments`), allowed: MEMBERS },
  {
    what: 'add an attachment',
    operation: (db, uid) => setDoc(doc(db, `${TODO}/attachments/new`), newAttachment(uid)),
    allowed: WRITERS,
  },
  {
    what: 'mark an attachment ready',
    operation: update(ATTACHMENT, { status: 'ready', width: 10, height: 10 }),
    allowed: NOBODY,
  },
  { what: 'delete an attachment', operation: remove(ATTACHMENT), allowed: WRITERS },
  // notifications
  { what: "read the owner's notification", operation: read(NOTIFICATION), allowed: ['the owner'] },
  {
    what: "list the owner's notifications, newest first",
    operation: (db) =>
      getDocs(query(collection(db, `users/${OWNER}/notifications`), orderBy('createdAt', 'desc'))),
    allowed: ['the owner'],
  },
  {
    what: "count the owner's unread notifications",
    operation: (db) =>
      getDocs(query(collection(db, `users/${OWNER}/notifications`), where('read', '==', false))),
    allowed: ['the owner'],
  },
  {
    what: "mark the owner's notification read",
    operation: update(NOTIFICATION, { read: true }),
    allowed: ['the owner'],
  },
  {
    what: "change the text of the owner's notification",
    operation: update(NOTIFICATION, { title: 'Pay Stan' }),
    allowed: NOBODY,
  },
  {
    what: 'write a notification for the owner',
    operation: write(`users/${OWNER}/notifications/forged`, {
      title: 'Forged',
      body: 'Due now',
      listId: 'shared',
      todoId: 'open-todo',
      createdAt: serverTimestamp(),
      read: false,
    }),
    allowed: NOBODY,
  },
  {
    what: "delete the owner's notification",
    operation: remove(NOTIFICATION),
    allowed: ['the owner'],
  },
  // push tokens
  {
    what: "register a browser's push token for the owner",
    operation: write(`users/${OWNER}/pushTokens/token-2`, {
      token: 'token-2',
      createdAt: serverTimestamp(),
    }),
    allowed: ['the owner'],
  },
  { what: "read the owner's push token", operation: read(PUSH_TOKEN), allowed: ['the owner'] },
  {
    what: "list the owner's push tokens",
    operation: list(`users/${OWNER}/pushTokens`),
    allowed: ['the owner'],
  },
  {
    what: "change the owner's push token",
    operation: update(PUSH_TOKEN, { createdAt: serverTimestamp() }),
    allowed: NOBODY,
  },
  { what: "delete the owner's push token", operation: remove(PUSH_TOKEN), allowed: ['the owner'] },
  // everything else
  {
    what: 'write a document outside the data model',
    operation: write('appliedEvents/forged', { listId: 'shared' }),
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

// The schedule and checklist fields, checked the same way on create and on edit: each case is
// [name, the to-do with the field changed, allowed].
const AT = { date: '2026-03-01', time: '08:00', timeZone: 'Asia/Kolkata' };
const TIMED = { date: '2026-03-02', time: '09:00', timeZone: 'Europe/Berlin' };
const reminder = (fields: Record<string, unknown> = {}) =>
  Object.fromEntries(
    Object.entries({ id: 'r1', uid: EDITOR, before: 30, ...fields }).filter(
      ([, value]) => value !== undefined,
    ),
  );
const steps = (count: number, length = 4) =>
  Array.from({ length: count }, (_, i) => ({
    id: `s${i}`,
    title: `${i}`.padEnd(length, 's'),
    done: i % 2 === 0,
  }));
type Fields = Record<string, unknown>;

/** A to-do with every field at its largest: 10 tags, 5 reminders, a timed repeating due date. */
function largestTodo(subtasks: Fields[] = []): Fields {
  return newTodo(EDITOR, {
    title: 'x'.repeat(200),
    tags: tags(10, 30),
    due: { date: '2028-02-29', time: '23:30', timeZone: 'America/Argentina/Buenos_Aires' },
    repeat: 'FREQ=MONTHLY;INTERVAL=12;BYMONTHDAY=-1;BYDAY=-1FR;BYSETPOS=1;WKST=SU;COUNT=999',
    reminders: [
      ...Array.from({ length: 4 }, (_, i) => reminder({ id: `r${i}`, uid: OWNER })),
      reminder({ id: 'r4', uid: VIEWER, before: undefined, at: AT }),
    ],
    subtasks,
  });
}

function dueCases(todo: Fields): Case[] {
  const due = (value: unknown) => ({ ...todo, due: value });
  return [
    ['a due date is accepted', due({ date: '2026-12-10' }), true],
    ['no due date (null) is accepted', due(null), true],
    ['Feb 29 of a leap year is accepted', due({ date: '2028-02-29' }), true],
    ['Feb 29 of 2000 is accepted', due({ date: '2000-02-29' }), true],
    ['Feb 29 of a year that is not leap is refused', due({ date: '2026-02-29' }), false],
    ['Feb 29 of 2100 is refused', due({ date: '2100-02-29' }), false],
    ['2026-02-30 is refused', due({ date: '2026-02-30' }), false],
    ['April 31 is refused', due({ date: '2026-04-31' }), false],
    ['month 13 is refused', due({ date: '2026-13-01' }), false],
    ['day 00 is refused', due({ date: '2026-01-00' }), false],
    ['a date not written YYYY-MM-DD is refused', due({ date: '2026-1-5' }), false],
    ['a date-time is refused', due({ date: '2026-01-05T00:00' }), false],
    ['a due date that is text is refused', due('2026-12-10'), false],
    ['a due date that is a timestamp is refused', due(past), false],
    ['a due date without a date is refused', due({ time: '09:00', timeZone: 'UTC' }), false],
    ['a time with its zone is accepted', due(TIMED), true],
    ['a time in UTC is accepted', due({ ...TIMED, timeZone: 'UTC' }), true],
    [
      'a zone by its old name (Asia/Calcutta) is accepted',
      due({ ...TIMED, timeZone: 'Asia/Calcutta' }),
      true,
    ],
    ['a time without a zone is refused', due({ date: '2026-03-02', time: '09:00' }), false],
    ['a zone without a time is refused', due({ date: '2026-03-02', timeZone: 'UTC' }), false],
    ['an unknown zone is refused', due({ ...TIMED, timeZone: 'Mars/Olympus' }), false],
    ['a misspelt zone is refused', due({ ...TIMED, timeZone: 'Europe/Berlinn' }), false],
    ['a zone in lower case is refused', due({ ...TIMED, timeZone: 'europe/berlin' }), false],
    ['an offset instead of a zone is refused', due({ ...TIMED, timeZone: '+01:00' }), false],
    ['24:00 is refused', due({ ...TIMED, time: '24:00' }), false],
    ['a time without its leading zero is refused', due({ ...TIMED, time: '9:00' }), false],
    ['an unknown key in the due date is refused', due({ ...TIMED, all_day: false }), false],
  ];
}

function repeatCases(todo: Fields): Case[] {
  const repeat = (value: unknown) => ({ ...todo, due: { date: '2026-01-31' }, repeat: value });
  return [
    ['a weekly rule is accepted', repeat('FREQ=WEEKLY;BYDAY=MO,WE'), true],
    ['the last day of every month is accepted', repeat('FREQ=MONTHLY;BYMONTHDAY=-1'), true],
    ['every 2 years, 5 times is accepted', repeat('FREQ=YEARLY;INTERVAL=2;COUNT=5'), true],
    ['a rule until a date is accepted', repeat('FREQ=DAILY;UNTIL=20261231'), true],
    ['a rule until an instant is accepted', repeat('FREQ=DAILY;UNTIL=20261231T170000Z'), true],
    ['a rule not in canonical form is refused', repeat('freq=weekly'), false],
    ['parts out of canonical order are refused', repeat('FREQ=WEEKLY;COUNT=3;INTERVAL=2'), false],
    ['an hourly rule is refused', repeat('FREQ=HOURLY'), false],
    [
      'a rule with both COUNT and UNTIL is refused',
      repeat('FREQ=DAILY;COUNT=2;UNTIL=20261231'),
      false,
    ],
    ['a rule that is not text is refused', repeat(7), false],
    [
      'a rule of 201 characters is refused',
      repeat(`FREQ=WEEKLY;BYDAY=${'MO,'.repeat(61)}MO`),
      false,
    ],
    ['a repeat without a due date is refused', { ...todo, due: null, repeat: 'FREQ=DAILY' }, false],
  ];
}

function reminderCases(todo: Fields): Case[] {
  const reminders = (list: unknown, due: unknown = TIMED) => ({ ...todo, due, reminders: list });
  return [
    ['a reminder 30 minutes before a timed due date is accepted', reminders([reminder()]), true],
    [
      'a reminder at the due time (0 before) is accepted',
      reminders([reminder({ before: 0 })]),
      true,
    ],
    ['a reminder four weeks before is accepted', reminders([reminder({ before: 40320 })]), true],
    [
      'a reminder more than four weeks before is refused',
      reminders([reminder({ before: 40321 })]),
      false,
    ],
    ['a reminder after the due time is refused', reminders([reminder({ before: -5 })]), false],
    ['a reminder of fractional minutes is refused', reminders([reminder({ before: 1.5 })]), false],
    [
      'a reminder before a due date without a time is refused',
      reminders([reminder()], { date: '2026-03-02' }),
      false,
    ],
    ['a reminder before no due date is refused', reminders([reminder()], null), false],
    [
      'a reminder at a time is accepted',
      reminders([reminder({ before: undefined, at: AT })], null),
      true,
    ],
    [
      'a reminder at 2026-02-30 is refused',
      reminders([reminder({ before: undefined, at: { ...AT, date: '2026-02-30' } })]),
      false,
    ],
    [
      'a reminder in an unknown zone is refused',
      reminders([reminder({ before: undefined, at: { ...AT, timeZone: 'Asia/Nowhere' } })]),
      false,
    ],
    ['a reminder both before and at is refused', reminders([reminder({ at: AT })]), false],
    [
      'a reminder to every member is accepted',
      reminders(SHARED_MEMBERS.map((uid, i) => reminder({ id: `r${i}`, uid }))),
      true,
    ],
    ['a reminder to a stranger is refused', reminders([reminder({ uid: STRANGER })]), false],
    ['a reminder without an id is refused', reminders([reminder({ id: undefined })]), false],
    ['a reminder id with a slash is refused', reminders([reminder({ id: 'a/b' })]), false],
    ['an unknown key in a reminder is refused', reminders([reminder({ sound: 'bell' })]), false],
    [
      '5 reminders are accepted',
      reminders(Array.from({ length: 5 }, (_, i) => reminder({ id: `r${i}` }))),
      true,
    ],
    [
      '6 reminders are refused',
      reminders(Array.from({ length: 6 }, (_, i) => reminder({ id: `r${i}` }))),
      false,
    ],
    ['reminders that are not a list are refused', reminders(reminder()), false],
  ];
}

function subtaskCases(todo: Fields): Case[] {
  const subtasks = (list: unknown) => ({ ...todo, subtasks: list });
  return [
    ['a step is accepted', subtasks(steps(1)), true],
    ['50 steps of 200 characters are accepted', subtasks(steps(50, 200)), true],
    ['51 steps are refused', subtasks(steps(51)), false],
    ['an empty step is refused', subtasks([{ id: 's', title: '', done: false }]), false],
    ['a step of 201 characters is refused', subtasks(steps(1, 201)), false],
    ['a step without done is refused', subtasks([{ id: 's', title: 'Step' }]), false],
    [
      'a step whose done is text is refused',
      subtasks([{ id: 's', title: 'Step', done: 'no' }]),
      false,
    ],
    ['a step with a bad id is refused', subtasks([{ id: '', title: 'Step', done: false }]), false],
    [
      'an unknown key in a step is refused',
      subtasks([{ id: 's', title: 'Step', done: false, due: null }]),
      false,
    ],
    [
      'the 50th step is checked too',
      subtasks([...steps(49), { id: 'last', title: 7, done: false }]),
      false,
    ],
    ['steps that are not a list are refused', subtasks({ s: 'Step' }), false],
  ];
}

const tags = (count: number, length = 5) =>
  Array.from({ length: count }, (_, i) => `${i}`.padEnd(length, 't'));

describe('a new to-do (added by an editor)', () => {
  const valid = newTodo(EDITOR);
  const LARGEST_NEW = largestTodo();
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
    ...dueCases(valid),
    ...repeatCases(valid),
    ...reminderCases(valid),
    [
      'the largest new to-do (10 tags, 5 reminders, a timed repeating due date) is accepted',
      LARGEST_NEW,
      true,
    ],
    [
      'a new to-do with steps is refused (they are added by edits)',
      { ...valid, subtasks: steps(1) },
      false,
    ],
    ['the old dueAt field is refused', { ...valid, dueAt: past }, false],
    ['a to-do without memberIds is refused', omit(valid, 'memberIds'), false],
    [
      "memberIds other than the list's are refused",
      { ...valid, memberIds: [OWNER, EDITOR] },
      false,
    ],
    [
      'memberIds naming a stranger are refused',
      { ...valid, memberIds: [...SHARED_MEMBERS, STRANGER] },
      false,
    ],
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
        due: { date: '2026-12-10' },
        priority: 2,
        tags: ['home'],
        ...now,
      },
      true,
    ],
    ...[...dueCases({}), ...repeatCases({}), ...reminderCases({}), ...subtaskCases({})].map(
      ([name, data, allowed]): [string, string, Fields, boolean] => [
        name,
        TODO,
        { ...data, ...now },
        allowed,
      ],
    ),
    [
      'completing a repeating to-do with the due date it showed is accepted',
      REPEATING_TODO,
      { done: true, completedAt: serverTimestamp(), due: WEEKLY_DUE, ...now },
      true,
    ],
    [
      'completing an occurrence that has since moved on is refused',
      REPEATING_TODO,
      {
        done: true,
        completedAt: serverTimestamp(),
        due: { ...WEEKLY_DUE, date: '2026-02-23' },
        ...now,
      },
      false,
    ],
    [
      'moving the due date of a completed to-do is accepted',
      DONE_TODO,
      { due: { date: '2026-12-10' }, ...now },
      true,
    ],
    [
      'the 50th step of the largest to-do (every step rewritten) is accepted',
      LARGEST_TODO,
      { subtasks: steps(50, 200), ...now },
      true,
    ],
    [
      'completing the largest to-do is accepted',
      LARGEST_TODO,
      { done: true, completedAt: serverTimestamp(), ...now },
      true,
    ],
    [
      'moving the largest to-do and its reminders is accepted',
      LARGEST_TODO,
      {
        due: { date: '2028-03-31', time: '23:30', timeZone: 'America/Argentina/Buenos_Aires' },
        reminders: (largestTodo().reminders as Fields[]).map((r) => ({ ...r, id: `${r.id}x` })),
        ...now,
      },
      true,
    ],
    ['setting the old dueAt field is refused', TODO, { dueAt: past, ...now }, false],
    [
      'completing an old to-do, writing the due date it was read as, is accepted',
      OLD_TODO,
      { done: true, completedAt: serverTimestamp(), due: { date: '2020-01-01' }, ...now },
      true,
    ],
    ['renaming an old to-do is accepted', OLD_TODO, { title: 'Still old', ...now }, true],
    [
      'giving an old to-do steps is accepted',
      OLD_TODO,
      { subtasks: [{ id: 's1', title: 'First', done: false }], ...now },
      true,
    ],
    ['changing an old to-do’s dueAt is refused', OLD_TODO, { dueAt: null, ...now }, false],
    ['writing memberIds unchanged is accepted', TODO, { memberIds: SHARED_MEMBERS, ...now }, true],
    [
      'adding someone to memberIds is refused',
      TODO,
      { memberIds: [...SHARED_MEMBERS, STRANGER], ...now },
      false,
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
