import { LIMITS, paths, type NotificationDoc } from '@model';
import type { AppNotification } from '@/domain/entities';
import type { NotificationsGateway } from '../ports';
import { loadFirestore, subscribeWhenLoaded } from './lazy';

/** users/{uid}/notifications, written by the reminder function; the person reads and marks them. */
export function createNotificationsGateway(loadDb = loadFirestore): NotificationsGateway {
  return {
    watchNotifications(uid, observer) {
      return subscribeWhenLoaded(
        loadDb,
        (fs) =>
          fs.watchQuery<AppNotification>(
            fs.query(
              fs.collection(fs.db, paths.notifications(uid)),
              fs.orderBy('createdAt', 'desc'),
              fs.limit(LIMITS.notificationsShown),
            ),
            (snapshot) => fs.readDocument<NotificationDoc<Date>>(snapshot),
            observer,
          ),
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
  };
}
