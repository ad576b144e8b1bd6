// The run-once migration to calendar-day due dates, against the emulator: to-dos stored by the
// old app are rewritten as today's readers see them; current ones are left alone.
import { beforeAll, describe, expect, it } from 'vitest';
import { FieldValue, Timestamp } from 'firebase-admin/firestore';
import { migrateTodoSchedules } from '../../functions/src/migrations/todoSchedule.js';
import { adminDb } from '../support/admin.js';
import { newListData, newTodoData } from '../support/newDocuments.js';

const tag = Date.now().toString(36);
const owner = `migration-owner-${tag}`;
const friend = `migration-friend-${tag}`;
const shared = adminDb.collection('lists').doc(`migration-shared-${tag}`);

/** A to-do as the app wrote it before calendar-day due dates. */
function oldTodo(title: string, dueAt: Date | null) {
  const { due, repeat, reminders, subtasks, memberIds, ...rest } = newTodoData(
    owner,
    FieldValue.serverTimestamp(),
    { title },
  );
  void [due, repeat, reminders, subtasks, memberIds];
  return { ...rest, dueAt: dueAt && Timestamp.fromDate(dueAt) };
}

let current: FirebaseFirestore.DocumentReference;
let currentUpdateTime: Timestamp | undefined;

beforeAll(async () => {
  await shared.set(
    newListData(owner, FieldValue.serverTimestamp(), {
      members: { [owner]: 'owner', [friend]: 'editor' },
      memberIds: [owner, friend],
    }),
  );
  await shared
    .collection('todos')
    .doc('dated')
    .set(
      // Set in Los Angeles for Dec 10: that midnight there, as an instant.
      oldTodo('Dated', new Date('2026-12-10T08:00:00Z')),
    );
  await shared.collection('todos').doc('undated').set(oldTodo('Undated', null));
  current = shared.collection('todos').doc('current');
  await current.set(
    newTodoData(owner, FieldValue.serverTimestamp(), {
      title: 'Current',
      due: { date: '2027-01-02', time: '09:30', timeZone: 'Europe/Berlin' },
      memberIds: [owner, friend],
    }),
  );
  currentUpdateTime = (await current.get()).updateTime;
});

describe('migrating to-dos to calendar-day due dates', () => {
  it('rewrites old to-dos with the day they meant and the list’s members', async () => {
    const report = await migrateTodoSchedules(adminDb);
    expect(report.migrated).toBeGreaterThanOrEqual(2);
    expect(report.read).toBeGreaterThanOrEqual(report.migrated + 1);

    const dated = (await shared.collection('todos').doc('dated').get()).data();
    expect(dated).toMatchObject({
      title: 'Dated',
      due: { date: '2026-12-10' },
      repeat: null,
      reminders: [],
      subtasks: [],
      memberIds: [owner, friend],
    });
    expect(dated).not.toHaveProperty('dueAt');
    const undated = (await shared.collection('todos').doc('undated').get()).data();
    expect(undated).toMatchObject({ due: null, memberIds: [owner, friend] });
    expect(undated).not.toHaveProperty('dueAt');
  });

  it('leaves current to-dos alone, and a second run leaves migrated ones alone', async () => {
    expect((await current.get()).updateTime?.isEqual(currentUpdateTime!)).toBe(true);
    const dated = shared.collection('todos').doc('dated');
    const migratedAt = (await dated.get()).updateTime;
    await migrateTodoSchedules(adminDb);
    expect((await dated.get()).updateTime?.isEqual(migratedAt!)).toBe(true);
  });
});
