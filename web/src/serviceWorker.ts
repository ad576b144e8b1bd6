/// <reference lib="webworker" />
/**
 * Hearth's service worker (built by vite-plugin-pwa's injectManifest from this file). It precaches
 * the app shell, the built JS, CSS and icons, so that the installed app opens without a network;
 * the lists then come from Firestore's own persistent cache. A new version waits until the page
 * asks it to take over (the update prompt), so that a tab never runs old and new code at once.
 */
import { clientsClaim } from 'workbox-core';
import {
  cleanupOutdatedCaches,
  createHandlerBoundToURL,
  precacheAndRoute,
} from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';

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
