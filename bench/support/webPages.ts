/**
 * What the web app's pages load and how fast they paint, measured in Chromium against a
 * production build: the JavaScript each page asks for (gzip -9 of each file as built, so that the
 * figure does not depend on how the server compresses), and the largest contentful paint.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';

const WAIT = { timeout: 60_000 };

export interface PageLoad {
  /** Gzip bytes of the JavaScript the page requested. */
  js: number;
  /**
   * Which chunks loaded on first use were among it: the SDKs of web/src/services/firebase/lazy.ts
   * and the model's schemas with zod (web/src/domain/schemas.ts), by their chunk names.
   */
  lazyChunks: string[];
}

const gzipSize = async (file: string) => gzipSync(await readFile(file), { level: 9 }).length;

/** Records the JavaScript files of `outDir` that the page requests from now on. */
export function recordScripts(page: Page, origin: string): () => string[] {
  const scripts = new Set<string>();
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.origin === origin && url.pathname.endsWith('.js')) scripts.add(url.pathname);
  });
  return () => [...scripts];
}

/** Gzip bytes of the recorded scripts, read from the build they were served from. */
export async function measureLoad(outDir: string, scripts: string[]): Promise<PageLoad> {
  let js = 0;
  for (const script of scripts) js += await gzipSize(path.join(outDir, script));
  const lazyChunks = ['firestore', 'storage', 'functions', 'modelSchemas'].filter((chunk) =>
    scripts.some((script) => path.basename(script).startsWith(`${chunk}-`)),
  );
  return { js, lazyChunks };
}

/**
 * Loads `url` in a fresh page with nothing of the app in the HTTP cache or a service worker
 * (the profile keeps its sign-in and Firestore's local data, as a returning person's would),
 * waits until `ready` is on screen, and returns the page's largest contentful paint in ms and
 * the scripts it requested.
 */
export async function coldLoad(
  newPage: () => Promise<Page>,
  url: string,
  ready: (page: Page) => Promise<void>,
): Promise<{ lcp: number; scripts: string[] }> {
  const page = await newPage();
  try {
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Network.clearBrowserCache');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: false });
    await page.goto(new URL('/', url).origin + '/favicon.svg');
    await page.evaluate(async () => {
      for (const registration of await navigator.serviceWorker.getRegistrations())
        await registration.unregister();
      for (const key of await caches.keys()) await caches.delete(key);
    });
    await cdp.send('Network.clearBrowserCache');
    const scripts = recordScripts(page, new URL(url).origin);
    await page.goto(url);
    await ready(page);
    // The largest paint so far: the page is complete, and nothing was typed or clicked.
    const lcp = await page.evaluate(
      () =>
        new Promise<number>((resolve) => {
          new PerformanceObserver((list) => {
            const entries = list.getEntries();
            resolve(entries[entries.length - 1]?.startTime ?? NaN);
          }).observe({ type: 'largest-contentful-paint', buffered: true });
        }),
    );
    return { lcp, scripts: scripts() };
  } finally {
    await page.close();
  }
}

export async function waitForHeading(page: Page, name: string): Promise<void> {
  await page.getByRole('heading', { level: 1, name }).waitFor(WAIT);
}
