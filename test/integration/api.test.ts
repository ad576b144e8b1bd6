// The REST API end to end: real ID tokens from the Auth emulator, the function in the Functions
// emulator, data in the Firestore emulator. Every JSON response is checked against the OpenAPI
// document the API itself serves.
import { beforeAll, describe, expect, it } from 'vitest';
import { FieldValue, Timestamp } from 'firebase-admin/firestore';
import { adminDb } from '../support/admin.js';
import { newTodoData, newListData } from '../support/newDocuments.js';
import { addDays, todayIn } from '../../functions/src/model/index.js';
import { createUser, type TestUser } from '../support/authUsers.js';
import {
  apiBase,
  callApi,
  functionUrl,
  seedSharedList,
  storedTodos,
  type SharedList,
} from '../support/apiClient.js';
import { documentedResponses, servedOpenApi } from '../support/apiDocument.js';
import type { OpenApiLike } from '../../functions/src/testing/apiOpenApi.js';

let document: OpenApiLike;
let shared: SharedList;

/** Asserts the status and that the body is what the OpenAPI document promises for it. */
let expectDocumented: ReturnType<typeof documentedResponses>;

async function seedTodo(listId: string, fields: Record<string, unknown> = {}) {
  const data = newTodoData(shared.owner.uid, FieldValue.serverTimestamp(), {
    title: 'Seeded',
    order: 1024,
    ...fields,
  });
  const ref = await adminDb.collection(`lists/${listId}/todos`).add(data);
  return ref.id;
}

beforeAll(async () => {
  document = await servedOpenApi();
  expectDocumented = documentedResponses(document);
  shared = await seedSharedList('API list');
});

describe('GET /openapi.json', () => {
  it('serves an OpenAPI 3.1 document of every endpoint, without sign-in', () => {
    expect(document).toMatchObject({ openapi: '3.1.0' });
    expect(Object.keys(document.paths).sort()).toEqual([
      '/lists',
      '/lists/{listId}/members',
      '/lists/{listId}/members/{uid}',
      '/lists/{listId}/todos',
      '/lists/{listId}/todos/{todoId}',
      '/lists/{listId}/todos/{todoId}/complete',
      '/openapi.json',
      '/todos',
      '/users/{username}',
    ]);
  });
});

describe('GET /users/{username}', () => {
  let person: TestUser;
  const username = `ada_${Date.now().toString(36)}`;

  beforeAll(async () => {
    person = await createUser('api-profile');
    const created = Timestamp.fromDate(new Date('2026-03-04T05:06:07.000Z'));
    await adminDb.doc(`users/${person.uid}`).set({
      displayName: 'Ada Lovelace',
      username,
      photoURL: null,
      createdAt: created,
      updatedAt: created,
    });
    await adminDb.doc(`usernames/${username}`).set({ uid: person.uid });
  });

  it('returns the public profile to anyone, and nothing private', async () => {
    const result = await callApi('GET', `/users/${username}`);
    expectDocumented(result, 'GET', '/users/{username}', 200);
    expect(result.body).toEqual({
      username,
      displayName: 'Ada Lovelace',
      memberSince: '2026-03-04T05:06:07.000Z',
    });
    expect(result.text).not.toContain(person.uid);
    expect(result.text).not.toContain(person.email);
  });

  it('finds the name whatever its case', async () => {
    const result = await callApi('GET', `/users/${username.toUpperCase()}`);
    expect(result.body?.username).toBe(username);
  });

  it.each([
    ['an unclaimed name', 'nobody_has_this_1'],
    ['a name nobody could claim', 'a'],
    ['a reserved name', 'admin'],
    ['an encoded path', '..%2Fusers'],
  ])('answers 404 for %s', async (_what, name) => {
    const result = await callApi('GET', `/users/${name}`);
    expectDocumented(result, 'GET', '/users/{username}', 404);
    expect(result.body.error.code).toBe('not-found');
  });
});

