// The reminder queue: one Cloud Tasks task per firing, delivered by the deliverReminder task queue
// function at the firing's instant.
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { taskQueues } from '../admin.js';
import type { Firing } from './firings.js';

/** The task queue function's name, which is also its queue's. */
export const REMINDER_QUEUE = 'deliverReminder';

/** Cloud Tasks schedules at most 30 days ahead; a later firing hops through a task 29 days on. */
const MAX_SCHEDULE_AHEAD_MS = 29 * 24 * 60 * 60_000;
/** How long Cloud Tasks waits for the function (deliverReminder may wait for its time, below). */
export const DISPATCH_DEADLINE_SECONDS = 600;

/** What a reminder task carries: the firing and where its to-do is. */
export const reminderTaskSchema = z.strictObject({
  listId: z.string().min(1),
  todoId: z.string().min(1),
  reminderId: z.string().min(1),
  uid: z.string().min(1),
  at: z.number().int().nonnegative(),
});
export type ReminderTask = z.infer<typeof reminderTaskSchema>;

export const reminderTask = (listId: string, todoId: string, firing: Firing): ReminderTask => ({
  listId,
  todoId,
  ...firing,
});

/**
 * A task name made of what it is for and `cause` (the write's event id, or the hop it continues):
 * an event delivered twice enqueues its tasks once, while a reminder removed and set again for
 * the same time gets a task of its own (Cloud Tasks keeps a used name for a while after its task).
 */
export function reminderTaskId(task: ReminderTask, cause: string): string {
  const digest = createHash('sha256')
    .update(JSON.stringify([task.listId, task.todoId, task.reminderId, task.uid, task.at, cause]))
    .digest('hex');
  return `reminder-${digest.slice(0, 40)}`;
}

const alreadyQueued = (error: unknown) =>
  (error as { code?: unknown } | null)?.code === 'functions/task-already-exists';

/** Enqueues the task for its instant (or the furthest Cloud Tasks allows); once per id. */
export async function enqueueReminder(
  task: ReminderTask,
  id: string,
  now = Date.now(),
): Promise<void> {
  try {
    await taskQueues.taskQueue(REMINDER_QUEUE).enqueue(task, {
      id,
      scheduleTime: new Date(Math.min(task.at, now + MAX_SCHEDULE_AHEAD_MS)),
      dispatchDeadlineSeconds: DISPATCH_DEADLINE_SECONDS,
    });
  } catch (error) {
    if (!alreadyQueued(error)) throw error;
  }
}
