import { db } from '../admin.js';
import {
  COLLECTIONS,
  paths,
  type ExportMyDataResult,
  type ExportedList,
  type ExportedTodo,
  type ListDoc,
  type UserDoc,
} from '../model/index.js';
import { toExport } from './toExport.js';

async function exportTodos(listId: string): Promise<ExportedTodo[]> {
  const todos = await db.collection(paths.todos(listId)).get();
  const exported = await Promise.all(
    todos.docs.map(async (todo) => {
      const attachments = await db.collection(paths.attachments(listId, todo.id)).get();
      return {
        id: todo.id,
        ...(toExport(todo.data()) as Omit<ExportedTodo, 'id' | 'attachments'>),
        attachments: attachments.docs.map((a) => ({ id: a.id, ...(toExport(a.data()) as object) })),
      } as ExportedTodo;
    }),
  );
  return exported.sort((a, b) => a.order - b.order);
}

/** Everything about the caller: their profile and every list they belong to, with its to-dos. */
export async function exportMyData(uid: string): Promise<ExportMyDataResult> {
  const profile = await db.doc(paths.user(uid)).get();
  const lists = await db
    .collection(COLLECTIONS.lists)
    .where('memberIds', 'array-contains', uid)
    .get();
  const exported: ExportedList[] = await Promise.all(
    lists.docs.map(async (list) => {
      const data = list.data() as ListDoc;
      return {
        id: list.id,
        ...(toExport(data) as Omit<ExportedList, 'id' | 'role' | 'todos'>),
        role: data.members[uid] ?? 'viewer',
        todos: await exportTodos(list.id),
      };
    }),
  );
  return {
    exportedAt: new Date().toISOString(),
    uid,
    profile: profile.exists ? (toExport(profile.data()) as UserDoc<string>) : null,
    lists: exported,
  };
}
