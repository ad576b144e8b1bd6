// Firestore documents as the API returns them: the model's fields, ids alongside, timestamps as
// ISO 8601 strings, and nothing a caller may not see (a list's member map stays inside).
import {
  currentTodo,
  type ListDoc,
  type Role,
  type StoredTodoDoc,
  type TimestampLike,
  type UserDoc,
} from '../model/index.js';
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

/** A to-do as stored, in either shape (`currentTodo`), as the API returns it. */
export function toTodo(listId: string, id: string, stored: StoredTodoDoc<TimestampLike>): Todo {
  const todo = currentTodo(stored, (timestamp: TimestampLike) => timestamp.toDate());
  return {
    id,
    listId,
    title: todo.title,
    notes: todo.notes,
    done: todo.done,
    completedAt: isoOrNull(todo.completedAt),
    due: todo.due ? { ...todo.due } : null,
    repeat: todo.repeat,
    reminders: todo.reminders.map((reminder) => ({ ...reminder })),
    subtasks: todo.subtasks.map((subtask) => ({ ...subtask })),
    priority: todo.priority,
    tags: [...todo.tags],
    order: todo.order,
    createdBy: todo.createdBy,
    createdAt: iso(todo.createdAt),
    updatedAt: iso(todo.updatedAt),
    attachmentCount: todo.attachmentCount,
  };
}
