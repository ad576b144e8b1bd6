/**
 * Whom the store, component and page tests are about: Alice, signed in, with lists of her own
 * and lists Bob shared with her.
 */
import type { MemberRole, TodoList } from '@/domain/entities';
import { makeList, makeSharedList, signedInServices, type FakeServices } from './fakeServices';

/** Alice's own list `id` (titled `id` unless `more` says otherwise). */
export const alicesList = (id: string, more: Partial<TodoList> = {}): TodoList =>
  makeList({ id, ownerId: 'alice', ...more });

/** Bob's list `id`, in which Alice is a member as `role`. */
export const bobsList = (id: string, role: MemberRole, more: Partial<TodoList> = {}): TodoList =>
  makeSharedList({ id, ownerId: 'bob', ...more }, 'alice', role);

/** Alice signed in, a member of `lists`. */
export const aliceWith = (...lists: TodoList[]): FakeServices => signedInServices('alice', lists);
