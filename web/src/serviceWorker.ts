/// <reference lib="webworker" />
/**
 * Hearth's service worker (built by vite-plugin-pwa's injectManifest from this file). It precaches
 * the app shell, the built JS, CSS and icons, so that the installed app opens without a network;
 * the lists then come from Firestore's own persistent cache. A new version waits until the page
 * asks it to take over (the update prompt), so that a tab never runs old and new code at once.
 * It also shows reminders sent as web pushes.
 */
import { clientsClaim } from 'workbox-core';
import {
  cleanupOutdatedCaches,
  createHandlerBoundToURL,
  precacheAndRoute,
} from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { readPushMessage } from './domain/pushMessage';

declare const self: ServiceWorkerGlobalScope;

precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();
// The first visit's page is controlled at once, so the app works offline without a reload. (A
// later version takes over only when asked, below, and the page reloads then.)
clientsClaim();

// Every address inside the app opens the app shell, offline too. The REST API and Firebase
// Hosting's reserved paths (/__/auth/handler, /__/firebase/init.js) are not pages of the app.
registerRoute(
  new NavigationRoute(createHandlerBoundToURL('index.html'), {
    denylist: [/^\/api\//, /^\/__\//],
  }),
);

// workbox-window's messageSkipWaiting(), sent when the person accepts the update prompt.
self.addEventListener('message', (event) => {
  if ((event.data as { type?: unknown } | null)?.type === 'SKIP_WAITING') void self.skipWaiting();
});

// A reminder's web push (sent through FCM by the deliverReminder function): shown as a system
// notification; clicking it opens the to-do in an open Hearth window, or in a new one.
self.addEventListener('push', (event) => {
  let json: unknown;
  try {
    json = event.data?.json();
  } catch {
    return; // Not JSON: not a reminder.
  }
  const notice = readPushMessage(json);
  if (!notice) return;
  event.waitUntil(
    self.registration.showNotification(notice.title, {
      body: notice.body,
      tag: notice.tag,
      icon: '/pwa-192x192.png',
      data: { link: notice.link },
    }),
  );
});

self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const link = (event.notification.data as { link?: string } | null)?.link ?? '/';
  event.waitUntil(openInApp(link));
});

async function openInApp(link: string): Promise<void> {
  const url = new URL(link, self.location.origin).href;
  const windows = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
  const open = windows.find((client) => new URL(client.url).origin === self.location.origin);
  if (open) {
    await open.focus();
    await open.navigate(url);
  } else {
    await self.clients.openWindow(url);
  }
}
