/**
 * Web app figures (`npm run bench -- web`, inside the stack, ~2 min), for the working tree beside
 * the previous commit (HEAD~1, built from a temporary git worktree), with the ratio:
 * - the gzip size of what the first page loads (index.html's entry chunk, its static imports and
 *   its CSS; lazy route chunks excluded), and of every built asset;
 * - the time from adding a to-do in one Chromium (its own profile, signed in as one user) to the
 *   to-do appearing in another Chromium's DOM (signed in as a second member of the same list),
 *   p50 and p99, through the real app served from its production build.
 * The production build runs with VITE_USE_EMULATORS=true so it talks to the running emulators.
 */
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, symlink } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { FieldValue } from 'firebase-admin/firestore';
import type { Page } from 'playwright-core';
import { build, preview } from 'vite';
import { launchChromium, type Browser } from '../emulator/test/browser/chromium.js';
import { adminAuth, adminDb } from '../test/support/admin.js';
import { newListData } from '../test/support/newDocuments.js';

const WARMUP = 3;
const SAMPLES = 20;
const WAIT = { timeout: 30_000 };
const root = fileURLToPath(new URL('..', import.meta.url));

interface Figures {
  firstPage: number;
  allAssets: number;
  p50: number;
  p99: number;
}

/** The entry in Vite's build manifest that this bench reads. */
interface ManifestChunk {
  file: string;
  imports?: string[];
  css?: string[];
}

