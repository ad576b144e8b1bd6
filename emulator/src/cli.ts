#!/usr/bin/env node
/**
 * hearth-emulator: Firestore and Storage on the ports firebase.json names, with the triggers
 * bridge to the Functions emulator, and (with `--only ...,ui`) the Hearth Console on the Emulator
 * UI's port.
 *
 *   hearth-emulator start [options]             until Ctrl-C
 *   hearth-emulator exec [options] "<command>"  around one command; exits with its code
 */
import { spawn } from 'node:child_process';
import { parseArgs } from 'node:util';
import { readFirebaseJson } from './config.js';
import { startEmulators, type RunningEmulators } from './emulators.js';
import { installProcessGuard } from './processGuard.js';

const usage = `usage: hearth-emulator <start|exec> [--config firebase.json] [--project demo-hearth]
         [--only firestore,storage,ui] [--import DIR] [--export-on-exit DIR]
         [--enforce-indexes] ["<command>"]`;

function fail(message: string): never {
  process.stderr.write(`hearth-emulator: ${message}\n`);
  process.exit(2);
}

const { values, positionals } = (() => {
  try {
    return parseArgs({
      allowPositionals: true,
      options: {
        config: { type: 'string', default: 'firebase.json' },
        project: { type: 'string' },
        only: { type: 'string', default: 'firestore,storage' },
        import: { type: 'string' },
        'export-on-exit': { type: 'string' },
        'enforce-indexes': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    return fail(`${(error as Error).message}\n${usage}`);
  }
})();

const [mode, ...rest] = positionals;
if (values.help || (mode !== 'start' && mode !== 'exec')) fail(usage);
const command = rest.join(' ');
if (mode === 'exec' && !command) fail(`exec needs a command\n${usage}`);

const only = new Set(values.only.split(',').map((name) => name.trim()));
for (const name of only)
  if (name !== 'firestore' && name !== 'storage' && name !== 'ui')
    fail(`unknown service "${name}" in --only (firestore, storage, ui)`);

const log = (line: string) => process.stderr.write(`${line}\n`);
installProcessGuard(log);
let emulators: RunningEmulators;
try {
  emulators = await startEmulators({
    config: readFirebaseJson(values.config),
    enforceIndexes: values['enforce-indexes'],
    projectId: values.project ?? process.env.GCLOUD_PROJECT ?? 'demo-hearth',
    firestore: only.has('firestore'),
    storage: only.has('storage'),
    ui: only.has('ui'),
    importDir: values.import,
    persistDir: values['export-on-exit'],
    ...(process.env.HEARTH_JOURNAL_COMPACT_MS
      ? { compactEveryMs: Number(process.env.HEARTH_JOURNAL_COMPACT_MS) }
      : {}),
    log,
  });
} catch (error) {
  log(`hearth-emulator: ${(error as Error).message}`);
  process.exit(1);
}

let stopping = false;
async function stop(code: number): Promise<never> {
  if (stopping) process.exit(code);
  stopping = true;
  try {
    await emulators.stop(values['export-on-exit']);
  } catch (error) {
    log(`hearth-emulator: could not export the data: ${(error as Error).message}`);
    code ||= 1;
  }
  process.exit(code);
}
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const)
  process.on(signal, () => void stop(0));

if (mode === 'exec') {
  const child = spawn(command, {
    shell: true,
    stdio: 'inherit',
    env: { ...process.env, ...emulators.env },
  });
  child.on('exit', (code, signal) => void stop(code ?? (signal ? 130 : 1)));
}
