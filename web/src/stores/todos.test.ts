import { flushPromises } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { nextTick } from 'vue';
import { ORDER_STEP } from '@model';
import { FakeError, makeTodo, type FakeServices } from '@/testing/fakeServices';
import { aliceWith, alicesList, bobsList } from '@/testing/alice';
import { useTestPinia } from '@/testing/testApp';
import { useListsStore } from './lists';
import { useNoticesStore } from './notices';
import { UNDO_MS, useTodosStore } from './todos';

let services: FakeServices;
const completedBeta = new Date('2030-01-01T09:00:00Z');

beforeEach(() => {
  services = aliceWith(alicesList('list-1'), bobsList('shared', 'viewer'));
  services.todos
    .collection('list-1')
    .set([
      makeTodo({ id: 'a', title: 'Alpha', order: 1024 }),
      makeTodo({ id: 'b', title: 'Beta', order: 2048, done: true, completedAt: completedBeta }),
      makeTodo({ id: 'c', title: 'Gamma', order: 3072, tags: ['work'] }),
    ]);
  useTestPinia(services);
});

async function openList(id: string) {
  const todos = useTodosStore();
  todos.showList(id);
  await nextTick();
  return todos;
}

const titles = (todos: { title: string }[]) => todos.map((todo) => todo.title);
const stored = (listId = 'list-1') =>
  services.todos.collection(listId).items.map((todo) => todo.title);
const notices = () => useNoticesStore().notices.map((notice) => notice.text);

afterEach(() => {
  vi.useRealTimers();
});

