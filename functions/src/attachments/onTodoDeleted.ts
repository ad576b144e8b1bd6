import { onDocumentDeleted } from 'firebase-functions/v2/firestore';
import { db } from '../admin.js';
import { paths, storagePaths } from '../model/index.js';
import { deleteQuery } from '../shared/deleteQuery.js';
import { deleteObjects } from '../shared/deleteObjects.js';

/** A deleted to-do takes its attachment documents and files with it. */
export const onTodoDeleted = onDocumentDeleted('lists/{listId}/todos/{todoId}', async (event) => {
  const { listId, todoId } = event.params;
  await deleteQuery(db.collection(paths.attachments(listId, todoId)));
  await deleteObjects(storagePaths.todoPrefix(listId, todoId));
});
