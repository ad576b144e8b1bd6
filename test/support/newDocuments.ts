// The documents a client creates, complete and valid under firestore.rules: the model's builders
// with test values. SDK-neutral: `now` is the server-timestamp sentinel of whichever SDK writes
// them (web or admin).
import {
  newAttachmentDoc,
  newListDoc,
  newTodoDoc,
  todoCreateSchema,
} from '../../functions/src/model/index.js';

type Fields = Record<string, unknown>;

export function newListData(uid: string, now: unknown, overrides: Fields = {}): Fields {
  return { ...newListDoc(uid, { title: 'Groceries', order: 1 }, now), ...overrides };
}

/**
 * A to-do with only a title, the rest as todoCreateSchema defaults them, in a list whose only
 * member is `uid` unless `overrides` gives the list's memberIds.
 */
export function newTodoData(uid: string, now: unknown, overrides: Fields = {}): Fields {
  const todo = { ...todoCreateSchema.parse({ title: 'Buy milk' }), order: 1 };
  return { ...newTodoDoc(uid, todo, [uid], now), ...overrides };
}

export function newAttachmentData(uid: string, now: unknown, overrides: Fields = {}): Fields {
  const file = { name: 'photo.jpg', contentType: 'image/jpeg', size: 1000 };
  return { ...newAttachmentDoc(uid, file, now), ...overrides };
}
