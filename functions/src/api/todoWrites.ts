// The fields the API writes for a to-do, as the web app writes them under firestore.rules: a new
// one is the model's newTodoDoc with firebase-admin's timestamps, so server-owned fields
// (createdBy, timestamps, attachmentCount) never come from the body, and completedAt follows
// `done` by the model's doneFields, as in the web app.
import { FieldValue, Timestamp } from 'firebase-admin/firestore';
import {
  doneFields,
  newTodoDoc,
  type TodoCreateInput,
  type TodoUpdateInput,
} from '../model/index.js';

const dueAtField = (dueAt: Date | null) => (dueAt ? Timestamp.fromDate(dueAt) : null);

export function newTodoFields(uid: string, input: TodoCreateInput, order: number) {
  const fields = { ...input, dueAt: dueAtField(input.dueAt), order };
  return newTodoDoc(uid, fields, FieldValue.serverTimestamp());
}

export function editedTodoFields(edit: TodoUpdateInput, wasDone: boolean): Record<string, unknown> {
  const { dueAt, done, ...plain } = edit;
  const fields: Record<string, unknown> = { ...plain, updatedAt: FieldValue.serverTimestamp() };
  if (dueAt !== undefined) fields.dueAt = dueAtField(dueAt);
  if (done !== undefined)
    Object.assign(fields, doneFields(done, wasDone, FieldValue.serverTimestamp()));
  return fields;
}

export function completedTodoFields(): Record<string, unknown> {
  return editedTodoFields({ done: true }, false);
}
