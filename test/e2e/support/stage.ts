import type { Page } from 'playwright-core';
import { openBrowser, type BrowserSession } from './browser.js';
import { startWebApp, type WebApp } from './webApp.js';

/** One page for each person, as a tuple as long as the number of people. */
interface PagesOf {
  1: [Page];
  2: [Page, Page];
  3: [Page, Page, Page];
}

/** What this file's stage opened, closed by closeStage (a file runs in a module of its own). */
const opened: { browsers: BrowserSession[]; app?: WebApp } = { browsers: [] };

/**
 * A journey's stage: the web app under test, then a page for each person (one unless told), each
 * in a fresh browser of its own so that they share no state. Call in beforeAll, with
 * afterAll(closeStage).
 */
export async function openStage<People extends keyof PagesOf = 1>(
  people: People = 1 as People,
): Promise<[WebApp, ...PagesOf[People]]> {
  opened.app = await startWebApp();
  const browsers = await Promise.all(
    Array.from({ length: people }, async () => {
      const browser = await openBrowser();
      opened.browsers.push(browser);
      return browser;
    }),
  );
  const pages = await Promise.all(browsers.map((browser) => browser.context.newPage()));
  return [opened.app, ...(pages as PagesOf[People])];
}

/** Closes every browser openStage opened, then the web app; whatever was opened before a failure too. */
export async function closeStage(): Promise<void> {
  await Promise.all(opened.browsers.splice(0).map((browser) => browser.close()));
  await opened.app?.close();
  opened.app = undefined;
}
