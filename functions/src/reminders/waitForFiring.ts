import { db } from '../admin.js';
import { paths, type TodoDoc } from '../model/index.js';
import { isStillDue } from './firings.js';
import type { ReminderTask } from './reminderQueue.js';

/**
 * Waits up to `ms` while watching the task's to-do. Resolves true when the time is up with the
 * firing still due, false as soon as it is not (the to-do was completed, moved, deleted or lost
 * the reminder): a cancelled reminder's task ends at once instead of holding an instance.
 */
export function waitForFiring(task: ReminderTask, ms: number): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const finish = (stillDue: boolean) => {
      clearTimeout(timer);
      unsubscribe();
      resolve(stillDue);
    };
    const unsubscribe = db.doc(paths.todo(task.listId, task.todoId)).onSnapshot(
      (snapshot) => {
        if (!isStillDue(snapshot.data() as TodoDoc | undefined, task)) finish(false);
      },
      (error) => {
        clearTimeout(timer);
        reject(error);
      },
    );
    // Callbacks come asynchronously, after this line has set the timer they clear.
    const timer = setTimeout(() => finish(true), Math.max(0, ms));
  });
}
