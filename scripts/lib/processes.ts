/** Children of the stack: each in its own process group so that stopping one stops its tree. */
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';

export interface ManagedProcess {
  name: string;
  child: ChildProcess;
  logFile: string;
  exited: Promise<number>;
  tail(): string;
  /** Resolves on the first output line matching `pattern`; rejects after `timeoutMs`. */
  waitForLine(pattern: RegExp, timeoutMs: number): Promise<void>;
}

const TAIL_LINES = 30;

export interface StartOptions extends SpawnOptions {
  /** Echo the child's output to this terminal, each line prefixed with its name. */
  echo: boolean;
  logDir: string;
}

export function startProcess(
  name: string,
  command: string,
  args: string[],
  options: StartOptions,
): ManagedProcess {
  mkdirSync(options.logDir, { recursive: true });
  const logFile = path.join(options.logDir, `${name}.log`);
  const log: WriteStream = createWriteStream(logFile);
  const child = spawn(command, args, { ...options, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  const watchers = new Set<{ pattern: RegExp; resolve: () => void }>();
  const onLine = (line: string) => {
    for (const watcher of watchers) {
      if (watcher.pattern.test(line)) {
        watchers.delete(watcher);
        watcher.resolve();
      }
    }
    log.write(line + '\n');
    lines.push(line);
    if (lines.length > TAIL_LINES) lines.shift();
    if (options.echo) process.stdout.write(`[${name}] ${line}\n`);
  };
  for (const stream of [child.stdout, child.stderr]) {
    if (stream) createInterface({ input: stream }).on('line', onLine);
  }
  const exited = new Promise<number>((resolve) => {
    child.on('error', (error) => {
      onLine(`could not start: ${error.message}`);
      resolve(127);
    });
    child.on('exit', (code, signal) => {
      log.end();
      resolve(code ?? (signal ? 128 : 1));
    });
  });
  const waitForLine = (pattern: RegExp, timeoutMs: number) =>
    new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        watchers.delete(watcher);
        reject(new Error(`${name} did not say it was ready within ${timeoutMs / 1000} s.`));
      }, timeoutMs);
      const watcher = {
        pattern,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
      };
      watchers.add(watcher);
    });
  return { name, child, logFile, exited, tail: () => lines.join('\n'), waitForLine };
}

function signalGroup(process_: ManagedProcess, signal: NodeJS.Signals) {
  const pid = process_.child.pid;
  if (!pid) return;
  try {
    process.kill(-pid, signal);
  } catch {
    // Already gone.
  }
}

/**
 * Asks each process to stop (SIGTERM, which lets firebase-tools and our emulator export their
 * data), then kills whatever is left of its process group after the grace period.
 */
export async function stopProcesses(processes: ManagedProcess[], graceMs = 15_000) {
  await Promise.all(
    processes.map(async (p) => {
      if (p.child.exitCode === null && p.child.signalCode === null) signalGroup(p, 'SIGTERM');
      const timer = setTimeout(() => signalGroup(p, 'SIGKILL'), graceMs);
      await p.exited;
      clearTimeout(timer);
      // Grandchildren (the functions runtime, esbuild) may outlive their parent: end the group.
      signalGroup(p, 'SIGKILL');
    }),
  );
}
