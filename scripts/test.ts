/**
 * `npm test`: every suite. Starts the stack (and the web app's production build on the Hosting
 * emulator, for the browser journeys), runs all Vitest projects against it, stops it, and ends
 * with one line: `N passed, N failed`.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { root } from './lib/config.js';
import { progress, withStack } from './lib/session.js';

interface VitestJson {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
  success: boolean;
}

const resultsFile = path.join(root, 'test-results', 'vitest.json');
const extraArgs = process.argv.slice(2);

let summary = '0 passed, 1 failed';

function summarize(exitCode: number): number {
  if (!existsSync(resultsFile)) {
    progress('✘ Vitest wrote no results: see its output above.');
    return exitCode || 1;
  }
  const results = JSON.parse(readFileSync(resultsFile, 'utf8')) as VitestJson;
  const skipped = results.numPendingTests + results.numTodoTests;
  const failed = results.numFailedTests + (exitCode !== 0 && results.numFailedTests === 0 ? 1 : 0);
  summary = `${results.numPassedTests} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`;
  return failed > 0 ? 1 : exitCode;
}

const code = await withStack(
  { persist: false, echo: false, web: 'dist' },
  async (stack, _config, interrupted) => {
    rmSync(resultsFile, { force: true });
    mkdirSync(path.dirname(resultsFile), { recursive: true });
    progress('… running every suite');
    const vitest = spawn(
      path.join(root, 'node_modules', '.bin', 'vitest'),
      [
        'run',
        '--reporter=default',
        '--reporter=json',
        `--outputFile.json=${resultsFile}`,
        ...extraArgs,
      ],
      {
        cwd: root,
        stdio: 'inherit',
        // The browser journeys run against the production build, served as Hosting serves it.
        env: { ...process.env, ...stack.env, HEARTH_WEB_URL: stack.webUrl ?? '' },
      },
    );
    void interrupted.then(() => vitest.kill('SIGINT'));
    const code = await new Promise<number>((resolve) =>
      vitest.on('exit', (exit, signal) => resolve(exit ?? (signal ? 130 : 1))),
    );
    return summarize(code);
  },
);

// Last, after the stack has stopped: CI reads this line.
console.log(summary);
process.exit(code);
