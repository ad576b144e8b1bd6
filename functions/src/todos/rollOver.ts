import { FieldValue, type DocumentReference } from 'firebase-admin/firestore';
import { db } from '../admin.js';
import type { Due, TodoDoc } from '../model/index.js';
import { rollOver, type Schedule } from '../model/repeat/occurrences.js';

const sameDue = (a: Due | null | undefined, b: Due | null | undefined) =>
  a?.date === b?.date && a?.time === b?.time && a?.timeZone === b?.timeZone;

/** What a write left of a to-do that a roll-over looks at. */
export type CompletedTodo = Pick<TodoDoc, 'done' | 'due' | 'repeat' | 'reminders'>;

/** Whether a write left a repeating to-do completed, so that its next occurrence is due. */
export const needsRollOver = (after: Partial<CompletedTodo> | undefined): boolean =>
  after?.done === true && typeof after.repeat === 'string' && after.due != null;

/**
 * Completing a repeating to-do keeps it open with its next occurrence, as Todoist does. `completed`
 * is the to-do as the completing write left it. In a transaction, the to-do rolls over only while
 * it is still that occurrence, completed: so it happens once however many events report the
 * completion (two clients completing at the same moment, an event delivered twice), and not at
 * all when someone reopened or moved it meanwhile. The last occurrence (COUNT or UNTIL reached)
 * leaves it done for good. Returns whether it rolled over.
 */
export async function rollOverCompleted(
  ref: DocumentReference,
  completed: CompletedTodo,
): Promise<boolean> {
  return db.runTransaction(async (tx) => {
    const now = (await tx.get(ref)).data() as Partial<CompletedTodo> | undefined;
    if (!now || !needsRollOver(now) || !sameDue(now.due, completed.due)) return false;
    if (now.repeat !== completed.repeat) return false;
    const next = nextOccurrenceOf({
      due: now.due ?? null,
      repeat: now.repeat ?? null,
      reminders: now.reminders ?? [],
    });
    if (!next) return false;
    tx.update(ref, rolledOverFields(next));
    return true;
  });
}

/** The next occurrence of a repeating to-do just completed; null when that was its last. */
export function nextOccurrenceOf(todo: Pick<TodoDoc, 'due' | 'repeat' | 'reminders'>) {
  return todo.repeat !== null && todo.due !== null
    ? rollOver({ due: todo.due, repeat: todo.repeat, reminders: todo.reminders })
    : null;
}

/** The write that reopens a completed repeating to-do on its next occurrence. */
export function rolledOverFields(next: Schedule): Record<string, unknown> {
  return {
    done: false,
    completedAt: null,
    due: next.due,
    repeat: next.repeat,
    reminders: next.reminders,
    updatedAt: FieldValue.serverTimestamp(),
  };
}
