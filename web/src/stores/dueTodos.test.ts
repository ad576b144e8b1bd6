import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { nextTick } from 'vue';
import { makeTodo, type FakeServices } from '@/testing/fakeServices';
import { aliceWith, alicesList, bobsList } from '@/testing/alice';
import { todoIn } from '@/testing/acrossLists';
import { useTestPinia } from '@/testing/testApp';
import type { Todo } from '@/domain/entities';
import { useDueTodosStore } from './dueTodos';
import { useNoticesStore } from './notices';
import { UNDO_MS } from './todos';

let services: FakeServices;
// 02:00 on Dec 10 in Los Angeles, already 00:00 on Dec 11 on Kiritimati.
const NOW = new Date('2026-12-10T10:00:00Z');

const shared = bobsList('shared', 'viewer', { title: 'Bob’s' });
const dated = (id: string, listId: string, date: string, extra: Partial<Todo> = {}) =>
  todoIn(id, listId, { due: { date }, ...extra });

beforeEach(() => {
  services = aliceWith(
    alicesList('home', { title: 'Home', order: 1 }),
    alicesList('work', { title: 'Work', order: 2 }),
    shared,
  );
  services.todos
    .collection('home')
    .set([
      dated('rent', 'home', '2026-12-09'),
      dated('milk', 'home', '2026-12-10'),
      dated('bins', 'home', '2026-12-11'),
      dated('done', 'home', '2026-12-10', { done: true }),
      makeTodo({ id: 'undated', listId: 'home', title: 'undated' }),
    ]);
  services.todos
    .collection('work')
    .set([dated('report', 'work', '2026-12-10'), dated('review', 'work', '2026-12-17')]);
  services.todos.collection('shared').set([dated('plants', 'shared', '2026-12-10')]);
  useTestPinia(services);
});

afterEach(() => {
  vi.useRealTimers();
});

async function dueTodos(timeZone = 'America/Los_Angeles') {
  const store = useDueTodosStore();
  store.timeZone = timeZone;
  store.now = NOW;
  await nextTick();
  return store;
}

const ids = (todos: { id: string }[]) => todos.map((todo) => todo.id);
const groups = (
  store: Awaited<ReturnType<typeof dueTodos>>,
  view: 'today' | 'upcoming' | 'overdue',
) => store.groupsOf(view).map((group) => [group.title, ids(group.todos)]);

describe('the dueTodos store', () => {
  it('shows the open dated to-dos of every list, by view, with counts', async () => {
    const store = await dueTodos();
    expect(store.state).toBe('ready');
    expect(ids(store.byView.today)).toEqual(['milk', 'report', 'plants']);
    expect(ids(store.byView.overdue)).toEqual(['rent']);
    expect(ids(store.byView.upcoming)).toEqual(['bins', 'review']);
    expect(store.counts).toEqual({ today: 3, upcoming: 2, overdue: 1 });
  });

  it('groups Today by list in the sidebar’s order and Upcoming by day', async () => {
    const store = await dueTodos();
    expect(groups(store, 'today')).toEqual([
      ['Home', ['milk']],
      ['Work', ['report']],
      ['Bob’s', ['plants']],
    ]);
    expect(groups(store, 'upcoming')).toEqual([
      ['Tomorrow · Fri, Dec 11', ['bins']],
      ['Thu, Dec 17', ['review']],
    ]);
  });

  it('reads the days on the browser’s calendar: on Kiritimati it is already Dec 11', async () => {
    const store = await dueTodos('Pacific/Kiritimati');
    expect(ids(store.byView.today)).toEqual(['bins']);
    expect(ids(store.byView.overdue)).toEqual(['rent', 'milk', 'report', 'plants']);
  });

  it('moves on to the next day when the clock passes midnight', async () => {
    const store = await dueTodos();
    store.now = new Date('2026-12-11T10:00:00Z');
    await nextTick();
    expect(ids(store.byView.today)).toEqual(['bins']);
    expect(store.counts.overdue).toBe(4);
  });

  it('follows to-dos live: a new one due today shows at once', async () => {
    const store = await dueTodos();
    const work = services.todos.collection('work');
    work.set([...work.items, dated('call', 'work', '2026-12-10')]);
    expect(ids(store.byView.today)).toEqual(['milk', 'report', 'call', 'plants']);
  });

  it('drops a shared list’s to-dos the moment the list is no longer the person’s', async () => {
    const store = await dueTodos();
    services.lists.lists.set(services.lists.lists.items.filter((list) => list.id !== 'shared'));
    await nextTick();
    // Its to-dos still name alice (the function has not caught up): they are hidden anyway.
    expect(ids(store.byView.today)).toEqual(['milk', 'report']);
    expect(store.counts.today).toBe(2);
  });

  it('lets editors change a to-do and viewers only look', async () => {
    const store = await dueTodos();
    expect(store.canEdit(store.findTodo('milk') as Todo)).toBe(true);
    expect(store.canEdit(store.findTodo('plants') as Todo)).toBe(false);
    expect(store.listTitle(store.findTodo('plants') as Todo)).toBe('Bob’s');
  });

  it('completes a to-do of any list with Undo, which brings it back', async () => {
    const store = await dueTodos();
    store.setDone('report', true);
    expect(ids(store.byView.today)).toEqual(['milk', 'plants']);
    expect(services.todos.collection('work').items.find((t) => t.id === 'report')?.done).toBe(true);
    expect(useNoticesStore().notices.map((notice) => notice.text)).toEqual(['Completed “report”.']);
    expect(useNoticesStore().undoLatest()).toBe(true);
    expect(ids(store.byView.today)).toEqual(['milk', 'report', 'plants']);
  });

  it('edits a to-do in its own list', async () => {
    const store = await dueTodos();
    await store.updateTodo('report', { due: { date: '2026-12-12' } });
    expect(ids(store.byView.today)).toEqual(['milk', 'plants']);
    expect(ids(store.byView.upcoming)).toEqual(['bins', 'report', 'review']);
  });

  it('hides a deleted to-do at once and deletes it from its list when Undo has gone', async () => {
    vi.useFakeTimers();
    const store = await dueTodos();
    store.removeTodo('milk');
    expect(ids(store.byView.today)).toEqual(['report', 'plants']);
    expect(ids(services.todos.collection('home').items)).toContain('milk');
    await vi.advanceTimersByTimeAsync(UNDO_MS);
    expect(ids(services.todos.collection('home').items)).not.toContain('milk');
    expect(ids(store.byView.today)).toEqual(['report', 'plants']);
  });
});
