// Firestore documents as the API returns them: the model's fields, ids alongside, timestamps as
// ISO 8601 strings, and nothing a caller may not see (a list's member map stays inside).
import type { ListDoc, Role, TimestampLike, TodoDoc, UserDoc } from '../model/index.js';
import type { ListSummary, PublicProfile, Todo } from './schemas.js';

const iso = (timestamp: TimestampLike) => timestamp.toDate().toISOString();
const isoOrNull = (timestamp: TimestampLike | null) => (timestamp ? iso(timestamp) : null);

export function toPublicProfile(username: string, user: UserDoc): PublicProfile {
  return { username, displayName: user.displayName, memberSince: iso(user.createdAt) };
}

export function toListSummary(id: string, list: ListDoc, role: Role): ListSummary {
  return {
    id,
    title: list.title,
    ownerId: list.ownerId,
    role,
    counts: { open: list.counts.open, done: list.counts.done },
    order: list.order,
    createdAt: iso(list.createdAt),
    updatedAt: iso(list.updatedAt),
  };
}

export function toTodo(listId: string, id: string, todo: TodoDoc): Todo {
  return {
    id,
    listId,
    title: todo.title,
    notes: todo.notes,
    done: todo.done,
    completedAt: isoOrNull(todo.completedAt),
    dueAt: isoOrNull(todo.dueAt),
    priority: todo.priority,
    tags: [...todo.tags],
    order: todo.order,
    createdBy: todo.createdBy,
    createdAt: iso(todo.createdAt),
    updatedAt: iso(todo.updatedAt),
    attachmentCount: todo.attachmentCount,
  };
}
