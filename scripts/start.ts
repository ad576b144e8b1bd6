/** `npm start`: the whole local stack and the web app, keeping local data between runs. */
import { progress, withStack } from './lib/session.js';
import { describeStack } from './lib/urls.js';

process.exit(
  await withStack({ persist: true, echo: true, web: 'dev' }, async (stack, config, interrupted) => {
    progress(describeStack(config, stack.webUrl));
    await interrupted;
    return 0;
  }),
);
