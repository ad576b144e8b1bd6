// Run once after deploying calendar-day due dates: rewrites every to-do stored before them
// (`dueAt`, an instant; no repeat, reminders, subtasks or memberIds) in today's shape, the way
// `currentTodo` reads it. Readers accept both shapes meanwhile, so the app works before, during
// and after the run; running it again changes nothing. `npm run migrate` runs it (scripts/).
import {
  FieldPath,
  FieldValue,
  type DocumentSnapshot,
  type Firestore,
  type Timestamp,
} from 'firebase-admin/firestore';
import { currentTodo, isOldTodo, type ListDoc, type StoredTodoDoc } from '../model/index.js';

/** To-dos read and rewritten per transaction. */
const PAGE = 200;

export interface MigrationReport {
  /** To-dos read. */
  read: number;
  /** To-dos rewritten in today's shape. */
  migrated: number;
}

/** Every to-do of every list, a page at a time, each page checked and rewritten atomically. */
export async function migrateTodoSchedules(db: Firestore): Promise<MigrationReport> {
  const todos = db.collectionGroup('todos').orderBy(FieldPath.documentId()).limit(PAGE);
  const report: MigrationReport = { read: 0, migrated: 0 };
  let after: DocumentSnapshot | undefined;
  for (;;) {
    const page = await (after ? todos.startAfter(after) : todos).get();
    report.read += page.size;
    const old = page.docs.filter((todo) => isOldTodo(todo.data() as StoredTodoDoc<Timestamp>));
    if (old.length > 0) report.migrated += await migratePage(db, old);
    if (page.size < PAGE) return report;
    after = page.docs[PAGE - 1];
  }
}

/** Rewrites the to-dos that are still old when read again in the transaction. */
async function migratePage(db: Firestore, candidates: DocumentSnapshot[]): Promise<number> {
  return db.runTransaction(async (tx) => {
    const todos = await tx.getAll(...candidates.map((todo) => todo.ref));
    const listRefs = [...new Set(todos.map((todo) => todo.ref.parent.parent?.path))]
      .filter((path): path is string => path !== undefined)
      .map((path) => db.doc(path));
    const lists = new Map(
      (await tx.getAll(...listRefs)).map((list) => [list.ref.path, list.data() as ListDoc]),
    );
    let migrated = 0;
    for (const todo of todos) {
      const stored = todo.data() as StoredTodoDoc<Timestamp> | undefined;
      if (!stored || !isOldTodo(stored)) continue;
      const list = lists.get(todo.ref.parent.parent?.path ?? '');
      const current = currentTodo(stored, (stamp: Timestamp) => stamp.toDate(), list?.memberIds);
      tx.update(todo.ref, {
        due: current.due,
        repeat: current.repeat,
        reminders: current.reminders,
        subtasks: current.subtasks,
        memberIds: current.memberIds,
        dueAt: FieldValue.delete(),
      });
      migrated++;
    }
    return migrated;
  });
}
