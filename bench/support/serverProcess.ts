/**
 * The Firestore benches' servers as child processes: support/firestoreServers.ts built the way the
 * emulator's command is built (one bundle), this tree's or a previous revision's (from a throwaway
 * git worktree), spawned on plain `node`, answering their port once ready and their CPU time when
 * asked.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ServerKind } from './firestoreServers.js';

export interface Ready {
  port: number;
  sinceProcessStart: number;
  startCall: number;
}

/**
 * The servers' entry (support/firestoreServers.ts) built the way `npm run build -w emulator`
 * builds the emulator's command: one ES module with its dependencies bundled (the peer, which
 * ships built JS, stays in node_modules; each server sits in a chunk that only its child loads).
 * So each child runs on plain `node` as the real command does: under tsx every module would pass
 * through its loader hooks and start-up would measure those.
 */
export async function buildServerEntry(benchDir: string, name: string): Promise<string> {
  const { build } = await import('esbuild');
  // Inside node_modules/.cache so that what stays external resolves from the repository.
  const outdir = fileURLToPath(
    new URL(`../../node_modules/.cache/hearth-bench/${name}/`, import.meta.url),
  );
  mkdirSync(outdir, { recursive: true });
  await build({
    entryPoints: [join(benchDir, 'support/firestoreServers.ts')],
    bundle: true,
    splitting: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    external: ['@firestore-emulator/server'],
    // Bundled CommonJS requires Node's built-ins through `require`, which ES modules lack.
    banner: {
      js: "import { createRequire as bundleCreateRequire } from 'node:module'; const require = bundleCreateRequire(import.meta.url);",
    },
    outdir,
    outExtension: { '.js': '.mjs' },
    logLevel: 'error',
  });
  return join(outdir, 'firestoreServers.mjs');
}

const root = fileURLToPath(new URL('../..', import.meta.url));

function git(...args: string[]): string {
  const result = spawnSync('git', args, { cwd: root, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`git ${args.join(' ')}: ${result.stderr.trim()}`);
  return result.stdout.trim();
}

/**
 * The server entry as it was at `revision`, built from a throwaway worktree that shares this
 * repository's node_modules; the worktree is gone once the entry is built.
 */
export async function buildBaseEntry(
  revision: string,
  name = 'firestore-base',
): Promise<{ commit: string; entry: string }> {
  const commit = git('rev-parse', '--short', revision);
  const dir = mkdtempSync(join(tmpdir(), 'hearth-bench-base-'));
  try {
    git('worktree', 'add', '--detach', dir, commit);
    for (const modules of ['node_modules', 'emulator/node_modules']) {
      if (existsSync(join(root, modules)) && !existsSync(join(dir, modules)))
        symlinkSync(join(root, modules), join(dir, modules), 'dir');
    }
    return { commit, entry: await buildServerEntry(join(dir, 'bench'), name) };
  } finally {
    spawnSync('git', ['worktree', 'remove', '--force', dir], { cwd: root });
    rmSync(dir, { recursive: true, force: true });
    spawnSync('git', ['worktree', 'prune'], { cwd: root });
  }
}

export interface Launched {
  child: ChildProcess;
  ready: Ready;
  /** CPU time (µs) the server process has used so far. */
  cpu(): Promise<number>;
  /** Runs a full garbage collection in the server (when started with --expose-gc), then answers. */
  collectGarbage(): Promise<void>;
}

export function launch(server: ServerKind, entry: string, ...args: string[]): Promise<Launched> {
  return launchWith([], server, entry, ...args);
}

/** As `launch`, with options for the child's `node` (e.g. `--max-old-space-size`, `--expose-gc`). */
export function launchWith(
  nodeOptions: string[],
  server: ServerKind,
  entry: string,
  ...args: string[]
): Promise<Launched> {
  const child = spawn(process.execPath, [...nodeOptions, entry, server, ...args], {
    stdio: ['pipe', 'pipe', 'inherit'],
    cwd: root,
  });
  const answers: ((cpu: number) => void)[] = [];
  const ask = (request: 'cpu' | 'gc') =>
    new Promise<number>((resolve) => {
      answers.push(resolve);
      child.stdin!.write(`${request}\n`);
    });
  const cpu = () => ask('cpu');
  const collectGarbage = () => ask('gc').then(() => undefined);
  return new Promise((resolve, reject) => {
    let buffer = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      let end: number;
      while ((end = buffer.indexOf('\n')) >= 0) {
        const message = JSON.parse(buffer.slice(0, end)) as Ready | { cpu: number };
        buffer = buffer.slice(end + 1);
        if ('cpu' in message) answers.shift()?.(message.cpu);
        else resolve({ child, ready: message, cpu, collectGarbage });
      }
    });
    child.on('exit', (code) => reject(new Error(`${server} server exited with ${code}`)));
  });
}
