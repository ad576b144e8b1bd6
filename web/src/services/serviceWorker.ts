import { registerSW } from 'virtual:pwa-register';

/**
 * Registers the service worker of a production build (in development this does nothing). When a
 * new version has been installed and waits, `onUpdate` gets, once, the function that lets it take
 * over and reloads the page into it. (workbox-window reports a waiting worker both as installed
 * and as waiting; and it reloads by itself only a page that had a worker when it loaded, not the
 * page of a first visit, hence the reload here.)
 */
export function registerServiceWorker(onUpdate: (apply: () => void) => void): void {
  let offered = false;
  const update = registerSW({
    onNeedRefresh() {
      if (offered) return;
      offered = true;
      onUpdate(() => {
        navigator.serviceWorker.addEventListener('controllerchange', () => location.reload(), {
          once: true,
        });
        void update(true);
      });
    },
  });
}
