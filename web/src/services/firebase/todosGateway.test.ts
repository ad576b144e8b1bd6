// @vitest-environment node
import { doc, getDoc, type Timestamp } from 'firebase/firestore';
import { describe, expect, it } from 'vitest';
import { paths, todoCreateSchema } from '@model';
import type { Todo, TodoDraft } from '@/domain/entities';
import { until, useEmulators } from '@/testing/emulators';
import { createListsGateway } from './listsGateway';
import { createTodosGateway } from './todosGateway';

// Queries need the indexes firestore.indexes.json declares, as in production.
const emulators = useEmulators('demo-todos-gateway', { enforceIndexes: true });

/** A to-do titled Milk, the rest as the model's schema defaults them. */
const draft: TodoDraft = todoCreateSchema.parse({ title: 'Milk' });
/** The schedule fields of a to-do without a due date, and of a weekly one with COUNT=n. */
const unscheduled = { due: null, repeat: null, reminders: [] };
const weeklyOf = (count: number) => ({ repeat: `FREQ=WEEKLY;COUNT=${count}`, reminders: [] });

/** What `uid` writes from their laptop, as the app does: new lists, and to-dos in them. */
function writerAs(uid: string) {
  const load = emulators.firestoreAs(uid);
  const gateway = createTodosGateway(load);
  return {
    load,
    gateway,
    async newList(): Promise<string> {
      const { id, written } = createListsGateway(load).createList(uid, 'Groceries', 1024);
      await written;
      return id;
    },
    async newTodo(listId: string, changes: Partial<TodoDraft> = {}): Promise<string> {
      const list = { id: listId, memberIds: [uid] };
      const { id, written } = gateway.createTodo(list, uid, { ...draft, ...changes }, 2048);
      await written;
      return id;
    },
  };
}

const { load: asAlice, gateway: todos, newList, newTodo } = writerAs('alice');

/** The stored document, as the server has it. */
async function stored(listId: string, todoId: string) {
  const { db } = await asAlice();
  return (await getDoc(doc(db, paths.todo(listId, todoId)))).data() ?? null;
}

const confirmed = (listId: string, todoId: string) =>
  until<Todo[]>(
    (observer) => todos.watchTodos(listId, observer),
    (list) => list.some((todo) => todo.id === todoId && !todo.pending),
  ).then((list) => list.find((todo) => todo.id === todoId) as Todo);

