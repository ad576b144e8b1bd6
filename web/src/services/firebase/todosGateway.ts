import { doneFields, newTodoDoc, paths, type TodoDoc } from '@model';
import type { Todo } from '@/domain/entities';
import type { TodoPatch, TodosGateway } from '../ports';
import { loadFirestore, newDocumentId, subscribeWhenLoaded } from './lazy';

/** Firestore accepts at most 500 writes in one batch. */
const BATCH_LIMIT = 500;

type Firestore = Awaited<ReturnType<typeof loadFirestore>>;

function patchFields(fs: Firestore, patch: TodoPatch): Record<string, unknown> {
  const fields: Record<string, unknown> = { ...patch, updatedAt: fs.serverTimestamp() };
  if (patch.dueAt !== undefined) fields.dueAt = fs.toTimestamp(patch.dueAt);
  return fields;
}

/** A list's to-dos straight from Firestore (`lists/{listId}/todos`), readable by its members. */
export function createTodosGateway(loadDb = loadFirestore): TodosGateway {
  return {
    watchTodos(listId, observer) {
      return subscribeWhenLoaded(
        loadDb,
        (fs) =>
          fs.watchQuery<Todo>(
            fs.collection(fs.db, paths.todos(listId)),
            (snapshot) => {
              const todo = fs.readDocument<TodoDoc<Date>>(snapshot);
              return todo && { ...todo, listId };
            },
            observer,
          ),
        observer,
      );
    },
    createTodo(listId, uid, draft, order) {
      const id = newDocumentId();
      const written = loadDb().then((fs) => {
        const todo = { ...draft, done: false, dueAt: fs.toTimestamp(draft.dueAt), order };
        return fs.setDoc(
          fs.doc(fs.db, paths.todo(listId, id)),
          newTodoDoc(uid, todo, fs.serverTimestamp()),
        );
      });
      return { id, written };
    },
    async updateTodo(listId, todoId, patch) {
      const fs = await loadDb();
      await fs.updateDoc(fs.doc(fs.db, paths.todo(listId, todoId)), patchFields(fs, patch));
    },
    async setDone(todo, done) {
      const fs = await loadDb();
      await fs.updateDoc(fs.doc(fs.db, paths.todo(todo.listId, todo.id)), {
        ...doneFields(done, todo.done, fs.serverTimestamp()),
        updatedAt: fs.serverTimestamp(),
      });
    },
    async deleteTodos(listId, todoIds) {
      const fs = await loadDb();
      const commits: Promise<void>[] = [];
      for (let start = 0; start < todoIds.length; start += BATCH_LIMIT) {
        const batch = fs.writeBatch(fs.db);
        for (const todoId of todoIds.slice(start, start + BATCH_LIMIT))
          batch.delete(fs.doc(fs.db, paths.todo(listId, todoId)));
        commits.push(batch.commit());
      }
      await Promise.all(commits);
    },
  };
}
