import { onDocumentWritten } from 'firebase-functions/v2/firestore';
import { applyCountsDelta } from './applyCountsDelta.js';
import { countsDelta, type CountedTodo } from './countsDelta.js';

export const onTodoWritten = onDocumentWritten('lists/{listId}/todos/{todoId}', (event) => {
  const before = event.data?.before.data() as CountedTodo;
  const after = event.data?.after.data() as CountedTodo;
  return applyCountsDelta(event.params.listId, event.id, countsDelta(before, after));
});
