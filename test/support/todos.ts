// Writing to-dos as the admin SDK does, with the fields the rules would require of a client.
import { FieldValue } from 'firebase-admin/firestore';
import { paths } from '../../functions/src/model/index.js';
import { adminDb } from './admin.js';
import { newTodoData } from './newDocuments.js';

export function todoFields(createdBy: string, overrides: Record<string, unknown> = {}) {
  return newTodoData(createdBy, FieldValue.serverTimestamp(), {
    title: 'A to-do',
    order: 0,
    ...overrides,
  });
}

export const todoRef = (listId: string, todoId: string) => adminDb.doc(paths.todo(listId, todoId));

/** Sets a to-do's done flag the way the app's toggle does. */
export function setDone(listId: string, todoId: string, done: boolean) {
  return todoRef(listId, todoId).update({
    done,
    completedAt: done ? FieldValue.serverTimestamp() : null,
    updatedAt: FieldValue.serverTimestamp(),
  });
}
