import { beforeEach, describe, expect, it } from 'vitest';
import { nextTick } from 'vue';
import {
  createFakeServices,
  makeList,
  makeTodo,
  signedIn,
  type FakeServices,
} from '@/testing/fakeServices';
import { useTestPinia } from '@/testing/testApp';
import { useTodosStore } from './todos';

let services: FakeServices;

beforeEach(() => {
  services = createFakeServices();
  services.auth.user = signedIn('alice');
  services.lists.lists.set([
    makeList({ id: 'list-1', ownerId: 'alice' }),
    makeList({
      id: 'shared',
      ownerId: 'bob',
      members: { bob: 'owner', alice: 'viewer' },
      memberIds: ['bob', 'alice'],
    }),
  ]);
  services.todos
    .collection('list-1')
    .set([
      makeTodo({ id: 'a', title: 'Alpha', order: 1024 }),
      makeTodo({ id: 'b', title: 'Beta', order: 2048, done: true }),
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

  it('adds a to-do at the end, marked pending until the server confirms', async () => {
    const todos = await openList('list-1');
    const id = todos.addTodo({ title: '  Delta  ', tags: ['x'] });
    expect(todos.visible.at(-1)).toMatchObject({
      id,
      title: 'Delta',
      tags: ['x'],
      priority: 0,
      createdBy: 'alice',
      pending: true,
    });
    expect(todos.visible.at(-1)!.order).toBeGreaterThan(3072);
  });

  it('refuses a to-do without a title and writes nothing', async () => {
    const todos = await openList('list-1');
    expect(() => todos.addTodo({ title: ' ' })).toThrow('Enter a title.');
    expect(todos.all).toHaveLength(3);
  });

  it('refuses more tags than the model allows', async () => {
    const todos = await openList('list-1');
    const tags = Array.from({ length: 11 }, (_, index) => `t${index}`);
    expect(() => todos.updateTodo('a', { tags })).toThrow(/at most 10 tags/);
  });

  it('completes, un-completes and deletes', async () => {
    const todos = await openList('list-1');
    todos.setDone('a', true);
    expect(todos.findTodo('a')?.done).toBe(true);
    todos.setDone('a', false);
    expect(todos.findTodo('a')?.done).toBe(false);
    todos.removeTodo('c');
    expect(titles(todos.visible)).toEqual(['Alpha', 'Beta']);
  });

  it('clears all completed to-dos at once', async () => {
    const todos = await openList('list-1');
    todos.setDone('a', true);
    expect(todos.clearCompleted()).toBe(2);
    expect(titles(todos.visible)).toEqual(['Gamma']);
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
});
