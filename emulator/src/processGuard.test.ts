import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const guard = fileURLToPath(new URL('./processGuard.ts', import.meta.url));

/** Runs `script` in a fresh Node process with the guard installed; resolves with its exit and stderr. */
function run(script: string): Promise<{ code: number | null; stderr: string; stdout: string }> {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      '--input-type=module',
      '-e',
      `import { installProcessGuard } from ${JSON.stringify(guard)};
       installProcessGuard((line) => process.stderr.write(line + '\\n'));
       ${script}`,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stderr = '';
  let stdout = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, stderr, stdout })));
}

/** Runs `script` and checks that the process carried on (prints 50 ms later, exits with 0); resolves with its stderr. */
async function carriesOn(script: string): Promise<string> {
  const result = await run(`${script}
    setTimeout(() => console.log('still running'), 50);
  `);
  expect(result.code).toBe(0);
  expect(result.stdout).toContain('still running');
  return result.stderr;
}

it('an exception thrown from a timer is reported loudly and the process carries on', async () => {
  const stderr = await carriesOn(`
    setTimeout(() => { throw new Error('boom from a timer'); }, 0);`);
  expect(stderr).toContain('INTERNAL ERROR: an uncaught exception');
  expect(stderr).toContain('boom from a timer');
});

it('an event emitter’s unhandled error and a rejected promise are reported, not fatal', async () => {
  const stderr = await carriesOn(`
    import { EventEmitter } from 'node:events';
    setTimeout(() => new EventEmitter().emit('error', new Error('emitter without a listener')), 0);
    Promise.reject(new Error('nobody awaited this'));`);
  expect(stderr).toContain('emitter without a listener');
  expect(stderr).toContain('INTERNAL ERROR: an unhandled promise rejection');
  expect(stderr).toContain('nobody awaited this');
});
