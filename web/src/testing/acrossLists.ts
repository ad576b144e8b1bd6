import { inboxListId } from '@model';
import type { Todo } from '@/domain/entities';
import { makeTodo, type FakeServices } from './fakeServices';
import { aliceWith, alicesList, bobsList } from './alice';

export const aliceInbox = inboxListId('alice');

/**
 * Alice signed in with her Inbox and Work, and Bob's list `shared`, which she may view: the lists
 * that the pages across lists (Today, Upcoming, Overdue, Search) are tested on, holding `todos`
 * by list id.
 */
export function aliceAcrossLists(todos: Record<string, Todo[]>): FakeServices {
  const services = aliceWith(
    alicesList(aliceInbox, { title: 'Inbox', order: 1 }),
    alicesList('work', { title: 'Work', order: 2 }),
    bobsList('shared', 'viewer', { title: 'Bob’s list' }),
  );
  for (const [listId, items] of Object.entries(todos)) services.todos.collection(listId).set(items);
  return services;
}

/** A to-do titled `id` of one of Alice's lists, or of Bob's `shared`, with its list's members. */
export const todoIn = (id: string, listId: string, extra: Partial<Todo> = {}): Todo =>
  makeTodo({
    id,
    listId,
    title: id,
    memberIds: listId === 'shared' ? ['bob', 'alice'] : ['alice'],
    ...extra,
  });