describe('GET /lists', () => {
  it("lists the caller's lists with their role", async () => {
    const asOwner = await callApi('GET', '/lists', { token: shared.owner.idToken });
    expectDocumented(asOwner, 'GET', '/lists', 200);
    expect(asOwner.body.lists).toContainEqual(
      expect.objectContaining({ id: shared.listId, role: 'owner', title: 'API list' }),
    );
    const asViewer = await callApi('GET', '/lists', { token: shared.viewer.idToken });
    expect(asViewer.body.lists).toContainEqual(
      expect.objectContaining({ id: shared.listId, role: 'viewer' }),
    );
  });

  it('never shows a stranger a list they are not in', async () => {
    const result = await callApi('GET', '/lists', { token: shared.stranger.idToken });
    expectDocumented(result, 'GET', '/lists', 200);
    expect(result.body.lists.map((list: { id: string }) => list.id)).not.toContain(shared.listId);
  });

  it('requires sign-in', async () => {
    const result = await callApi('GET', '/lists');
    expectDocumented(result, 'GET', '/lists', 401);
    expect(result.headers.get('www-authenticate')).toBe('Bearer');
  });
});

describe('POST /lists', () => {
  it('creates a list the caller owns, after their own lists, that anyone else cannot see', async () => {
    const before = await callApi('GET', '/lists', { token: shared.stranger.idToken });
    const created = await callApi('POST', '/lists', {
      token: shared.stranger.idToken,
      body: { title: '  Trip to Lisbon ' },
    });
    expectDocumented(created, 'POST', '/lists', 201);
    expect(created.body).toMatchObject({
      title: 'Trip to Lisbon',
      ownerId: shared.stranger.uid,
      role: 'owner',
      counts: { open: 0, done: 0 },
    });
    const own = (before.body.lists as { ownerId: string; order: number }[]).filter(
      (list) => list.ownerId === shared.stranger.uid,
    );
    expect(created.body.order).toBeGreaterThan(Math.max(0, ...own.map((list) => list.order)));
    const after = await callApi('GET', '/lists', { token: shared.stranger.idToken });
    expect(after.body.lists.at(-1)).toEqual(created.body);
    const stored = (await adminDb.doc(`lists/${created.body.id}`).get()).data();
    expect(stored).toMatchObject({
      members: { [shared.stranger.uid]: 'owner' },
      memberIds: [shared.stranger.uid],
    });
    const asOwner = await callApi('GET', '/lists', { token: shared.owner.idToken });
    expect(asOwner.body.lists.map((list: { id: string }) => list.id)).not.toContain(
      created.body.id,
    );
  });

  it.each([
    [{ title: '   ' }, /^title: /],
    [{ title: 'x'.repeat(101) }, /^title: /],
    [{ title: 'x', ownerId: 'someone' }, /^ownerId: /],
  ])('refuses %j, naming the field, and creates nothing', async (body, message) => {
    const before = await callApi('GET', '/lists', { token: shared.stranger.idToken });
    const result = await callApi('POST', '/lists', { token: shared.stranger.idToken, body });
    expectDocumented(result, 'POST', '/lists', 400);
    expect(result.body.error.message).toMatch(message);
    const after = await callApi('GET', '/lists', { token: shared.stranger.idToken });
    expect(after.body.lists).toHaveLength(before.body.lists.length);
  });
});

