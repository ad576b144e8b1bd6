import {
  COLLECTIONS,
  currentTodo,
  doneFields,
  newTodoDoc,
  paths,
  type StoredTodoDoc,
} from '@model';
import type { DocumentSnapshot, QueryConstraint } from 'firebase/firestore';
import type { Todo } from '@/domain/entities';
import type { Observer, TodoPatch, TodosGateway } from '../ports';
import { loadFirestore, newDocumentId } from './lazy';
import { liveReads, type Firestore } from './liveReads';

/** Firestore accepts at most 500 writes in one batch. */
const BATCH_LIMIT = 500;

function patchFields(fs: Firestore, patch: TodoPatch): Record<string, unknown> {
  return { ...patch, updatedAt: fs.serverTimestamp() };
}

/** The occurrence of a repeating to-do as it was shown: reopening it puts it back there. */
const occurrenceOf = ({ due, repeat, reminders }: Pick<Todo, 'due' | 'repeat' | 'reminders'>) => ({
  due,
  repeat,
  reminders,
});

/** A stored to-do as the app reads it, with the id of the list it is in. */
function readTodo(fs: Firestore, snapshot: DocumentSnapshot): Todo | null {
  const stored = fs.readDocument<StoredTodoDoc<Date>>(snapshot);
  const listId = snapshot.ref.parent.parent?.id;
  return stored && listId ? { ...currentTodo(stored, (date: Date) => date), listId } : null;
}

/** A list's to-dos straight from Firestore (`lists/{listId}/todos`), readable by its members. */
export function createTodosGateway(loadDb = loadFirestore): TodosGateway {
  const live = liveReads(loadDb);
  /**
   * The person's to-dos across every list, narrowed by `more`. The rules allow a to-do to be read
   * by those its memberIds name, and a query only when it can return nothing else: the
   * array-contains filter on the caller's uid is that proof.
   */
  const watchMemberTodos = (
    uid: string,
    observer: Observer<Todo[]>,
    more: (fs: Firestore) => QueryConstraint[] = () => [],
  ) =>
    live.query(
      (fs) =>
        fs.query(
          fs.collectionGroup(fs.db, COLLECTIONS.todos),
          fs.where('memberIds', 'array-contains', uid),
          ...more(fs),
        ),
      readTodo,
      observer,
    );
  return {
    watchTodos(listId, observer) {
      return live.query((fs) => fs.collection(fs.db, paths.todos(listId)), readTodo, observer);
    },
    watchDueTodos(uid, through, observer) {
      // Its composite index (done, memberIds, due.date) is in firestore.indexes.json.
      return watchMemberTodos(uid, observer, (fs) => [
        fs.where('done', '==', false),
        fs.where('due.date', '<=', through),
        fs.orderBy('due.date'),
      ]);
    },
    watchMyTodos(uid, observer) {
      // A collection-group query on one field needs that field's single-field index in the
      // COLLECTION_GROUP scope, which Firestore does not make by itself: firestore.indexes.json's
      // fieldOverrides has it.
      return watchMemberTodos(uid, observer);
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
