import { defineStore } from 'pinia';
import { computed } from 'vue';
import { useLiveQuery } from '@/composables/useLiveQuery';
import type { AppNotification } from '@/domain/entities';
import { useServices } from '@/services/injection';
import { useAuthStore } from './auth';
import { useNoticesStore } from './notices';

/** The bell: the person's reminders that fired, live, newest first, and how many are unread. */
export const useNotificationsStore = defineStore('notifications', () => {
  const services = useServices();
  const auth = useAuthStore();
  const notices = useNoticesStore();
  const live = useLiveQuery(
    () => auth.uid,
    (uid, observer) => services.notifications.watchNotifications(uid, observer),
    [] as AppNotification[],
  );
  const unread = computed(() => live.data.value.filter((notification) => !notification.read));

  function markRead(ids: readonly string[]): void {
    const uid = auth.uid;
    if (!uid || ids.length === 0) return;
    notices.track(services.notifications.markRead(uid, ids));
  }

  /** Registers this browser for web pushes of the person's reminders (production only). */
  async function enablePush(): Promise<void> {
    if (auth.uid) await services.notifications.enablePush(auth.uid);
  }

  return {
    notifications: live.data,
    state: live.state,
    unreadCount: computed(() => unread.value.length),
    markRead: (notification: AppNotification) =>
      notification.read ? undefined : markRead([notification.id]),
    markAllRead: () => markRead(unread.value.map((notification) => notification.id)),
    pushUnavailableReason: services.notifications.pushUnavailableReason(),
    enablePush,
  };
});
