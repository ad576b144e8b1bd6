import { LIMITS, paths, type NotificationDoc } from '@model';
import type { NotificationsGateway } from '../ports';
import { config } from './app';
import { loadFirestore, loadMessaging } from './lazy';
import { liveReads } from './liveReads';

/**
 * users/{uid}/notifications, written by the reminder function; the person reads and marks them.
 * And users/{uid}/pushTokens: the browsers the function also sends each reminder to (FCM).
 */
export function createNotificationsGateway(
  loadDb = loadFirestore,
  vapidKey = config.vapidKey,
): NotificationsGateway {
  const live = liveReads(loadDb);
  return {
    watchNotifications(uid, observer) {
      return live.query(
        (fs) =>
          fs.query(
            fs.collection(fs.db, paths.notifications(uid)),
            fs.orderBy('createdAt', 'desc'),
            fs.limit(LIMITS.notificationsShown),
          ),
        (fs, snapshot) => fs.readDocument<NotificationDoc<Date>>(snapshot),
        observer,
      );
    },
    async markRead(uid, notificationIds) {
      const fs = await loadDb();
      const batch = fs.writeBatch(fs.db);
      for (const id of notificationIds)
        batch.update(fs.doc(fs.db, paths.notification(uid, id)), { read: true });
      await batch.commit();
    },
    pushUnavailableReason() {
      if (!vapidKey)
        return config.emulators
          ? 'On the local emulators reminders show in the bell only: web push goes through Firebase Cloud Messaging, which has no emulator.'
          : 'This copy of Hearth is not set up for web push (no VAPID key), so reminders show in the bell only.';
      if (!('serviceWorker' in navigator) || !('PushManager' in window))
        return 'This browser cannot show reminders as system notifications; they show in the bell.';
      return null;
    },
    async enablePush(uid) {
      if (!vapidKey) throw new Error('Web push is not set up for this copy of Hearth.');
      const permission = await Notification.requestPermission();
      if (permission !== 'granted')
        throw new Error(
          'Notifications are blocked for Hearth in this browser. Allow them in the site’s settings, then try again.',
        );
      const { browserPushToken } = await loadMessaging();
      const token = await browserPushToken(vapidKey);
      const fs = await loadDb();
      const ref = fs.doc(fs.db, paths.pushToken(uid, token));
      // The rules let a token be created, not rewritten: one already saved is kept as it is.
      if ((await fs.getDoc(ref)).exists()) return;
      await fs.setDoc(ref, { token, createdAt: fs.serverTimestamp() });
    },
  };
}