describe('todos store', () => {
  it('loads the open list’s to-dos live with counts', async () => {
    const todos = await openList('list-1');
    expect(todos.state).toBe('ready');
    expect(titles(todos.visible)).toEqual(['Alpha', 'Beta', 'Gamma']);
    expect([todos.openCount, todos.doneCount]).toEqual([2, 1]);
  });

  it('filters and searches', async () => {
    const todos = await openList('list-1');
    todos.filter = 'active';
    expect(titles(todos.visible)).toEqual(['Alpha', 'Gamma']);
    todos.filter = 'all';
    todos.search = '#work';
    expect(titles(todos.visible)).toEqual(['Gamma']);
    expect(todos.isFiltered).toBe(true);
  });

  it('adds an open to-do at the end, as the person typed it with the schema’s defaults', async () => {
    const todos = await openList('list-1');
    const id = await todos.addTodo({ title: '  Delta  ', tags: ['x'] });
    expect(todos.visible.at(-1)).toMatchObject({
      id,
      title: 'Delta',
      notes: '',
      due: null,
      repeat: null,
      reminders: [],
      subtasks: [],
      tags: ['x'],
      priority: 0,
      done: false,
      completedAt: null,
      createdBy: 'alice',
      order: 3072 + ORDER_STEP,
    });
  });

  it('refuses a to-do without a title and writes nothing', async () => {
    const todos = await openList('list-1');
    await expect(todos.addTodo({ title: ' ' })).rejects.toThrow('Enter a title.');
    expect(todos.all).toHaveLength(3);
  });

  it('refuses more tags than the model allows', async () => {
    const todos = await openList('list-1');
    const tags = Array.from({ length: 11 }, (_, index) => `t${index}`);
    await expect(todos.updateTodo('a', { tags })).rejects.toThrow(/at most 10 tags/);
  });

  it('completes, un-completes and deletes', async () => {
    const todos = await openList('list-1');
    todos.setDone('a', true);
    expect(todos.findTodo('a')).toMatchObject({ done: true, completedAt: expect.any(Date) });
    expect([todos.openCount, todos.doneCount]).toEqual([1, 2]);
    todos.setDone('a', false);
    expect(todos.findTodo('a')).toMatchObject({ done: false, completedAt: null });
    todos.removeTodo('c');
    expect(titles(todos.visible)).toEqual(['Alpha', 'Beta']);
  });

  it('completing a to-do already done keeps when it was completed', async () => {
    const todos = await openList('list-1');
    todos.setDone('b', true);
    expect(todos.findTodo('b')?.completedAt).toEqual(completedBeta);
  });

  it('clears all completed to-dos at once', async () => {
    const todos = await openList('list-1');
    todos.setDone('a', true);
    expect(todos.clearCompleted()).toBe(2);
    expect(titles(todos.visible)).toEqual(['Gamma']);
  });

  describe('undo', () => {
    it('offers to undo a completion, which opens the to-do again as it was', async () => {
      const todos = await openList('list-1');
      todos.setDone('a', true);
      expect(notices()).toEqual(['Completed “Alpha”.']);
      expect(useNoticesStore().undoLatest()).toBe(true);
      await flushPromises();
      expect(todos.findTodo('a')).toMatchObject({ done: false });
      expect(notices()).toEqual([]);
    });

    it('puts a repeating to-do back on the occurrence it was completed on', async () => {
      const todos = await openList('list-1');
      const weekly = { due: { date: '2030-06-13' }, repeat: 'FREQ=WEEKLY;COUNT=3' };
      await todos.updateTodo('a', weekly);
      await flushPromises();
      todos.setDone('a', true);
      // The trigger rolls it over to the next week meanwhile.
      await todos.updateTodo('a', { due: { date: '2030-06-20' }, repeat: 'FREQ=WEEKLY;COUNT=2' });
      useNoticesStore().undoLatest();
      await flushPromises();
      expect(todos.findTodo('a')).toMatchObject({ done: false, ...weekly });
    });

    it('hides a deleted to-do at once, and deletes it only when Undo is no longer offered', async () => {
      vi.useFakeTimers();
      const todos = await openList('list-1');
      todos.removeTodo('c');
      expect(titles(todos.visible)).toEqual(['Alpha', 'Beta']);
      expect(todos.openCount).toBe(1);
      expect(notices()).toEqual(['Deleted “Gamma”.']);
      // The photos of a to-do go with it, so the deletion itself waits for Undo to go.
      expect(stored()).toContain('Gamma');
      await vi.advanceTimersByTimeAsync(UNDO_MS);
      expect(stored()).toEqual(['Alpha', 'Beta']);
      expect(titles(todos.visible)).toEqual(['Alpha', 'Beta']);
    });

    it('brings a deleted to-do back untouched when Undo is taken, and deletes nothing', async () => {
      vi.useFakeTimers();
      const todos = await openList('list-1');
      todos.removeTodo('c');
      useNoticesStore().undoLatest();
      expect(titles(todos.visible)).toEqual(['Alpha', 'Beta', 'Gamma']);
      await vi.advanceTimersByTimeAsync(UNDO_MS * 2);
      expect(stored()).toContain('Gamma');
    });

    it('clears completed to-dos with Undo, counted in words', async () => {
      vi.useFakeTimers();
      const todos = await openList('list-1');
      todos.clearCompleted();
      expect(notices()).toEqual(['Cleared 1 completed to-do.']);
      expect(titles(todos.visible)).toEqual(['Alpha', 'Gamma']);
      useNoticesStore().undoLatest();
      expect(titles(todos.visible)).toEqual(['Alpha', 'Beta', 'Gamma']);
    });

    it('sends waiting deletions at once when the page goes away', async () => {
      const todos = await openList('list-1');
      todos.removeTodo('c');
      window.dispatchEvent(new Event('pagehide'));
      await flushPromises();
      expect(stored()).toEqual(['Alpha', 'Beta']);
    });
  });

  describe('counts on screen', () => {
    it('counts the open list from its to-dos, pending writes included, wherever it is shown', async () => {
      const todos = await openList('list-1');
      const list = useListsStore().findList('list-1')!;
      await todos.addTodo({ title: 'Delta' });
      // The stored counts wait for the trigger; the page does not.
      expect(list.counts).toEqual({ open: 0, done: 0 });
      expect(todos.countsOf(list)).toEqual({ open: 3, done: 1 });
    });

    it('keeps this device’s counts for a list it left, until the server’s counts change', async () => {
      const todos = await openList('list-1');
      await todos.addTodo({ title: 'Delta' });
      await openList('shared');
      const lists = useListsStore();
      expect(todos.countsOf(lists.findList('list-1')!)).toEqual({ open: 3, done: 1 });
      // The trigger ran (or another member changed the list): the server's counts are newer.
      services.lists.lists.set(
        services.lists.lists.items.map((list) =>
          list.id === 'list-1' ? { ...list, counts: { open: 5, done: 1 } } : list,
        ),
      );
      expect(todos.countsOf(lists.findList('list-1')!)).toEqual({ open: 5, done: 1 });
    });
  });

  it('reorders by drag (to an index) and by keyboard (by one)', async () => {
    const todos = await openList('list-1');
    todos.moveTodo('c', 0);
    expect(titles(todos.visible)).toEqual(['Gamma', 'Alpha', 'Beta']);
    todos.moveTodoBy('gamma-missing', 1);
    todos.moveTodoBy('a', 1);
    expect(titles(todos.visible)).toEqual(['Gamma', 'Beta', 'Alpha']);
  });

  it('moves relative to the visible neighbours when filtered', async () => {
    const todos = await openList('list-1');
    todos.filter = 'active';
    todos.moveTodo('c', 0);
    todos.filter = 'all';
    expect(titles(todos.visible)).toEqual(['Gamma', 'Alpha', 'Beta']);
  });

  it('does not reorder when sorted by something else than the list order', async () => {
    const todos = await openList('list-1');
    todos.sort = 'priority';
    expect(todos.canReorder).toBe(false);
    todos.moveTodo('c', 0);
    todos.sort = 'order';
    expect(titles(todos.visible)).toEqual(['Alpha', 'Beta', 'Gamma']);
  });

  it('lets a viewer read but not edit or reorder', async () => {
    services.todos
      .collection('shared')
      .set([makeTodo({ id: 's', listId: 'shared', createdBy: 'bob' })]);
    const todos = await openList('shared');
    expect(todos.role).toBe('viewer');
    expect(todos.canEdit).toBe(false);
    expect(todos.canReorder).toBe(false);
    expect(todos.visible).toHaveLength(1);
  });

  it('switches lists: stops the old listener and clears the search', async () => {
    const todos = await openList('list-1');
    todos.search = 'alpha';
    todos.showList('shared');
    await nextTick();
    expect(services.todos.collection('list-1').watcherCount).toBe(0);
    expect(todos.search).toBe('');
    expect(todos.all).toEqual([]);
  });

  describe('a list created a moment ago', () => {
    const refused = () => new FakeError('permission-denied');
    const confirm = (id: string) =>
      services.lists.lists.set(
        services.lists.lists.items.map((list) =>
          list.id === id ? { ...list, pending: false } : list,
        ),
      );

    it('watches its to-dos again once the server has the list, if the first watch was refused', async () => {
      const id = await useListsStore().createList('Groceries');
      const todos = await openList(id);
      services.todos.collection(id).fail(refused());
      await flushPromises();
      // What the cache showed stays on screen meanwhile; no error is shown.
      expect(todos.state).not.toBe('error');
      expect(todos.error).toBeNull();

      confirm(id);
      services.todos.collection(id).set([makeTodo({ id: 'milk', title: 'Milk' })]);
      await flushPromises();
      expect(todos.state).toBe('ready');
      expect(titles(todos.visible)).toEqual(['Milk']);
      expect(services.todos.collection(id).watcherCount).toBe(1);
    });

    it('shows the refusal when the person does not hold the list', async () => {
      const todos = await openList('someone-elses');
      services.todos.collection('someone-elses').fail(refused());
      await flushPromises();
      expect(todos.state).toBe('error');
      expect(todos.error).toBe('You don’t have permission to do that.');
    });

    it('gives up after a few refusals of a confirmed list', async () => {
      const todos = await openList('list-1');
      for (let i = 0; i < 4; i++) {
        services.todos.collection('list-1').fail(refused());
        await flushPromises();
      }
      expect(todos.state).toBe('error');
      expect(services.todos.collection('list-1').watcherCount).toBe(1);
    });

    it('shows other failures at once', async () => {
      const todos = await openList('list-1');
      services.todos.collection('list-1').fail(new FakeError('unavailable'));
      await flushPromises();
      expect(todos.state).toBe('error');
    });
  });
});
