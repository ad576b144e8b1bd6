/**
 * Web app figures (`npm run bench -- web`, inside the stack, a few minutes), for the working tree
 * beside the previous commit (HEAD~1, built from a temporary git worktree), with the ratio:
 * - the JavaScript each page loads, gzip -9 of each file as built: the landing page and sign-in
 *   (signed out), and a signed-in list; which chunks loaded on first use (the Firebase SDKs, the model's schemas) each loaded; every asset;
 * - the largest contentful paint of a signed-in list, cold HTTP cache and no service worker (the
 *   profile keeps its sign-in and Firestore's local data, as a returning person's does);
 * - a to-do added in one Chromium appearing in another's page (two members of one list), p50/p99;
 * - a photo's thumbnail on screen after its upload has finished, p50.
 * Each build is served by `vite preview` and runs with VITE_USE_EMULATORS=true, so that it talks
 * to the running emulators.
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
import { uploadToThumbnail, writeToOtherScreen } from './support/webLatency.js';
import { coldLoad, measureLoad, recordScripts, waitForHeading } from './support/webPages.js';
import { printTable } from './support/table.js';

const WRITES = { warmup: 3, samples: 20 };
const UPLOADS = { warmup: 1, samples: 5 };
const WAIT = { timeout: 60_000 };
const root = fileURLToPath(new URL('..', import.meta.url));

interface Figures {
  landingJs: number;
  signInJs: number;
  listJs: number;
  allAssets: number;
  lcp: number;
  writeP50: number;
  writeP99: number;
  thumbnailP50: number;
  /** The chunks loaded on first use that each page loaded, for the notes under the table. */
  lazyChunks: Record<'landing' | 'signIn' | 'list', string[]>;
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

async function buildWeb(webRoot: string, outDir: string): Promise<void> {
  await build({
    configFile: path.join(webRoot, 'vite.config.ts'),
    root: webRoot,
    mode: 'production',
    logLevel: 'error',
    build: { outDir, emptyOutDir: true, sourcemap: false },
  });
}

async function allAssetsSize(outDir: string): Promise<number> {
  let total = 0;
  const assets = path.join(outDir, 'assets');
  for (const file of await readdir(assets)) {
    if (/\.(js|css)$/.test(file))
      total += gzipSync(await readFile(path.join(assets, file)), { level: 9 }).length;
  }
  return total;
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
}

/** Two users who are both editors of one new list; returns them and the list's id and title. */
async function seedSharedList(): Promise<{ members: [Member, Member]; title: string }> {
  const tag = randomUUID().slice(0, 8);
  const members: Member[] = ['writer', 'reader'].map((name) => ({
    email: `bench-${name}-${tag}@example.com`,
    password: 'correct-horse-7',
  }));
  const uids = await Promise.all(
    members.map(async (member) => {
      const user = await adminAuth.createUser({ ...member, emailVerified: true });
      return user.uid;
    }),
  );
  const [owner, editor] = uids as [string, string];
  const title = `Bench ${tag}`;
  await adminDb
    .collection('lists')
    .doc()
    .set(
      newListData(owner, FieldValue.serverTimestamp(), {
        title,
        members: { [owner]: 'owner', [editor]: 'editor' },
        memberIds: [owner, editor],
      }),
    );
  return { members: members as [Member, Member], title };
}

