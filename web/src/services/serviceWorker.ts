import { registerSW } from 'virtual:pwa-register';

/**
 * Registers the service worker of a production build (in development this does nothing). When a
 * new version has been installed and waits, `onUpdate` gets the function that lets it take over;
 * the page reloads once it has.
 */
export function registerServiceWorker(onUpdate: (apply: () => void) => void): void {
  const update = registerSW({ onNeedRefresh: () => onUpdate(() => void update(true)) });
}