describe('to-dos', () => {
  const todosPath = () => `/lists/${shared.listId}/todos`;
  const todoPath = (id: string) => `${todosPath()}/${id}`;

  it('an editor creates a to-do; the server sets what the body may not', async () => {
    const result = await callApi('POST', todosPath(), {
      token: shared.editor.idToken,
      body: {
        title: '  Buy milk ',
        priority: 2,
        tags: ['shop'],
        due: { date: '2030-01-31', time: '09:00', timeZone: 'Europe/Berlin' },
      },
    });
    expectDocumented(result, 'POST', '/lists/{listId}/todos', 201);
    expect(result.body).toMatchObject({
      listId: shared.listId,
      title: 'Buy milk',
      done: false,
      completedAt: null,
      due: { date: '2030-01-31', time: '09:00', timeZone: 'Europe/Berlin' },
      repeat: null,
      reminders: [],
      subtasks: [],
      priority: 2,
      tags: ['shop'],
      createdBy: shared.editor.uid,
      attachmentCount: 0,
    });
    const stored = (
      await adminDb.doc(`lists/${shared.listId}/todos/${result.body.id}`).get()
    ).data();
    expect(stored?.createdBy).toBe(shared.editor.uid);
    expect(stored?.createdAt).toBeInstanceOf(Timestamp);
    expect(stored?.createdAt.toDate().toISOString()).toBe(result.body.createdAt);
    expect(Object.keys(stored ?? {}).sort()).toEqual([
      'attachmentCount',
      'completedAt',
      'createdAt',
      'createdBy',
      'done',
      'due',
      'memberIds',
      'notes',
      'order',
      'priority',
      'reminders',
      'repeat',
      'subtasks',
      'tags',
      'title',
      'updatedAt',
    ]);
    expect(stored?.memberIds).toEqual(
      (await adminDb.doc(`lists/${shared.listId}`).get()).get('memberIds'),
    );
  });

  it('reads a to-do stored before due dates were calendar days as the day it meant', async () => {
    // Written by the old web app in Los Angeles: the midnight there of Dec 10, as an instant.
    const ref = adminDb.collection(`lists/${shared.listId}/todos`).doc();
    await ref.set({
      title: 'From before',
      notes: '',
      done: false,
      completedAt: null,
      dueAt: Timestamp.fromDate(new Date('2026-12-10T08:00:00Z')),
      priority: 0,
      tags: [],
      order: 1,
      createdBy: shared.owner.uid,
      createdAt: FieldValue.serverTimestamp(),
      updatedAt: FieldValue.serverTimestamp(),
      attachmentCount: 0,
    });
    const result = await callApi('GET', todoPath(ref.id), { token: shared.viewer.idToken });
    expectDocumented(result, 'GET', '/lists/{listId}/todos/{todoId}', 200);
    expect(result.body).toMatchObject({
      due: { date: '2026-12-10' },
      repeat: null,
      reminders: [],
      subtasks: [],
    });
    expect(result.body).not.toHaveProperty('dueAt');
    await ref.delete();
  });

  it('puts a new to-do after the last one unless given an order', async () => {
    const { listId, owner } = await seedSharedList('Ordering');
    const first = await callApi('POST', `/lists/${listId}/todos`, {
      token: owner.idToken,
      body: { title: 'a' },
    });
    const second = await callApi('POST', `/lists/${listId}/todos`, {
      token: owner.idToken,
      body: { title: 'b' },
    });
    const placed = await callApi('POST', `/lists/${listId}/todos`, {
      token: owner.idToken,
      body: { title: 'c', order: -7.5 },
    });
    expect([first.body.order, second.body.order, placed.body.order]).toEqual([1024, 2048, -7.5]);
  });

  it('a viewer may not create (403), a stranger learns nothing (404), and nothing is written', async () => {
    const before = await storedTodos(shared.listId);
    const asViewer = await callApi('POST', todosPath(), {
      token: shared.viewer.idToken,
      body: { title: 'x' },
    });
    expectDocumented(asViewer, 'POST', '/lists/{listId}/todos', 403);
    const asStranger = await callApi('POST', todosPath(), {
      token: shared.stranger.idToken,
      body: { title: 'x' },
    });
    expectDocumented(asStranger, 'POST', '/lists/{listId}/todos', 404);
    const missing = await callApi('POST', '/lists/no-such-list/todos', {
      token: shared.owner.idToken,
      body: { title: 'x' },
    });
    expect(missing.status).toBe(404);
    expect(asStranger.body.error.message).toBe(missing.body.error.message);
    expect(await storedTodos(shared.listId)).toEqual(before);
  });

  it('reads one to-do as a viewer, and hides it from a stranger', async () => {
    const id = await seedTodo(shared.listId, { title: 'Readable' });
    const asViewer = await callApi('GET', todoPath(id), { token: shared.viewer.idToken });
    expectDocumented(asViewer, 'GET', '/lists/{listId}/todos/{todoId}', 200);
    expect(asViewer.body).toMatchObject({ id, title: 'Readable' });
    const asStranger = await callApi('GET', todoPath(id), { token: shared.stranger.idToken });
    expectDocumented(asStranger, 'GET', '/lists/{listId}/todos/{todoId}', 404);
    expect(asStranger.text).not.toContain('Readable');
    const missing = await callApi('GET', todoPath('no-such-todo'), {
      token: shared.viewer.idToken,
    });
    expectDocumented(missing, 'GET', '/lists/{listId}/todos/{todoId}', 404);
  });

  it('edits fields, keeping completedAt in step with done', async () => {
    const id = await seedTodo(shared.listId);
    const done = await callApi('PATCH', todoPath(id), {
      token: shared.editor.idToken,
      body: { title: 'Edited', done: true },
    });
    expectDocumented(done, 'PATCH', '/lists/{listId}/todos/{todoId}', 200);
    expect(done.body).toMatchObject({
      title: 'Edited',
      done: true,
      completedAt: expect.any(String),
    });
    const reopened = await callApi('PATCH', todoPath(id), {
      token: shared.owner.idToken,
      body: { done: false, due: null },
    });
    expect(reopened.body).toMatchObject({ done: false, completedAt: null, due: null });
    expect(Date.parse(reopened.body.updatedAt)).toBeGreaterThanOrEqual(
      Date.parse(done.body.updatedAt),
    );
  });

  it('refuses edits from viewers and of server-owned fields, changing nothing', async () => {
    const id = await seedTodo(shared.listId, { title: 'Untouched' });
    const before = await storedTodos(shared.listId);
    const asViewer = await callApi('PATCH', todoPath(id), {
      token: shared.viewer.idToken,
      body: { title: 'Hacked' },
    });
    expectDocumented(asViewer, 'PATCH', '/lists/{listId}/todos/{todoId}', 403);
    const owned = await callApi('PATCH', todoPath(id), {
      token: shared.owner.idToken,
      body: { createdBy: shared.stranger.uid },
    });
    expectDocumented(owned, 'PATCH', '/lists/{listId}/todos/{todoId}', 400);
    expect(owned.body.error.message).toMatch(/^createdBy: /);
    const empty = await callApi('PATCH', todoPath(id), { token: shared.owner.idToken, body: {} });
    expect(empty.status).toBe(400);
    const missing = await callApi('PATCH', todoPath('no-such-todo'), {
      token: shared.owner.idToken,
      body: { title: 'x' },
    });
    expectDocumented(missing, 'PATCH', '/lists/{listId}/todos/{todoId}', 404);
    expect(await storedTodos(shared.listId)).toEqual(before);
  });

  it('completes an open to-do once; completing it again is a conflict', async () => {
    const id = await seedTodo(shared.listId);
    const first = await callApi('POST', `${todoPath(id)}/complete`, {
      token: shared.editor.idToken,
    });
    expectDocumented(first, 'POST', '/lists/{listId}/todos/{todoId}/complete', 200);
    expect(first.body).toMatchObject({ done: true, completedAt: expect.any(String) });
    const again = await callApi('POST', `${todoPath(id)}/complete`, {
      token: shared.editor.idToken,
    });
    expectDocumented(again, 'POST', '/lists/{listId}/todos/{todoId}/complete', 409);
    expect(again.body.error.code).toBe('failed-precondition');
    const stored = (await adminDb.doc(`lists/${shared.listId}/todos/${id}`).get()).data();
    expect(stored?.completedAt.toDate().toISOString()).toBe(first.body.completedAt);
    const asViewer = await callApi('POST', `${todoPath(await seedTodo(shared.listId))}/complete`, {
      token: shared.viewer.idToken,
    });
    expectDocumented(asViewer, 'POST', '/lists/{listId}/todos/{todoId}/complete', 403);
  });

  it('completing a repeating to-do answers with it open on its next occurrence', async () => {
    const created = await callApi('POST', todosPath(), {
      token: shared.editor.idToken,
      body: {
        title: 'Bins out',
        due: { date: '2026-12-10', time: '19:00', timeZone: 'Europe/Berlin' },
        repeat: 'FREQ=WEEKLY;BYDAY=TH;COUNT=3',
      },
    });
    const path = todoPath(created.body.id);
    const patched = await callApi('PATCH', path, {
      token: shared.editor.idToken,
      body: { done: true },
    });
    expectDocumented(patched, 'PATCH', '/lists/{listId}/todos/{todoId}', 200);
    expect(patched.body).toMatchObject({
      done: false,
      completedAt: null,
      due: { date: '2026-12-17', time: '19:00', timeZone: 'Europe/Berlin' },
      repeat: 'FREQ=WEEKLY;BYDAY=TH;COUNT=2',
    });
    const completed = await callApi('POST', `${path}/complete`, { token: shared.editor.idToken });
    expectDocumented(completed, 'POST', '/lists/{listId}/todos/{todoId}/complete', 200);
    expect(completed.body).toMatchObject({
      done: false,
      due: { date: '2026-12-24' },
      repeat: 'FREQ=WEEKLY;BYDAY=TH;COUNT=1',
    });
    // The last occurrence completes it for good.
    const last = await callApi('POST', `${path}/complete`, { token: shared.editor.idToken });
    expect(last.body).toMatchObject({ done: true, due: { date: '2026-12-24' } });
  });

  it('reads a due date and repeat written in words, in the caller’s zone', async () => {
    const created = await callApi('POST', todosPath(), {
      token: shared.editor.idToken,
      body: { title: 'Stand-up', dueString: 'every monday at 9am', timeZone: 'Europe/Berlin' },
    });
    expectDocumented(created, 'POST', '/lists/{listId}/todos', 201);
    expect(created.body).toMatchObject({
      due: { time: '09:00', timeZone: 'Europe/Berlin' },
      repeat: 'FREQ=WEEKLY;BYDAY=MO',
    });
    expect(new Date(`${created.body.due.date}T12:00:00Z`).getUTCDay()).toBe(1);
    // Words replace the due date and the repeat together.
    const moved = await callApi('PATCH', todoPath(created.body.id), {
      token: shared.editor.idToken,
      body: { dueString: 'in 3 days', timeZone: 'Asia/Kolkata' },
    });
    expectDocumented(moved, 'PATCH', '/lists/{listId}/todos/{todoId}', 200);
    expect(moved.body).toMatchObject({
      due: { date: addDays(todayIn('Asia/Kolkata', new Date()), 3) },
      repeat: null,
    });
    await callApi('DELETE', todoPath(created.body.id), { token: shared.editor.idToken });
  });

  it('answers Today, Upcoming and Overdue across the caller’s lists, in their time zone', async () => {
    const memberIds = (await adminDb.doc(`lists/${shared.listId}`).get()).get('memberIds');
    const today = todayIn('UTC', new Date());
    const seed = (title: string, due: Record<string, string>, extra: object = {}) =>
      seedTodo(shared.listId, { title, due, memberIds, ...extra });
    const ids = {
      overdue: await seed('Overdue', { date: addDays(today, -3) }),
      today: await seed('Today', { date: today }),
      // 23:30 UTC today is already tomorrow in Kolkata (UTC+5:30).
      lateToday: await seed('Late today', { date: today, time: '23:30', timeZone: 'UTC' }),
      soon: await seed('Soon', { date: addDays(today, 3) }),
      later: await seed('Later', { date: addDays(today, 10) }),
      doneToday: await seed(
        'Done today',
        { date: today },
        { done: true, completedAt: Timestamp.now() },
      ),
    };
    // A list the viewer is not in, with a to-do due today.
    const elsewhere = adminDb.collection('lists').doc();
    await elsewhere.set(newListData(shared.owner.uid, FieldValue.serverTimestamp()));
    const hidden = await seedTodo(elsewhere.id, {
      due: { date: today },
      memberIds: [shared.owner.uid],
    });

    const view = async (name: string, timeZone: string) => {
      const result = await callApi(
        'GET',
        `/todos?view=${name}&timeZone=${encodeURIComponent(timeZone)}`,
        {
          token: shared.viewer.idToken,
        },
      );
      expectDocumented(result, 'GET', '/todos', 200);
      const mine = new Set<string>([...Object.values(ids), hidden]);
      return (result.body.todos as { id: string; listId: string }[])
        .filter((todo) => mine.has(todo.id))
        .map((todo) => todo.id);
    };
    expect(await view('today', 'UTC')).toEqual([ids.today, ids.lateToday]);
    expect(await view('overdue', 'UTC')).toEqual([ids.overdue]);
    expect(await view('upcoming', 'UTC')).toEqual([ids.soon]);
    // In Kolkata the dated to-do is due the same day; the one timed 23:30 UTC is tomorrow there,
    // or today once Kolkata's day has moved on (after 18:30 UTC), when the dated one is overdue.
    if (todayIn('Asia/Kolkata', new Date()) === today) {
      expect(await view('today', 'Asia/Kolkata')).toEqual([ids.today]);
      expect(await view('upcoming', 'Asia/Kolkata')).toEqual([ids.lateToday, ids.soon]);
    } else {
      expect(await view('today', 'Asia/Kolkata')).toEqual([ids.lateToday]);
      expect(await view('overdue', 'Asia/Kolkata')).toEqual([ids.overdue, ids.today]);
    }

    const bad = await callApi('GET', '/todos?view=someday', { token: shared.viewer.idToken });
    expectDocumented(bad, 'GET', '/todos', 400);
    expect(bad.body.error.message).toMatch(/^view: /);
    const badZone = await callApi('GET', '/todos?view=today&timeZone=Mars%2FOlympus', {
      token: shared.viewer.idToken,
    });
    expect(badZone.status).toBe(400);
    expect(badZone.body.error.message).toMatch(/^timeZone: /);
  });

  it('deletes for editors only', async () => {
    const id = await seedTodo(shared.listId);
    const asViewer = await callApi('DELETE', todoPath(id), { token: shared.viewer.idToken });
    expectDocumented(asViewer, 'DELETE', '/lists/{listId}/todos/{todoId}', 403);
    const asStranger = await callApi('DELETE', todoPath(id), { token: shared.stranger.idToken });
    expectDocumented(asStranger, 'DELETE', '/lists/{listId}/todos/{todoId}', 404);
    expect((await adminDb.doc(`lists/${shared.listId}/todos/${id}`).get()).exists).toBe(true);
    const deleted = await callApi('DELETE', todoPath(id), { token: shared.editor.idToken });
    expectDocumented(deleted, 'DELETE', '/lists/{listId}/todos/{todoId}', 204);
    expect((await adminDb.doc(`lists/${shared.listId}/todos/${id}`).get()).exists).toBe(false);
    expect((await callApi('DELETE', todoPath(id), { token: shared.editor.idToken })).status).toBe(
      404,
    );
  });
});

