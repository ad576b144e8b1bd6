import { onDocumentWritten } from 'firebase-functions/v2/firestore';
import { applyCountsDelta } from './applyCountsDelta.js';
import { countsDelta, type CountedTodo } from './countsDelta.js';

// retry: the counts are right only if every event is applied once; a failed run is retried and
// the marker in applyCountsDelta makes a repeat harmless.
export const onTodoWritten = onDocumentWritten(
  { document: 'lists/{listId}/todos/{todoId}', retry: true },
  (event) => {
    const before = event.data?.before.data() as CountedTodo;
    const after = event.data?.after.data() as CountedTodo;
    return applyCountsDelta(event.params.listId, event.id, countsDelta(before, after));
  },
);
