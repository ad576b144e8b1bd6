// The fields the API writes for a to-do, as the web app writes them under firestore.rules: a new
// one is the model's newTodoDoc with firebase-admin's timestamps, so server-owned fields
// (createdBy, timestamps, attachmentCount) never come from the body, and completedAt follows
// `done` by the model's doneFields, as in the web app.
import { FieldValue } from 'firebase-admin/firestore';
import {
  doneFields,
  newTodoDoc,
  type TodoCreateInput,
  type TodoUpdateInput,
} from '../model/index.js';

/** A new to-do in a list whose members are `memberIds`. */
export function newTodoFields(
  uid: string,
  input: TodoCreateInput,
  order: number,
  memberIds: readonly string[],
) {
  return newTodoDoc(uid, { ...input, order }, memberIds, FieldValue.serverTimestamp());
}

export function editedTodoFields(edit: TodoUpdateInput, wasDone: boolean): Record<string, unknown> {
  const { done, ...plain } = edit;
  const fields: Record<string, unknown> = { ...plain, updatedAt: FieldValue.serverTimestamp() };
  if (done !== undefined)
    Object.assign(fields, doneFields(done, wasDone, FieldValue.serverTimestamp()));
  return fields;
}

export function completedTodoFields(): Record<string, unknown> {
  return editedTodoFields({ done: true }, false);
}
