import { beforeEach, describe, expect, it } from 'vitest';
import { nextTick } from 'vue';
import { FakeError, makeList, signedIn, type FakeServices } from '@/testing/fakeServices';
import { aliceWith, alicesList, bobsList } from '@/testing/alice';
import { useTestPinia } from '@/testing/testApp';
import { useListsStore } from './lists';
import { useNoticesStore } from './notices';

let services: FakeServices;

beforeEach(() => {
  services = aliceWith(
    alicesList('inbox', { title: 'Inbox', order: 0 }),
    alicesList('work', { title: 'Work', order: 2048 }),
    alicesList('home', { title: 'Home', order: 1024 }),
    bobsList('bobs', 'viewer', { title: 'Groceries' }),
    makeList({ id: 'secret', ownerId: 'carol', title: 'Not mine' }),
  );
  useTestPinia(services);
});

describe('lists store', () => {
  it('shows the person’s own lists in their order and lists shared with them apart', () => {
    const lists = useListsStore();
    expect(lists.state).toBe('ready');
    expect(lists.ownLists.map((list) => list.title)).toEqual(['Inbox', 'Home', 'Work']);
    expect(lists.sharedLists.map((list) => list.title)).toEqual(['Groceries']);
  });

  it('knows the person’s role in each list', () => {
    const lists = useListsStore();
    expect(lists.roleIn('inbox')).toBe('owner');
    expect(lists.roleIn('bobs')).toBe('viewer');
    expect(lists.roleIn('secret')).toBeNull();
  });

  it('creates a list after the last one and shows it at once, before the server confirms', async () => {
    const lists = useListsStore();
    const id = await lists.createList('  Holidays ');
    const created = lists.findList(id);
    expect(created).toMatchObject({ title: 'Holidays', ownerId: 'alice', pending: true });
    expect(lists.ownLists.at(-1)?.id).toBe(id);
    expect(created!.order).toBeGreaterThan(2048);
  });

  it('refuses an empty title with the model’s message and writes nothing', async () => {
    const lists = useListsStore();
    await expect(lists.createList('   ')).rejects.toThrow('Enter a title.');
    expect(services.lists.lists.items).toHaveLength(5);
  });

  it('moves a list between its new neighbours', () => {
    const lists = useListsStore();
    lists.moveList('work', 0);
    expect(lists.ownLists.map((list) => list.id)).toEqual(['work', 'inbox', 'home']);
  });

  it('renames and deletes', async () => {
    const lists = useListsStore();
    await lists.renameList('home', 'House');
    lists.deleteList('work');
    expect(lists.ownLists.map((list) => list.title)).toEqual(['Inbox', 'House']);
  });

  it('reports a write the server refuses', async () => {
    services.lists.outcome = () => Promise.reject(new FakeError('permission-denied'));
    const lists = useListsStore();
    const notices = useNoticesStore();
    await lists.renameList('home', 'House');
    await new Promise((resolve) => setTimeout(resolve));
    expect(notices.notices.map((notice) => notice.text)).toEqual([
      'You don’t have permission to do that.',
    ]);
  });

  it('follows the signed-in person: empties on sign-out, listens again on sign-in', async () => {
    const lists = useListsStore();
    services.auth.setUser(null);
    await nextTick();
    expect(lists.allLists).toEqual([]);
    expect(lists.state).toBe('idle');
    expect(services.lists.lists.watcherCount).toBe(0);
    services.auth.setUser(signedIn('bob'));
    await nextTick();
    expect(lists.ownLists.map((list) => list.id)).toEqual(['bobs']);
  });

  it('shows a load failure as an error state', () => {
    const lists = useListsStore();
    services.lists.lists.fail(new FakeError('permission-denied'));
    expect(lists.state).toBe('error');
    expect(lists.error).toBe('You don’t have permission to do that.');
  });
});
