/**
 * `npm run emulators:exec -- "<command>"`: runs the command inside the stack with the emulator
 * variables set, as `firebase emulators:exec` does; exits with the command's code.
 */
import { spawn } from 'node:child_process';
import { progress, withStack } from './lib/session.js';
import { root } from './lib/config.js';
import { consoleUrl } from './lib/urls.js';

const command = process.argv.slice(2).join(' ').trim();
if (!command) {
  progress('usage: npm run emulators:exec -- "<command>"');
  process.exit(2);
}

process.exit(
  await withStack({ persist: false, echo: false, web: false }, (stack, config, interrupted) => {
    progress(`✔ the Hearth Console is at ${consoleUrl(config)}`);
    progress(`… running ${command}`);
    const child = spawn(command, {
      cwd: root,
      shell: true,
      stdio: 'inherit',
      env: { ...process.env, ...stack.env },
    });
    void interrupted.then(() => child.kill('SIGINT'));
    return new Promise<number>((resolve) =>
      child.on('exit', (code, signal) => resolve(code ?? (signal ? 130 : 1))),
    );
  }),
);
