// Completing a repeating to-do: the onTodoWritten trigger reopens it on its next occurrence, once
// per occurrence however many writes or deliveries report the completion; the last occurrence
// stays done; the list's counts stay exact.
import { describe, expect, it } from 'vitest';
import { eventually, sleep } from '../support/eventually.js';
import { provisionedInbox, readList } from '../support/profiles.js';
import { setDone, todoFields, todoRef } from '../support/todos.js';

const TRIGGER_TIMEOUT_MS = 60_000;

/** Waits until the to-do is open again and returns it as stored. */
async function reopened(listId: string, todoId: string) {
  return eventually(
    async () => (await todoRef(listId, todoId).get()).data(),
    (todo) => todo?.done === false,
    { timeoutMs: TRIGGER_TIMEOUT_MS },
  );
}

describe('repeating to-dos', () => {
  it(
    'completed by two clients at the same moment, move on by one occurrence',
    async () => {
      const { user, listId } = await provisionedInbox('repeater');
      const due = { date: '2026-12-10', time: '09:00', timeZone: 'Europe/Berlin' };
      await todoRef(listId, 'weekly').set(
        todoFields(user.uid, {
          title: 'Put the bins out',
          due,
          repeat: 'FREQ=WEEKLY;BYDAY=TH',
          reminders: [{ id: 'r1', uid: user.uid, before: 30 }],
        }),
      );
      await Promise.all([setDone(listId, 'weekly', true), setDone(listId, 'weekly', true)]);
      const next = await reopened(listId, 'weekly');
      expect(next).toMatchObject({
        done: false,
        completedAt: null,
        due: { date: '2026-12-17', time: '09:00', timeZone: 'Europe/Berlin' },
        repeat: 'FREQ=WEEKLY;BYDAY=TH',
        reminders: [{ id: 'r1', uid: user.uid, before: 30 }],
      });
      // Every event of both completions and of the roll-over has been handled by now or soon:
      // none moves it a second time.
      await sleep(3_000);
      expect((await todoRef(listId, 'weekly').get()).get('due')).toEqual(next?.due);
      await eventually(
        async () => (await readList(listId))?.counts,
        (counts) => counts?.open === 1 && counts.done === 0,
        { timeoutMs: TRIGGER_TIMEOUT_MS },
      );
    },
    2 * TRIGGER_TIMEOUT_MS,
  );

  it(
    'counts down COUNT, and the last occurrence stays done; the 31st skips short months',
    async () => {
      const { user, listId } = await provisionedInbox('counter-down');
      await todoRef(listId, 'rent').set(
        todoFields(user.uid, {
          title: 'Pay the rent',
          due: { date: '2027-01-31' },
          repeat: 'FREQ=MONTHLY;BYMONTHDAY=31;COUNT=2',
        }),
      );
      await setDone(listId, 'rent', true);
      expect(await reopened(listId, 'rent')).toMatchObject({
        due: { date: '2027-03-31' },
        repeat: 'FREQ=MONTHLY;BYMONTHDAY=31;COUNT=1',
      });
      await setDone(listId, 'rent', true);
      await sleep(3_000);
      expect((await todoRef(listId, 'rent').get()).data()).toMatchObject({
        done: true,
        due: { date: '2027-03-31' },
      });
    },
    2 * TRIGGER_TIMEOUT_MS,
  );
});
