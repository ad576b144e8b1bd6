/** `npm run emulators`: the local stack alone, until Ctrl-C. */
import { progress, withStack } from './lib/session.js';
import { describeStack } from './lib/urls.js';

process.exit(
  await withStack({ persist: true, echo: true, web: false }, async (stack, config, interrupted) => {
    progress(describeStack(config, stack.webUrl));
    await interrupted;
    return 0;
  }),
);
