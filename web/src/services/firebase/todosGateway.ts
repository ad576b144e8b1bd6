import {
  collection,
  doc,
  serverTimestamp,
  setDoc,
  updateDoc,
  writeBatch,
  type Firestore,
} from 'firebase/firestore';
import { newTodoDoc, paths, type TodoDoc } from '@model';
import type { Todo } from '@/domain/entities';
import type { TodoPatch, TodosGateway } from '../ports';
import { readDocument, toTimestamp, watchQuery } from './snapshots';

/** Firestore accepts at most 500 writes in one batch. */
const BATCH_LIMIT = 500;

function patchFields(patch: TodoPatch): Record<string, unknown> {
  const fields: Record<string, unknown> = { ...patch, updatedAt: serverTimestamp() };
  if (patch.dueAt !== undefined) fields.dueAt = toTimestamp(patch.dueAt);
  if (patch.done !== undefined) fields.completedAt = patch.done ? serverTimestamp() : null;
  return fields;
}

/** A list's to-dos straight from Firestore (`lists/{listId}/todos`), readable by its members. */
export function createTodosGateway(db: Firestore): TodosGateway {
  return {
    watchTodos(listId, observer) {
      return watchQuery<Todo>(
        collection(db, paths.todos(listId)),
        (snapshot) => {
          const todo = readDocument<TodoDoc<Date>>(snapshot);
          return todo && { ...todo, listId };
        },
        observer,
      );
    },
    createTodo(listId, uid, draft, order) {
      const ref = doc(collection(db, paths.todos(listId)));
      const todo = { ...draft, done: false, dueAt: toTimestamp(draft.dueAt), order };
      const written = setDoc(ref, newTodoDoc(uid, todo, serverTimestamp()));
      return { id: ref.id, written };
    },
    updateTodo: (listId, todoId, patch) =>
      updateDoc(doc(db, paths.todo(listId, todoId)), patchFields(patch)),
    async deleteTodos(listId, todoIds) {
      const commits: Promise<void>[] = [];
      for (let start = 0; start < todoIds.length; start += BATCH_LIMIT) {
        const batch = writeBatch(db);
        for (const todoId of todoIds.slice(start, start + BATCH_LIMIT))
          batch.delete(doc(db, paths.todo(listId, todoId)));
        commits.push(batch.commit());
      }
      await Promise.all(commits);
    },
  };
}