describe('GET /lists/{listId}/todos', () => {
  let paged: SharedList;
  const ids: string[] = [];

  beforeAll(async () => {
    paged = await seedSharedList('Paged');
    // Seven to-dos, two with equal order (the id breaks the tie), every third one done.
    const orders = [10, 20, 20, 30, 40, 50, 60];
    for (const [index, order] of orders.entries()) {
      const done = index % 3 === 2;
      const ref = adminDb.collection(`lists/${paged.listId}/todos`).doc(`t${index}`);
      await ref.set({
        title: `Todo ${index}`,
        notes: '',
        done,
        completedAt: done ? FieldValue.serverTimestamp() : null,
        // In the shape before calendar-day due dates, which the API still reads (currentTodo).
        dueAt: null,
        priority: 0,
        tags: [],
        order,
        createdBy: paged.owner.uid,
        createdAt: FieldValue.serverTimestamp(),
        updatedAt: FieldValue.serverTimestamp(),
        attachmentCount: 0,
      });
      ids.push(ref.id);
    }
  });

  async function collect(query: string, token: string) {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const suffix: string = cursor ? `&cursor=${cursor}` : '';
      const page = await callApi('GET', `/lists/${paged.listId}/todos?${query}${suffix}`, {
        token,
      });
      expectDocumented(page, 'GET', '/lists/{listId}/todos', 200);
      seen.push(...page.body.todos.map((todo: { id: string }) => todo.id));
      cursor = page.body.nextCursor;
      pages++;
    } while (cursor && pages < 20);
    return { seen, pages };
  }

  it('pages through every to-do in order, by order then id', async () => {
    expect(await collect('limit=3', paged.viewer.idToken)).toEqual({ seen: ids, pages: 3 });
  });

  it('filters by status', async () => {
    const done = await collect('status=done&limit=1', paged.owner.idToken);
    expect(done.seen).toEqual(['t2', 't5']);
    const active = await collect('status=active', paged.owner.idToken);
    expect(active).toEqual({ seen: ['t0', 't1', 't3', 't4', 't6'], pages: 1 });
  });

  it('defaults to 50 per page and says when there is no next page', async () => {
    const page = await callApi('GET', `/lists/${paged.listId}/todos`, {
      token: paged.owner.idToken,
    });
    expect(page.body.todos).toHaveLength(7);
    expect(page.body.nextCursor).toBeNull();
  });

  it.each([
    ['limit=0', /^limit: /],
    ['limit=101', /^limit: /],
    ['limit=ten', /^limit: /],
    ['limit=1&limit=2', /^limit: /],
    ['status=finished', /^status: /],
    ['cursor=!!!', /^cursor: /],
    [`cursor=${Buffer.from('[1,"a/b"]').toString('base64url')}`, /^cursor: /],
    ['colour=blue', /colour/],
  ])('refuses %s with 400 naming the parameter', async (query, message) => {
    const result = await callApi('GET', `/lists/${paged.listId}/todos?${query}`, {
      token: paged.owner.idToken,
    });
    expectDocumented(result, 'GET', '/lists/{listId}/todos', 400);
    expect(result.body.error.message).toMatch(message);
  });

  it('shows a stranger nothing, not even whether the list exists', async () => {
    const result = await callApi('GET', `/lists/${paged.listId}/todos`, {
      token: paged.stranger.idToken,
    });
    expectDocumented(result, 'GET', '/lists/{listId}/todos', 404);
    expect(result.text).not.toContain('Todo ');
    const missing = await callApi('GET', '/lists/no-such-list/todos', {
      token: paged.stranger.idToken,
    });
    expect(missing.body).toEqual(result.body);
  });
});

