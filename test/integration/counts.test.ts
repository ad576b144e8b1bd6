// The onTodoWritten trigger keeps lists/{listId}.counts right under concurrent edits. Each test
// knows how many writes change the counts and waits until exactly that many events have been
// applied (one marker each), so it checks the settled result, not a passing moment.
import { describe, expect, it } from 'vitest';
import type { ListCounts } from '../../functions/src/model/index.js';
import { APPLIED_EVENTS } from '../../functions/src/shared/appliedEvents.js';
import { adminDb } from '../support/admin.js';
import { eventually, sleep } from '../support/eventually.js';
import { provisionedInbox, readList } from '../support/profiles.js';
import { setDone, todoFields, todoRef } from '../support/todos.js';

const EVENTS_TIMEOUT_MS = 150_000;

const appliedEvents = async (listId: string) =>
  (await adminDb.collection(APPLIED_EVENTS).where('listId', '==', listId).get()).size;

/** Waits for `events` applied events, checks no extra one arrives, then checks the counts. */
async function expectCountsAfter(listId: string, events: number, expected: ListCounts) {
  await eventually(
    () => appliedEvents(listId),
    (n) => n >= events,
    { timeoutMs: EVENTS_TIMEOUT_MS },
  );
  await sleep(1_000);
  expect(await appliedEvents(listId)).toBe(events);
  expect((await readList(listId))?.counts).toEqual(expected);
}

describe('list counts', () => {
  it(
    'follow creation, completion, reopening and deletion, and ignore other edits',
    async () => {
      const { user, listId } = await provisionedInbox('counter');
      await todoRef(listId, 'a').set(todoFields(user.uid));
      await todoRef(listId, 'b').set(todoFields(user.uid, { done: true }));
      await expectCountsAfter(listId, 2, { open: 1, done: 1 });
      await setDone(listId, 'a', true);
      await todoRef(listId, 'a').update({ title: 'Renamed' });
      await expectCountsAfter(listId, 3, { open: 0, done: 2 });
      await setDone(listId, 'a', false);
      await todoRef(listId, 'b').delete();
      await expectCountsAfter(listId, 5, { open: 1, done: 0 });
    },
    2 * EVENTS_TIMEOUT_MS,
  );

  it(
    'stay right under 20 concurrent toggles',
    async () => {
      const { user, listId } = await provisionedInbox('toggler');
      const ids = Array.from({ length: 20 }, (_, i) => `todo-${i}`);
      await Promise.all(
        ids.map((id, i) => todoRef(listId, id).set(todoFields(user.uid, { order: i }))),
      );
      await expectCountsAfter(listId, 20, { open: 20, done: 0 });
      await Promise.all(ids.map((id) => setDone(listId, id, true)));
      await expectCountsAfter(listId, 40, { open: 0, done: 20 });
    },
    2 * EVENTS_TIMEOUT_MS,
  );
});
