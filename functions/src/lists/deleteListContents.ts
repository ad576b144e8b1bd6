import { db } from '../admin.js';
import { paths, storagePaths } from '../model/index.js';
import { deleteQuery } from '../shared/deleteQuery.js';
import { deleteObjects } from '../shared/deleteObjects.js';

/** Removes a list's to-dos, their attachment documents and every Storage object under the list. */
export async function deleteListContents(listId: string): Promise<void> {
  await deleteQuery(db.collection(paths.todos(listId)), (todo) =>
    deleteQuery(db.collection(paths.attachments(listId, todo.id))).then(() => undefined),
  );
  await deleteObjects(storagePaths.listPrefix(listId));
}

/**
 * Deletes a list and everything in it. The list document goes first so that the rules refuse new
 * to-dos from then on; the onListDeleted trigger repeats the cleanup, which is harmless.
 */
export async function deleteList(listId: string): Promise<void> {
  await db.doc(paths.list(listId)).delete();
  await deleteListContents(listId);
}
