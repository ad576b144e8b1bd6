import { FieldValue } from 'firebase-admin/firestore';
import { onDocumentWritten } from 'firebase-functions/v2/firestore';
import { db } from '../admin.js';
import { paths, storagePaths } from '../model/index.js';
import { commitOnce } from '../shared/commitOnce.js';
import { deleteObjects } from '../shared/deleteObjects.js';

/**
 * Keeps a to-do's attachmentCount (exactly once per event) and, when an attachment document is
 * deleted, removes its original and thumbnail from Storage.
 */
export const onAttachmentWritten = onDocumentWritten(
  'lists/{listId}/todos/{todoId}/attachments/{attachmentId}',
  async (event) => {
    const { listId, todoId, attachmentId } = event.params;
    const existed = event.data?.before.exists ?? false;
    const exists = event.data?.after.exists ?? false;
    if (existed && !exists) {
      await deleteObjects(storagePaths.attachmentPrefix(listId, todoId, attachmentId));
    }
    if (existed === exists) return;
    await commitOnce(event.id, { todo: paths.todo(listId, todoId) }, (batch) =>
      batch.update(db.doc(paths.todo(listId, todoId)), {
        attachmentCount: FieldValue.increment(exists ? 1 : -1),
      }),
    );
  },
);