describe('todosGateway against the emulator and firestore.rules', () => {
  it('creates the model’s new to-do, and reads it back with Dates and its list', async () => {
    const listId = await newList();
    const due = { date: '2030-01-31', time: '09:00', timeZone: 'Europe/Berlin' };
    // A new to-do starts without steps (firestore.rules): they come with edits.
    const id = await newTodo(listId, { title: 'Milk', due, priority: 2, tags: ['shop'] });
    const todo = await confirmed(listId, id);
    expect(todo).toMatchObject({
      id,
      listId,
      title: 'Milk',
      due,
      repeat: null,
      reminders: [],
      subtasks: [],
      memberIds: ['alice'],
      priority: 2,
      tags: ['shop'],
      done: false,
      completedAt: null,
      order: 2048,
      createdBy: 'alice',
      attachmentCount: 0,
      pending: false,
    });
    expect(todo.createdAt).toBeInstanceOf(Date);
    expect((await stored(listId, id))?.due).toEqual(due);
  });

  it('stamps completedAt when a to-do is completed, keeps it when completed again, clears it on reopening', async () => {
    const listId = await newList();
    const id = await newTodo(listId);
    const before = Date.now();
    await todos.setDone({ listId, id, done: false, ...unscheduled }, true);
    const completedAt = (await stored(listId, id))?.completedAt as Timestamp;
    expect(completedAt.toMillis()).toBeGreaterThanOrEqual(before - 1000);
    expect(completedAt.toMillis()).toBeLessThanOrEqual(Date.now() + 1000);

    await todos.setDone({ listId, id, done: true, ...unscheduled }, true);
    expect(await stored(listId, id)).toMatchObject({ done: true, completedAt });

    await todos.setDone({ listId, id, done: true, ...unscheduled }, false);
    expect(await stored(listId, id)).toMatchObject({ done: false, completedAt: null });
  });

  it('writes an edit with its due date as a calendar date, and the edit time', async () => {
    const listId = await newList();
    const id = await newTodo(listId);
    const created = (await stored(listId, id))?.updatedAt as Timestamp;
    const due = { date: '2031-06-01' };
    await todos.updateTodo(listId, id, { title: 'Oat milk', due, tags: ['a', 'b'] });
    const edited = await stored(listId, id);
    expect(edited).toMatchObject({ title: 'Oat milk', due, tags: ['a', 'b'] });
    expect((edited?.updatedAt as Timestamp).toMillis()).toBeGreaterThanOrEqual(created.toMillis());
    await todos.updateTodo(listId, id, { due: null });
    expect((await stored(listId, id))?.due).toBeNull();
  });

  it('completes a repeating to-do with the due date it shows, which the rules hold to the stored one', async () => {
    const listId = await newList();
    const due = { date: '2031-06-02' };
    const id = await newTodo(listId, { due, repeat: 'FREQ=WEEKLY' });
    const weekly = { repeat: 'FREQ=WEEKLY', reminders: [] };
    const stale = { listId, id, done: false, due: { date: '2031-05-26' }, ...weekly };
    await expect(todos.setDone(stale, true)).rejects.toMatchObject({ code: 'permission-denied' });
    await todos.setDone({ listId, id, done: false, due, ...weekly }, true);
    expect(await stored(listId, id)).toMatchObject({ done: true, due });
  });

  it('reopens a repeating to-do on the occurrence it shows, undoing a roll-over', async () => {
    const listId = await newList();
    const shown = { date: '2031-06-02' };
    const id = await newTodo(listId, { due: shown, repeat: 'FREQ=WEEKLY;COUNT=3' });
    await todos.setDone({ listId, id, done: false, due: shown, ...weeklyOf(3) }, true);
    // What the roll-over leaves (the trigger does not run in this suite): open, a week on.
    await todos.updateTodo(listId, id, {
      due: { date: '2031-06-09' },
      repeat: 'FREQ=WEEKLY;COUNT=2',
    });
    await todos.setDone({ listId, id, done: true, due: shown, ...weeklyOf(3) }, false);
    expect(await stored(listId, id)).toMatchObject({
      done: false,
      completedAt: null,
      due: shown,
      repeat: 'FREQ=WEEKLY;COUNT=3',
    });
  });

  it('deletes the named to-dos and no others', async () => {
    const listId = await newList();
    const [a, b, c] = [await newTodo(listId), await newTodo(listId), await newTodo(listId)];
    await todos.deleteTodos(listId, [a, c]);
    expect([await stored(listId, a), await stored(listId, c)]).toEqual([null, null]);
    expect(await stored(listId, b)).not.toBeNull();
  });

  it('is refused by the rules for someone who is not a member', async () => {
    const listId = await newList();
    const strangers = createTodosGateway(emulators.firestoreAs('mallory'));
    await expect(
      strangers.createTodo({ id: listId, memberIds: ['alice'] }, 'mallory', draft, 1).written,
    ).rejects.toMatchObject({
      code: 'permission-denied',
    });
  });
});