describe('HTTP behaviour', () => {
  it('answers a wrong method with 405 and Allow', async () => {
    const result = await callApi('PUT', `/lists/${shared.listId}/todos`, {
      token: shared.owner.idToken,
      body: {},
    });
    expect(result.status).toBe(405);
    expect(result.headers.get('allow')).toBe('GET, POST');
    expect(result.body).toMatchObject({ error: { code: 'method-not-allowed' } });
  });

  it('answers unknown addresses with 404 in the error shape', async () => {
    for (const url of [
      `${apiBase}/nothing/here`,
      `${functionUrl}/api/v2/lists`,
      `${functionUrl}/elsewhere`,
    ]) {
      const result = await callApi('GET', url);
      expect(result.status, url).toBe(404);
      expect(result.body).toMatchObject({ error: { code: 'not-found' } });
    }
  });

  it('serves the same API without the /api prefix, as a direct call to the function', async () => {
    const result = await callApi('GET', `${functionUrl}/v1/lists`, { token: shared.owner.idToken });
    expect(result.status).toBe(200);
    expect(result.body.lists).toContainEqual(expect.objectContaining({ id: shared.listId }));
  });

  it('echoes X-Request-Id, or makes one', async () => {
    const echoed = await callApi('GET', '/openapi.json', {
      headers: { 'X-Request-Id': 'trace-42' },
    });
    expect(echoed.headers.get('x-request-id')).toBe('trace-42');
    const made = await callApi('GET', '/openapi.json');
    expect(made.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('allows the configured web origins, and only them', async () => {
    const allowed = await callApi('GET', '/lists', {
      token: shared.owner.idToken,
      headers: { Origin: 'http://localhost:5173' },
    });
    expect(allowed.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    const preflight = await callApi('OPTIONS', `/lists/${shared.listId}/todos`, {
      headers: {
        Origin: 'http://127.0.0.1:5173',
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'authorization, content-type',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('http://127.0.0.1:5173');
    expect(preflight.headers.get('access-control-allow-methods')).toBe('GET, POST');
    expect(preflight.headers.get('access-control-allow-headers')).toMatch(/Authorization/);
    const foreign = await callApi('GET', '/lists', {
      token: shared.owner.idToken,
      headers: { Origin: 'https://evil.example' },
    });
    expect(foreign.status).toBe(200);
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
  });
});
