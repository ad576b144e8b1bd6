import { onDocumentWritten } from 'firebase-functions/v2/firestore';
import type { TodoDoc } from '../model/index.js';
import { scheduleReminders } from '../reminders/scheduleReminders.js';
import { applyCountsDelta } from './applyCountsDelta.js';
import { countsDelta } from './countsDelta.js';
import { needsRollOver, rollOverCompleted, type CompletedTodo } from './rollOver.js';

/** A to-do as a write found or left it; undefined when it does not exist. */
type WrittenTodo = Partial<TodoDoc> | undefined;

// retry: the counts are right only if every event is applied once; a failed run is retried and
// the marker in applyCountsDelta makes a repeat harmless. Reminders the write added are enqueued,
// once per event (reminders/scheduleReminders.ts). A repeating to-do that a write left completed
// rolls over to its next occurrence (rollOver.ts), which is itself once per occurrence.
export const onTodoWritten = onDocumentWritten(
  { document: 'lists/{listId}/todos/{todoId}', retry: true },
  async (event) => {
    const { listId, todoId } = event.params;
    const before = event.data?.before.data() as WrittenTodo;
    const after = event.data?.after.data() as WrittenTodo;
    await applyCountsDelta(listId, event.id, countsDelta(before, after));
    await scheduleReminders(listId, todoId, event.id, before, after);
    if (event.data && needsRollOver(after))
      await rollOverCompleted(event.data.after.ref, after as CompletedTodo);
  },
);
