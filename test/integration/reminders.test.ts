// Reminders through the real Cloud Tasks emulator: the to-do trigger enqueues a task per reminder,
// the deliverReminder task queue function writes the in-app notification at its time, once;
// completing or deleting the to-do cancels it, moving the due time moves it.
import { FieldValue, type Timestamp } from 'firebase-admin/firestore';
import { describe, expect, it } from 'vitest';
import { paths, wallClockIn } from '../../functions/src/model/index.js';
import { adminDb } from '../support/admin.js';
import { functionsEmulator, projectId } from '../support/env.js';
import { eventually, sleep } from '../support/eventually.js';
import { provisionedInbox } from '../support/profiles.js';
import { setDone, todoFields, todoRef } from '../support/todos.js';

const ZONE = 'Asia/Kolkata';
const MINUTE_MS = 60_000;
/** What the issue asks of a local stack: the notification within 2 s of the reminder's time. */
const ON_TIME_MS = 2_000;

/** A due date with a time at `instant` (a whole minute), in a zone half an hour off UTC's. */
const dueAt = (instant: number) => ({ ...wallClockIn(new Date(instant), ZONE), timeZone: ZONE });

async function notificationsOf(uid: string, todoId: string) {
  const snapshot = await adminDb
    .collection(paths.notifications(uid))
    .where('todoId', '==', todoId)
    .get();
  return snapshot.docs.map((doc) => ({ id: doc.id, ...doc.data() }) as Record<string, unknown>);
}

const millisOf = (notification: Record<string, unknown>) =>
  (notification.createdAt as Timestamp).toMillis();

describe('reminders', () => {
  it(
    'fire once at their time, not when completed or deleted first, and follow a moved due time',
    async () => {
      const { user, listId } = await provisionedInbox('reminded');
      // The next whole minute at least 10 s away: reminders are set to the minute.
      const at = Math.ceil((Date.now() + 10_000) / MINUTE_MS) * MINUTE_MS;
      const remindAtDue = (title: string, dueInstant = at) =>
        todoFields(user.uid, {
          title,
          due: dueAt(dueInstant),
          reminders: [{ id: 'r1', uid: user.uid, before: 0 }],
        });
      await Promise.all([
        todoRef(listId, 'fires').set(remindAtDue('Call the plumber')),
        todoRef(listId, 'completed').set(remindAtDue('Done before its time')),
        todoRef(listId, 'deleted').set(remindAtDue('Deleted before its time')),
        todoRef(listId, 'moved').set(remindAtDue('Moved a minute later')),
      ]);
      await sleep(3_000);
      await Promise.all([
        setDone(listId, 'completed', true),
        todoRef(listId, 'deleted').delete(),
        todoRef(listId, 'moved').update({
          due: dueAt(at + MINUTE_MS),
          updatedAt: FieldValue.serverTimestamp(),
        }),
      ]);

      const [fired] = await eventually(
        () => notificationsOf(user.uid, 'fires'),
        (found) => found.length > 0,
        { timeoutMs: at - Date.now() + 30_000 },
      );
      expect(fired).toMatchObject({
        title: 'Call the plumber',
        body: expect.stringMatching(/^Due \w{3}, \w{3} \d+ at \d\d:\d\d \(Asia\/Kolkata\)$/),
        listId,
        todoId: 'fires',
        read: false,
      });
      expect(millisOf(fired!)).toBeGreaterThanOrEqual(at - 100);
      expect(millisOf(fired!) - at).toBeLessThanOrEqual(ON_TIME_MS);

      const [moved] = await eventually(
        () => notificationsOf(user.uid, 'moved'),
        (found) => found.length > 0,
        { timeoutMs: at + MINUTE_MS - Date.now() + 30_000 },
      );
      expect(millisOf(moved!)).toBeGreaterThanOrEqual(at + MINUTE_MS - 100);
      expect(millisOf(moved!) - (at + MINUTE_MS)).toBeLessThanOrEqual(ON_TIME_MS);

      await sleep(2_000);
      expect(await notificationsOf(user.uid, 'fires')).toHaveLength(1);
      expect(await notificationsOf(user.uid, 'moved')).toHaveLength(1);
      expect(await notificationsOf(user.uid, 'completed')).toEqual([]);
      expect(await notificationsOf(user.uid, 'deleted')).toEqual([]);
    },
    3 * MINUTE_MS,
  );

  it(
    'fires once when its task is delivered again and again, even at the same moment',
    async () => {
      const { user, listId } = await provisionedInbox('redelivered');
      // A reminder for this very minute, a few seconds ago: due now, within the minute of grace.
      const at = Math.floor(Date.now() / MINUTE_MS) * MINUTE_MS;
      await todoRef(listId, 'now').set(
        todoFields(user.uid, {
          title: 'Take the medicine',
          due: dueAt(at),
          reminders: [{ id: 'r1', uid: user.uid, before: 0 }],
        }),
      );
      // Cloud Tasks delivers at least once: the same task, three times at once, as its queue would.
      const { host, port } = functionsEmulator;
      const deliver = () =>
        fetch(`http://${host}:${port}/${projectId}/us-central1/deliverReminder`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            data: { listId, todoId: 'now', reminderId: 'r1', uid: user.uid, at },
          }),
        });
      const answers = await Promise.all([deliver(), deliver(), deliver()]);
      expect(answers.map((answer) => answer.status)).toEqual([204, 204, 204]);
      await eventually(
        () => notificationsOf(user.uid, 'now'),
        (found) => found.length > 0,
      );
      await sleep(3_000);
      expect(await notificationsOf(user.uid, 'now')).toHaveLength(1);
    },
    MINUTE_MS,
  );

  it('drops a task that is not a reminder task, without retrying it', async () => {
    const { host, port } = functionsEmulator;
    const answer = await fetch(`http://${host}:${port}/${projectId}/us-central1/deliverReminder`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ data: { listId: 'l', at: 'tomorrow' } }),
    });
    expect(answer.status).toBe(204);
  });
});
