import { currentTodo, doneFields, newTodoDoc, paths, type StoredTodoDoc } from '@model';
import type { Todo } from '@/domain/entities';
import type { TodoPatch, TodosGateway } from '../ports';
import { loadFirestore, newDocumentId, subscribeWhenLoaded } from './lazy';

/** Firestore accepts at most 500 writes in one batch. */
const BATCH_LIMIT = 500;

type Firestore = Awaited<ReturnType<typeof loadFirestore>>;

function patchFields(fs: Firestore, patch: TodoPatch): Record<string, unknown> {
  return { ...patch, updatedAt: fs.serverTimestamp() };
}

/** The occurrence of a repeating to-do as it was shown: reopening it puts it back there. */
const occurrenceOf = ({ due, repeat, reminders }: Pick<Todo, 'due' | 'repeat' | 'reminders'>) => ({
  due,
  repeat,
  reminders,
});

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
              const stored = fs.readDocument<StoredTodoDoc<Date>>(snapshot);
              return stored && { ...currentTodo(stored, (date: Date) => date), listId };
            },
            observer,
          ),
        observer,
      );
    },
    createTodo(list, uid, draft, order) {
      const id = newDocumentId();
      const written = loadDb().then((fs) => {
        const todo = { ...draft, done: false, order };
        return fs.setDoc(
          fs.doc(fs.db, paths.todo(list.id, id)),
          newTodoDoc(uid, todo, list.memberIds, fs.serverTimestamp()),
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
        ...(done && !todo.done && { due: todo.due }),
        ...(!done && todo.repeat !== null && occurrenceOf(todo)),
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