async function signInAndOpen(page: Page, url: string, member: Member, title: string) {
  await page.goto(new URL('/signin', url).href);
  await page.getByLabel('Email').fill(member.email);
  await page.getByLabel('Password').fill(member.password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  // The auth guard leaves /signin once the session exists; the list link needs that session.
  await page.waitForURL((at) => !at.pathname.startsWith('/signin'), WAIT);
  await page.getByRole('link', { name: title }).click(WAIT);
  await waitForHeading(page, title);
}

/** The signed-out pages, each in a fresh profile. */
async function signedOutPages(url: string, outDir: string) {
  const loads = [];
  for (const [pathname, heading] of [
    ['/', 'Your to-dos, shared and in sync.'],
    ['/signin', 'Welcome back'],
  ] as const) {
    const browser = await launchChromium();
    try {
      const page = await browser.context.newPage();
      const scripts = recordScripts(page, new URL(url).origin);
      await page.goto(new URL(pathname, url).href);
      // HEAD~1 had no landing page: "/" was the way to sign-in.
      await page.getByRole('heading', { level: 1 }).first().waitFor(WAIT);
      loads.push({ heading, ...(await measureLoad(outDir, scripts())) });
    } finally {
      await browser.close();
    }
  }
  return loads as [(typeof loads)[number], (typeof loads)[number]];
}

/** Builds `webRoot`, serves the build, and measures it. */
async function measure(webRoot: string): Promise<Figures> {
  const outDir = await mkdtemp(path.join(tmpdir(), 'hearth-bench-web-'));
  try {
    await buildWeb(webRoot, outDir);
    const port = await freePort();
    const server = await preview({
      configFile: path.join(webRoot, 'vite.config.ts'),
      root: webRoot,
      logLevel: 'error',
      build: { outDir },
      preview: { host: '127.0.0.1', port, strictPort: true },
    });
    const url = `http://127.0.0.1:${port}/`;
    const browsers: Browser[] = [];
    try {
      const [landing, signIn] = await signedOutPages(url, outDir);
      const { members, title } = await seedSharedList();
      browsers.push(await launchChromium(), await launchChromium());
      const [writer, reader] = await Promise.all(browsers.map((b) => b.context.newPage()));
      await Promise.all([
        signInAndOpen(writer!, url, members[0], title),
        signInAndOpen(reader!, url, members[1], title),
      ]);
      const listUrl = reader!.url();
      const cold = await coldLoad(
        () => browsers[1]!.context.newPage(),
        listUrl,
        (page) => waitForHeading(page, title),
      );
      const list = await measureLoad(outDir, cold.scripts);
      const writes = await writeToOtherScreen(writer!, reader!, WRITES);
      await writer!.locator('.todo__title').first().click();
      const thumbnails = await uploadToThumbnail(writer!, UPLOADS);
      return {
        landingJs: landing.js,
        signInJs: signIn.js,
        listJs: list.js,
        allAssets: await allAssetsSize(outDir),
        lcp: cold.lcp,
        writeP50: writes.p50,
        writeP99: writes.p99,
        thumbnailP50: thumbnails.p50,
        lazyChunks: {
          landing: landing.lazyChunks,
          signIn: signIn.lazyChunks,
          list: list.lazyChunks,
        },
      };
    } finally {
      await Promise.all(browsers.map((b) => b.close()));
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
  const ms = (value: number) => `${value.toFixed(0)} ms`;
  const rows: [string, keyof Omit<Figures, 'lazyChunks'>, (v: number) => string][] = [
    ['landing page JS, gzip -9', 'landingJs', kb],
    ['sign-in page JS, gzip -9', 'signInJs', kb],
    ['signed-in list page JS, gzip -9', 'listJs', kb],
    ['all JS+CSS assets, gzip -9', 'allAssets', kb],
    ['list page LCP, cold HTTP cache', 'lcp', ms],
    ['write → other browser DOM, p50', 'writeP50', ms],
    ['write → other browser DOM, p99', 'writeP99', ms],
    ['upload finished → thumbnail, p50', 'thumbnailP50', ms],
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
  printTable(table);
  const lazyChunks = (figures: Figures) =>
    Object.entries(figures.lazyChunks)
      .map(([page, loaded]) => `${page}: ${loaded.length ? loaded.join(', ') : 'none'}`)
      .join('; ');
  console.log(`Chunks loaded on first use (working tree) — ${lazyChunks(current)}`);
  if (old) console.log(`Chunks loaded on first use (HEAD~1) — ${lazyChunks(old)}`);
  console.log(
    `${WRITES.samples} writes after ${WRITES.warmup} warm-up, ${UPLOADS.samples} uploads after ${UPLOADS.warmup}; ` +
      'ratio = working tree / HEAD~1, below 1 means smaller or faster.',
  );
  if (typeof previous === 'string') console.log(previous);
}

pointViteAtEmulators();
const current = await measure(path.join(root, 'web'));
const previous = await measurePrevious();
print(current, previous);
process.exit(0);
