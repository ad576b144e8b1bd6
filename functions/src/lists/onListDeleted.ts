import { onDocumentDeleted } from 'firebase-functions/v2/firestore';
import { deleteListContents } from './deleteListContents.js';

export const onListDeleted = onDocumentDeleted('lists/{listId}', (event) =>
  deleteListContents(event.params.listId),
);
