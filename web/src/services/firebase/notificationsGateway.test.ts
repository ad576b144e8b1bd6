// @vitest-environment node
import { describe, expect, it } from 'vitest';
import type { AppNotification } from '@/domain/entities';
import { until, useEmulators } from '@/testing/emulators';
import { createNotificationsGateway } from './notificationsGateway';

const emulators = useEmulators('demo-notifications-gateway');
const notifications = createNotificationsGateway(emulators.firestoreAs('alice'));

const written = (title: string, createdAt: string) => ({
  title: { stringValue: title },
  body: { stringValue: 'Due Thu, Dec 10' },
  listId: { stringValue: 'home' },
  todoId: { stringValue: 't1' },
  createdAt: { timestampValue: createdAt },
  read: { booleanValue: false },
});

describe('notificationsGateway against the emulator and firestore.rules', () => {
  it('watches the reminders that fired, newest first, and marks them read in one write', async () => {
    await emulators.adminWrite(
      'users/alice/notifications/older',
      written('Older', '2026-12-09T08:00:00Z'),
    );
    await emulators.adminWrite(
      'users/alice/notifications/newer',
      written('Newer', '2026-12-10T08:00:00Z'),
    );
    await emulators.adminWrite(
      'users/bob/notifications/bobs',
      written('Bob’s', '2026-12-10T09:00:00Z'),
    );
    const watch = (accept: (items: AppNotification[]) => boolean) =>
      until<AppNotification[]>(
        (observer) => notifications.watchNotifications('alice', observer),
        accept,
      );

    const first = await watch((items) => items.length === 2);
    expect(first.map((item) => [item.title, item.read])).toEqual([
      ['Newer', false],
      ['Older', false],
    ]);
    expect(first[0]?.createdAt).toEqual(new Date('2026-12-10T08:00:00Z'));

    await notifications.markRead('alice', ['newer', 'older']);
    const read = await watch((items) => items.every((item) => item.read));
    expect(read.map((item) => item.id)).toEqual(['newer', 'older']);
  });
});
