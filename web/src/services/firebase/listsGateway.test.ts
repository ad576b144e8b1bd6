// @vitest-environment node
import { doc, getDoc } from 'firebase/firestore';
import { describe, expect, it } from 'vitest';
import { paths } from '@model';
import type { TodoList } from '@/domain/entities';
import { until, useEmulators } from '@/testing/emulators';
import { createListsGateway } from './listsGateway';

const emulators = useEmulators('demo-lists-gateway');
const asAlice = emulators.firestoreAs('alice');
const lists = createListsGateway(asAlice);

async function stored(listId: string) {
  const { db } = await asAlice();
  return (await getDoc(doc(db, paths.list(listId)))).data() ?? null;
}

const myLists = (uid: string, accept: (lists: TodoList[]) => boolean) =>
  until<TodoList[]>(
    (observer) => createListsGateway(emulators.firestoreAs(uid)).watchMyLists(uid, observer),
    accept,
  );

describe('listsGateway against the emulator and firestore.rules', () => {
  it('creates the model’s new list, owned by its creator, and shows it to them only', async () => {
    const { id, written } = lists.createList('alice', 'Groceries', 3);
    await written;
    const mine = await myLists('alice', (found) => found.some((list) => list.id === id));
    expect(mine.find((list) => list.id === id)).toMatchObject({
      title: 'Groceries',
      order: 3,
      ownerId: 'alice',
      members: { alice: 'owner' },
      memberIds: ['alice'],
      counts: { open: 0, done: 0 },
      pending: false,
    });
    const bobs = await myLists('bob', () => true);
    expect(bobs.map((list) => list.id)).not.toContain(id);
  });

  it('renames and moves a list, stamping updatedAt, and deletes it', async () => {
    const { id, written } = lists.createList('alice', 'Groceries', 3);
    await written;
    const created = await stored(id);
    await lists.renameList(id, 'Shopping');
    await lists.moveList(id, 0.5);
    const changed = await stored(id);
    expect(changed).toMatchObject({ title: 'Shopping', order: 0.5 });
    expect(changed?.updatedAt.toMillis()).toBeGreaterThanOrEqual(created?.updatedAt.toMillis());
    await lists.deleteList(id);
    const mine = await myLists('alice', (found) => !found.some((list) => list.id === id));
    expect(mine.map((list) => list.id)).not.toContain(id);
  });
});
