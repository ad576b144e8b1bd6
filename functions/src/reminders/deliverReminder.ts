import { FieldValue } from 'firebase-admin/firestore';
import { logger } from 'firebase-functions';
import { onTaskDispatched } from 'firebase-functions/v2/tasks';
import { db } from '../admin.js';
import { paths, type ListDoc, type NotificationDoc, type TodoDoc } from '../model/index.js';
import { isStillDue } from './firings.js';
import { reminderBody } from './notificationText.js';
import {
  DISPATCH_DEADLINE_SECONDS,
  enqueueReminder,
  reminderTaskId,
  reminderTaskSchema,
  type ReminderTask,
} from './reminderQueue.js';
import { waitForFiring } from './waitForFiring.js';
import { sendWebPush } from './webPush.js';

/**
 * The longest a task waits for its time when it comes early, within its dispatch deadline.
 * Cloud Tasks delivers on time (and hops of 29 days); firebase-tools' Cloud Tasks emulator
 * delivers every task at once, whatever its schedule (firebase-tools#8254), so locally each task
 * waits here for its time, and hands over to a new task if its time is further away.
 */
const LONGEST_WAIT_MS = (DISPATCH_DEADLINE_SECONDS - 120) * 1000;

/** One notification per firing: its id is made of the firing, and it is created only once. */
export const notificationId = (task: ReminderTask) =>
  `${task.todoId}-${task.reminderId}-${task.at}`;

/**
 * Writes the in-app notification of a firing that is still due and whose person is still a
 * member of the list, in a transaction that also checks it was not written already: so the
 * reminder fires once however often its task runs. Returns the notification, or null.
 */
async function recordNotification(task: ReminderTask) {
  const todoRef = db.doc(paths.todo(task.listId, task.todoId));
  const listRef = db.doc(paths.list(task.listId));
  const notificationRef = db.doc(paths.notification(task.uid, notificationId(task)));
  return db.runTransaction(async (tx) => {
    const [todoSnap, listSnap, existing] = await tx.getAll(todoRef, listRef, notificationRef);
    const todo = todoSnap?.data() as TodoDoc | undefined;
    const list = listSnap?.data() as ListDoc | undefined;
    if (existing?.exists || !todo || !isStillDue(todo, task) || !list?.members[task.uid])
      return null;
    const notification = {
      title: todo.title,
      body: reminderBody(todo.due),
      listId: task.listId,
      todoId: task.todoId,
      createdAt: FieldValue.serverTimestamp(),
      read: false,
    } satisfies NotificationDoc<FieldValue>;
    tx.create(notificationRef, notification);
    return notification;
  });
}

// retry: a run that failed before its notification was written is run again; one that wrote it
// finds it there and does nothing.
export const deliverReminder = onTaskDispatched(
  {
    retryConfig: { maxAttempts: 5, minBackoffSeconds: 10 },
    rateLimits: { maxConcurrentDispatches: 100 },
    timeoutSeconds: DISPATCH_DEADLINE_SECONDS,
  },
  async (request) => {
    const parsed = reminderTaskSchema.safeParse(request.data);
    if (!parsed.success) {
      logger.error('A reminder task that is not one was dropped', { data: request.data });
      return;
    }
    const task = parsed.data;
    if (task.at > Date.now()) {
      const stillDue = await waitForFiring(task, Math.min(task.at - Date.now(), LONGEST_WAIT_MS));
      if (!stillDue) return;
      if (task.at > Date.now()) {
        await enqueueReminder(task, reminderTaskId(task, `hop-${Date.now()}`));
        return;
      }
    }
    const notification = await recordNotification(task);
    if (notification) await sendWebPush(task.uid, notificationId(task), notification);
  },
);
