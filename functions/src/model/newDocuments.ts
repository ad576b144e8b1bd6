// Every field a new document starts with: exactly the keys firestore.rules accepts on
// create, so that the web app, the functions and the tests write the same documents. `now` is the
// writer's server timestamp (the web SDK's serverTimestamp(), firebase-admin's
// FieldValue.serverTimestamp(), or a fixed Date for in-memory fakes): a parameter, because this
// module cannot import either SDK.

import type { AttachmentDoc, ListDoc, TodoDoc } from './entities.js';

/** A new list: its creator is its only member, as owner; functions keep `counts` from zero. */
export function newListDoc<Now>(
  uid: string,
  list: Pick<ListDoc, 'title' | 'order'>,
  now: Now,
): ListDoc<Now> {
  return {
    title: list.title,
    ownerId: uid,
    members: { [uid]: 'owner' },
    memberIds: [uid],
    counts: { open: 0, done: 0 },
    order: list.order,
    createdAt: now,
    updatedAt: now,
  };
}

/** What the writer of a new to-do supplies. */
export type NewTodo = Pick<
  TodoDoc,
  | 'title'
  | 'notes'
  | 'done'
  | 'due'
  | 'repeat'
  | 'reminders'
  | 'subtasks'
  | 'priority'
  | 'tags'
  | 'order'
>;

/**
 * A new to-do in the list whose memberIds are `memberIds` (the rules require the list's own): one
 * created done was completed now; functions keep `attachmentCount` from zero.
 */
export function newTodoDoc<Now>(
  uid: string,
  todo: NewTodo,
  memberIds: readonly string[],
  now: Now,
): TodoDoc<Now> {
  return {
    title: todo.title,
    notes: todo.notes,
    done: todo.done,
    completedAt: todo.done ? now : null,
    due: todo.due,
    repeat: todo.repeat,
    reminders: todo.reminders,
    subtasks: todo.subtasks,
    priority: todo.priority,
    tags: todo.tags,
    order: todo.order,
    createdBy: uid,
    createdAt: now,
    updatedAt: now,
    attachmentCount: 0,
    memberIds: [...memberIds],
  };
}

/**
 * A new attachment: what the uploader knows of the file, `processing` until the upload trigger
 * has read it and filled in the rest. `format` is the trigger's alone, so it is absent.
 */
export function newAttachmentDoc<Now>(
  uid: string,
  file: Pick<AttachmentDoc, 'name' | 'contentType' | 'size'>,
  now: Now,
): Omit<AttachmentDoc<Now>, 'format'> {
  return {
    name: file.name,
    contentType: file.contentType,
    size: file.size,
    status: 'processing',
    width: null,
    height: null,
    thumbPath: null,
    takenAt: null,
    error: null,
    createdBy: uid,
    createdAt: now,
  };
}
