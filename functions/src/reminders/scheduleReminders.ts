import { logger } from 'firebase-functions';
import { addedFirings, type Remindable } from './firings.js';
import { enqueueReminder, reminderTask, reminderTaskId } from './reminderQueue.js';

/**
 * Enqueues a task for each firing a write to a to-do added. Nothing is dequeued for firings it
 * removed (a to-do completed, moved or deleted): each task checks at its time that its firing is
 * still due, so a stale one does nothing, and a removed reminder set again later is not lost to a
 * task name Cloud Tasks still remembers.
 */
export async function scheduleReminders(
  listId: string,
  todoId: string,
  eventId: string,
  before: Remindable | undefined,
  after: Remindable | undefined,
): Promise<void> {
  const firings = addedFirings(before, after, Date.now());
  await Promise.all(
    firings.map((firing) => {
      const task = reminderTask(listId, todoId, firing);
      return enqueueReminder(task, reminderTaskId(task, eventId));
    }),
  );
  if (firings.length > 0)
    logger.info(`Scheduled ${firings.length} reminder(s)`, { listId, todoId });
}
