/**
 * `npm run preview`: the whole local stack with the web app's production build served by the
 * Hosting emulator, as `firebase deploy` would serve it (firebase.json's headers and rewrites, the
 * service worker, /api/v1 at the app's origin); keeps local data between runs like `npm start`.
 */
import { progress, withStack } from './lib/session.js';
import { describeStack } from './lib/urls.js';

process.exit(
  await withStack(
    { persist: true, echo: true, web: 'dist' },
    async (stack, config, interrupted) => {
      progress(describeStack(config, stack.webUrl));
      await interrupted;
      return 0;
    },
  ),
);