function pointViteAtEmulators(): void {
  const hostOf = (name: string) => process.env[name]?.replace(/^https?:\/\//, '');
  const env: Record<string, string | undefined> = {
    VITE_USE_EMULATORS: 'true',
    VITE_AUTH_EMULATOR_HOST: hostOf('FIREBASE_AUTH_EMULATOR_HOST'),
    VITE_FIRESTORE_EMULATOR_HOST: hostOf('FIRESTORE_EMULATOR_HOST'),
    VITE_STORAGE_EMULATOR_HOST: hostOf('FIREBASE_STORAGE_EMULATOR_HOST'),
    VITE_FUNCTIONS_EMULATOR_HOST: hostOf('FUNCTIONS_EMULATOR_ORIGIN'),
  };
  for (const [key, value] of Object.entries(env)) if (value) process.env[key] = value;
}

const gzipSize = async (file: string) => gzipSync(await readFile(file), { level: 9 }).length;

async function buildWeb(webRoot: string, outDir: string): Promise<void> {
  await build({
    configFile: path.join(webRoot, 'vite.config.ts'),
    root: webRoot,
    mode: 'production',
    logLevel: 'error',
    build: { outDir, emptyOutDir: true, manifest: true, sourcemap: false },
  });
}

/** Gzip bytes of index.html's entry, its static imports and their CSS; and of every asset. */
async function bundleSizes(outDir: string): Promise<{ firstPage: number; allAssets: number }> {
  const manifest = JSON.parse(
    await readFile(path.join(outDir, '.vite', 'manifest.json'), 'utf8'),
  ) as Record<string, ManifestChunk>;
  const initial = new Set<string>();
  const visit = (key: string): void => {
    const chunk = manifest[key];
    if (!chunk || initial.has(chunk.file)) return;
    initial.add(chunk.file);
    for (const css of chunk.css ?? []) initial.add(css);
    for (const imported of chunk.imports ?? []) visit(imported);
  };
  visit('index.html');
  if (initial.size === 0) throw new Error('The build manifest has no index.html entry');
  let firstPage = 0;
  for (const file of initial) firstPage += await gzipSize(path.join(outDir, file));
  let allAssets = 0;
  const assets = path.join(outDir, 'assets');
  for (const file of await readdir(assets)) {
    if (/\.(js|css)$/.test(file)) allAssets += await gzipSize(path.join(assets, file));
  }
  return { firstPage, allAssets };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}

interface Member {
  email: string;
  password: string;
  name: string;
}

/** Two users who are both editors of one new list; returns them and the list's id and title. */
async function seedSharedList(): Promise<{
  members: [Member, Member];
  listId: string;
  title: string;
}> {
  const tag = randomUUID().slice(0, 8);
  const members: Member[] = (['writer', 'reader'] as const).map((name) => ({
    email: `bench-${name}-${tag}@example.com`,
    password: 'correct-horse-7',
    name,
  }));
  const uids = await Promise.all(
    members.map(async (m) => {
      const user = await adminAuth.createUser({
        email: m.email,
        password: m.password,
        displayName: `Bench ${m.name}`,
        emailVerified: true,
      });
      return user.uid;
    }),
  );
  const [owner, editor] = uids as [string, string];
  const title = `Bench ${tag}`;
  const list = adminDb.collection('lists').doc();
  await list.set(
    newListData(owner, FieldValue.serverTimestamp(), {
      title,
      members: { [owner]: 'owner', [editor]: 'editor' },
      memberIds: [owner, editor],
    }),
  );
  return { members: members as [Member, Member], listId: list.id, title };
}

async function signInAndOpen(
  page: Page,
  url: string,
  member: Member,
  listId: string,
  title: string,
) {
  await page.goto(new URL('/signin', url).href);
  await page.getByLabel('Email').fill(member.email);
  await page.getByLabel('Password').fill(member.password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  // The auth guard leaves /signin once the session exists; the list link needs that session.
  await page.waitForURL((at) => !at.pathname.startsWith('/signin'), WAIT);
  try {
    await page.getByRole('link', { name: title }).click(WAIT);
    await page.getByRole('heading', { level: 1, name: title }).waitFor(WAIT);
  } catch (error) {
    console.error(`list ${listId} did not open; the page shows:\n${await page.innerText('body')}`);
    throw error;
  }
}

const percentile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number;

/**
 * Writer submits the composer form with a new title; the reader's MutationObserver stamps the
 * moment that title first appears. Both stamps are wall-clock (timeOrigin + now), one machine.
 */
async function writeToSnapshot(url: string): Promise<{ p50: number; p99: number }> {
  const { members, listId, title } = await seedSharedList();
  const browsers: Browser[] = [];
  try {
    browsers.push(await launchChromium(), await launchChromium());
    const [writer, reader] = await Promise.all(browsers.map((b) => b.context.newPage()));
    await Promise.all([
      signInAndOpen(writer!, url, members[0], listId, title),
      signInAndOpen(reader!, url, members[1], listId, title),
    ]);
    await reader!.evaluate(() => {
      const seen: Record<string, number> = {};
      (window as unknown as { seen: typeof seen }).seen = seen;
      new MutationObserver(() => {
        const at = performance.timeOrigin + performance.now();
        document.querySelectorAll('.todo__title').forEach((el) => {
          const text = el.textContent?.trim() ?? '';
          if (!(text in seen)) seen[text] = at;
        });
      }).observe(document.body, { childList: true, subtree: true, characterData: true });
    });
    const input = writer!.getByLabel('New to-do');
    const samples: number[] = [];
    for (let n = 0; n < WARMUP + SAMPLES; n++) {
      const todo = `bench to-do ${n}`;
      await input.fill(todo);
      const sent = await writer!.evaluate(() => {
        const at = performance.timeOrigin + performance.now();
        document.querySelector<HTMLFormElement>('form.composer')!.requestSubmit();
        return at;
      });
      const received = await reader!.waitForFunction(
        (t) => (window as unknown as { seen: Record<string, number> }).seen[t],
        todo,
        { polling: 5, ...WAIT },
      );
      if (n >= WARMUP) samples.push(((await received.jsonValue()) as number) - sent);
    }
    const sorted = samples.sort((a, b) => a - b);
    return { p50: percentile(sorted, 0.5), p99: percentile(sorted, 0.99) };
  } finally {
    await Promise.all(browsers.map((b) => b.close()));
  }
}

/** Builds `webRoot`, measures its bundle, serves the build and measures the round trip. */
async function measure(webRoot: string): Promise<Figures> {
  const outDir = await mkdtemp(path.join(tmpdir(), 'hearth-bench-web-'));
  try {
    await buildWeb(webRoot, outDir);
    const sizes = await bundleSizes(outDir);
    const port = await freePort();
    const server = await preview({
      configFile: path.join(webRoot, 'vite.config.ts'),
      root: webRoot,
      logLevel: 'error',
      build: { outDir },
      preview: { host: '127.0.0.1', port, strictPort: true },
    });
    try {
      return { ...sizes, ...(await writeToSnapshot(`http://127.0.0.1:${port}/`)) };
    } finally {
      await server.close();
    }
  } finally {
    await rm(outDir, { recursive: true, force: true });
  }
}

function git(...args: string[]): string {
  const result = spawnSync('git', args, { cwd: root, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`git ${args.join(' ')}: ${result.stderr.trim()}`);
  return result.stdout.trim();
}

/** The same figures for HEAD~1, from a throwaway worktree sharing the root node_modules. */
async function measurePrevious(): Promise<{ commit: string; figures: Figures } | string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'hearth-bench-prev-'));
  const commit = git('rev-parse', '--short', 'HEAD~1');
  try {
    git('worktree', 'add', '--detach', dir, 'HEAD~1');
    await symlink(path.join(root, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
    const webModules = path.join(root, 'web', 'node_modules');
    if (existsSync(webModules) && !existsSync(path.join(dir, 'web', 'node_modules'))) {
      await symlink(webModules, path.join(dir, 'web', 'node_modules'), 'dir');
    }
    return { commit, figures: await measure(path.join(dir, 'web')) };
  } catch (error) {
    return `HEAD~1 (${commit}) could not be measured: ${error instanceof Error ? error.message : String(error)}`;
  } finally {
    spawnSync('git', ['worktree', 'remove', '--force', dir], { cwd: root });
    await rm(dir, { recursive: true, force: true });
    spawnSync('git', ['worktree', 'prune'], { cwd: root });
  }
}

function print(current: Figures, previous: { commit: string; figures: Figures } | string): void {
  const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
  const ms = (value: number) => `${value.toFixed(1)} ms`;
  const rows: [string, keyof Figures, (v: number) => string][] = [
    ['first page JS+CSS, gzip -9', 'firstPage', kb],
    ['all JS+CSS assets, gzip -9', 'allAssets', kb],
    ['write → other browser DOM, p50', 'p50', ms],
    ['write → other browser DOM, p99', 'p99', ms],
  ];
  const old = typeof previous === 'string' ? undefined : previous.figures;
  const table = [
    [
      'web app',
      'working tree',
      old ? `HEAD~1 ${(previous as { commit: string }).commit}` : '',
      old ? 'ratio' : '',
    ],
    ...rows.map(([name, key, format]) => [
      name,
      format(current[key]),
      old ? format(old[key]) : '',
      old ? `${(current[key] / old[key]).toFixed(2)}x` : '',
    ]),
  ];
  const widths = (table[0] as string[]).map((_, i) =>
    Math.max(...table.map((row) => (row[i] as string).length)),
  );
  for (const row of table)
    console.log(
      row
        .map((cell, i) => cell.padEnd(widths[i] as number))
        .join('  ')
        .trimEnd(),
    );
  console.log(
    `${SAMPLES} samples after ${WARMUP} warm-up; ratio = working tree / HEAD~1, below 1 means smaller or faster.`,
  );
  if (typeof previous === 'string') console.log(previous);
}

pointViteAtEmulators();
const current = await measure(path.join(root, 'web'));
const previous = await measurePrevious();
print(current, previous);
process.exit(0);
