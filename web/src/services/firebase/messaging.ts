import { getMessaging, getToken } from 'firebase/messaging';
import { firebaseApp } from './app';

/**
 * This browser's FCM registration token, subscribed through Hearth's own service worker (which
 * shows the pushes: serviceWorker.ts). Loaded only when someone turns notifications on.
 */
export async function browserPushToken(vapidKey: string): Promise<string> {
  const serviceWorkerRegistration = await navigator.serviceWorker.ready;
  return getToken(getMessaging(firebaseApp), { vapidKey, serviceWorkerRegistration });
}
