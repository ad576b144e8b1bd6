import { onDocumentDeleted } from 'firebase-functions/v2/firestore';
import { deleteListContents } from './deleteListContents.js';

// retry: cleanup is idempotent, and a list's leftovers must not outlive a transient failure.
export const onListDeleted = onDocumentDeleted(
  { document: 'lists/{listId}', retry: true },
  (event) => deleteListContents(event.params.listId),
);
