// The data layer the REST API's handlers call. Every method that touches a list checks the
// caller's access to it first (see access.ts) and throws AppErrors a person understands.
import type { MemberRole, TodoCreateInput, TodoUpdateInput } from '../model/index.js';
import type { CursorPosition } from './cursor.js';
import type { ListSummary, Member, PublicProfile, Todo } from './schemas.js';

export interface TodoQuery {
  status?: 'active' | 'done';
  limit: number;
  /** Start after this position in (order, id). */
  after: CursorPosition | null;
}

export interface TodoSlice {
  todos: Todo[];
  /** Whether more to-dos follow the last one returned. */
  more: boolean;
}

/** Which open to-dos across the caller's lists, and in whose day. */
export interface DueQuery {
  view: 'today' | 'upcoming' | 'overdue';
  timeZone: string;
  now: Date;
}

export interface ApiStore {
  publicProfile(username: string): Promise<PublicProfile | null>;
  listsOf(uid: string): Promise<ListSummary[]>;
  /** A new list the caller owns, after their own lists unless `order` says where. */
  createList(uid: string, input: { title: string; order?: number }): Promise<ListSummary>;
  todos(uid: string, listId: string, query: TodoQuery): Promise<TodoSlice>;
  todo(uid: string, listId: string, todoId: string): Promise<Todo>;
  /** Open to-dos of every list the caller is a member of that fall in a view of their day. */
  dueTodos(uid: string, query: DueQuery): Promise<Todo[]>;
  createTodo(uid: string, listId: string, input: TodoCreateInput): Promise<Todo>;
  updateTodo(uid: string, listId: string, todoId: string, edit: TodoUpdateInput): Promise<Todo>;
  /** Marks an open to-do done; a done one is a conflict (409), so its completedAt is kept. */
  completeTodo(uid: string, listId: string, todoId: string): Promise<Todo>;
  deleteTodo(uid: string, listId: string, todoId: string): Promise<void>;
  /** Who the list is shared with, the owner first; any member may ask. */
  members(uid: string, listId: string): Promise<Member[]>;
  /** The owner shares the list with a username (again: sets their role). */
  inviteMember(
    uid: string,
    listId: string,
    input: { username: string; role: MemberRole },
  ): Promise<Member>;
  /** The owner changes a member's role. */
  setMemberRole(uid: string, listId: string, memberUid: string, role: MemberRole): Promise<Member>;
  /**
   * The owner removes a member, or a member removes themselves: leaving the list. Removing
   * someone who is not (or no longer) a member succeeds, so a retry changes nothing.
   */
  removeMember(uid: string, listId: string, memberUid: string): Promise<void>;
}
