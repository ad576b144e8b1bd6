import { logger } from 'firebase-functions';
import { db, messaging } from '../admin.js';
import { paths, type NotificationDoc } from '../model/index.js';

/** FCM's answers for a token that will never work again: the browser unsubscribed or it expired. */
const GONE = new Set([
  'messaging/registration-token-not-registered',
  'messaging/invalid-registration-token',
]);

/**
 * Sends a fired reminder as a web push to every browser the person turned notifications on in;
 * the service worker shows it as a system notification. Tokens FCM no longer knows are removed.
 * FCM has no emulator and cannot be reached from a local stack, so there it only says so.
 */
export async function sendWebPush(
  uid: string,
  notificationId: string,
  notification: Pick<NotificationDoc, 'title' | 'body' | 'listId' | 'todoId'>,
): Promise<void> {
  const tokens = (await db.collection(paths.pushTokens(uid)).get()).docs.map((doc) => doc.id);
  if (tokens.length === 0) return;
  if (process.env.FUNCTIONS_EMULATOR === 'true') {
    logger.info(`Web push to ${tokens.length} browser(s) skipped: FCM has no emulator`, { uid });
    return;
  }
  const link = `/lists/${notification.listId}?todo=${notification.todoId}`;
  const result = await messaging.sendEachForMulticast({
    tokens,
    // Data only: Hearth's service worker shows it (serviceWorker.ts), the same way for every browser.
    data: { title: notification.title, body: notification.body, link, tag: notificationId },
    webpush: { headers: { Urgency: 'high' }, fcmOptions: { link } },
  });
  const gone = result.responses.flatMap((response, index) =>
    !response.success && GONE.has(response.error?.code ?? '') ? [tokens[index]!] : [],
  );
  await Promise.all(gone.map((token) => db.doc(paths.pushToken(uid, token)).delete()));
  logger.info(`Web push sent to ${result.successCount} of ${tokens.length} browser(s)`, { uid });
}