describe('todosGateway.watchDueTodos against the emulator and firestore.rules', () => {
  // Dora and Mallory have lists of their own; nobody else's to-dos are due in 2040. Dora reads
  // on her phone what she wrote on her laptop: the phone's answers come from the server.
  const dora = writerAs('dora');
  const dorasPhone = createTodosGateway(emulators.firestoreAs('dora', 'phone'));

  it('answers the open to-dos of every list of the person due by the day, by due date, live', async () => {
    const [home, work] = [await dora.newList(), await dora.newList()];
    const mallory = writerAs('mallory');
    const strangerList = await mallory.newList();
    await dora.newTodo(home, { title: 'Later', due: { date: '2040-01-20' } });
    await dora.newTodo(home, { title: 'Taxes', due: { date: '2040-01-10' } });
    const rent = await dora.newTodo(work, { title: 'Rent', due: { date: '2040-01-01' } });
    await dora.newTodo(work, { title: 'Undated', due: null });
    const timed = { date: '2040-01-05', time: '09:00', timeZone: 'Europe/Berlin' };
    await dora.newTodo(work, { title: 'Call', due: timed });
    await mallory.newTodo(strangerList, { title: 'Not Dora’s', due: { date: '2040-01-02' } });

    const shown = (todos: Todo[]) => todos.map((todo) => `${todo.title}@${todo.listId}`);
    const first = await until<Todo[]>(
      (observer) => dorasPhone.watchDueTodos('dora', '2040-01-15', observer),
      (todos) => todos.length === 3 && todos.every((todo) => !todo.pending),
    );
    expect(shown(first)).toEqual([`Rent@${work}`, `Call@${work}`, `Taxes@${home}`]);
    expect(first[1]?.due).toEqual(timed);

    // Completing one takes it out of the live answer.
    await dora.gateway.setDone(
      { listId: work, id: rent, done: false, ...unscheduled, due: { date: '2040-01-01' } },
      true,
    );
    const after = await until<Todo[]>(
      (observer) => dorasPhone.watchDueTodos('dora', '2040-01-15', observer),
      (todos) => todos.length === 2,
    );
    expect(shown(after)).toEqual([`Call@${work}`, `Taxes@${home}`]);
  });

  it('is refused for a person who asks for someone else’s to-dos', async () => {
    const error = new Promise((resolve) => {
      dorasPhone.watchDueTodos('mallory', '2040-01-15', { next: () => {}, error: resolve });
    });
    await expect(error).resolves.toMatchObject({ code: 'permission-denied' });
  });
});

describe('todosGateway.watchMyTodos against the emulator and firestore.rules', () => {
  // Sam searches; Mallory has a list of her own. Sam reads on his phone what he wrote on his
  // laptop, so the phone's answers come from the server, through the rules.
  const sam = writerAs('sam');
  const samsPhone = createTodosGateway(emulators.firestoreAs('sam', 'phone'));

  const shown = (todos: Todo[]) =>
    todos.map((todo) => `${todo.title}@${todo.listId}${todo.done ? ' done' : ''}`).sort();

  it('answers every to-do, open and done, of every list of the person, live', async () => {
    const [home, work] = [await sam.newList(), await sam.newList()];
    const mallory = writerAs('mallory');
    await mallory.newTodo(await mallory.newList(), { title: 'Not Sam’s' });
    await sam.newTodo(home, { title: 'Milk' });
    const report = await sam.newTodo(work, { title: 'Report' });
    await sam.gateway.setDone({ listId: work, id: report, done: false, ...unscheduled }, true);

    const first = await until<Todo[]>(
      (observer) => samsPhone.watchMyTodos('sam', observer),
      (todos) => todos.length === 2 && todos.every((todo) => todo.done === (todo.id === report)),
    );
    expect(shown(first)).toEqual([`Milk@${home}`, `Report@${work} done`].sort());

    // A to-do added on the laptop shows on the phone; one deleted there goes.
    await sam.newTodo(work, { title: 'Slides' });
    await sam.gateway.deleteTodos(work, [report]);
    const after = await until<Todo[]>(
      (observer) => samsPhone.watchMyTodos('sam', observer),
      (todos) => todos.length === 2 && todos.some((todo) => todo.title === 'Slides'),
    );
    expect(shown(after)).toEqual([`Milk@${home}`, `Slides@${work}`].sort());
  });

  it('is refused for a person who asks for someone else’s to-dos', async () => {
    const error = new Promise((resolve) => {
      samsPhone.watchMyTodos('mallory', { next: () => {}, error: resolve });
    });
    await expect(error).resolves.toMatchObject({ code: 'permission-denied' });
  });
});
