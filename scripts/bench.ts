/** `npm run bench`: every benchmark in bench/, one after another, inside the local stack. */
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { root } from './lib/config.js';
import { progress, withStack } from './lib/session.js';

const only = process.argv.slice(2);
const benches = readdirSync(path.join(root, 'bench'))
  .filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts'))
  .filter((file) => only.length === 0 || only.some((name) => file.includes(name)))
  .sort();

process.exit(
  await withStack(
    { persist: false, echo: false, web: false },
    async (stack, _config, interrupted) => {
      let failures = 0;
      let stopped = false;
      void interrupted.then(() => (stopped = true));
      for (const file of benches) {
        if (stopped) break;
        progress(`… bench/${file}`);
        const code = await new Promise<number>((resolve) =>
          spawn(process.execPath, ['--import', 'tsx', path.join('bench', file)], {
            cwd: root,
            stdio: 'inherit',
            env: { ...process.env, ...stack.env },
          }).on('exit', (exit) => resolve(exit ?? 1)),
        );
        if (code !== 0) failures++;
      }
      return failures === 0 ? 0 : 1;
    },
  ),
);
