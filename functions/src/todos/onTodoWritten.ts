import { onDocumentWritten } from 'firebase-functions/v2/firestore';
import { applyCountsDelta } from './applyCountsDelta.js';
import { countsDelta, type CountedTodo } from './countsDelta.js';
import { needsRollOver, rollOverCompleted, type CompletedTodo } from './rollOver.js';

// retry: the counts are right only if every event is applied once; a failed run is retried and
// the marker in applyCountsDelta makes a repeat harmless. A repeating to-do that a write left
// completed rolls over to its next occurrence (rollOver.ts), which is itself once per occurrence.
export const onTodoWritten = onDocumentWritten(
  { document: 'lists/{listId}/todos/{todoId}', retry: true },
  async (event) => {
    const before = event.data?.before.data() as CountedTodo;
    const after = event.data?.after.data() as CountedTodo & Partial<CompletedTodo>;
    await applyCountsDelta(event.params.listId, event.id, countsDelta(before, after));
    if (event.data && needsRollOver(after))
      await rollOverCompleted(event.data.after.ref, after as CompletedTodo);
  },
);
