import type { Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { claimUsername, newPerson, signUp, type Person } from './app.js';
import { openBrowser, type BrowserSession } from './browser.js';
import { startWebApp, type WebApp } from './webApp.js';

/** What this file's stage opened, closed by closeStage (a file runs in a module of its own). */
const opened: { browsers: BrowserSession[]; app?: WebApp } = { browsers: [] };

/** The web app under test, then `count` pages, each in a fresh browser that shares no state. */
async function open(count: number): Promise<{ app: WebApp; pages: Page[] }> {
  opened.app = await startWebApp();
  const browsers = await Promise.all(
    Array.from({ length: count }, async () => {
      const browser = await openBrowser();
      opened.browsers.push(browser);
      return browser;
    }),
  );
  const pages = await Promise.all(browsers.map((browser) => browser.context.newPage()));
  return { app: opened.app, pages };
}

/**
 * A journey's stage for one person: the web app under test and a page in a fresh browser. Call
 * in beforeAll, with afterAll(closeStage).
 */
export async function openStage(): Promise<[WebApp, Page]> {
  const { app, pages } = await open(1);
  return [app, pages[0] as Page];
}

/** Closes every browser the stage opened, then the web app; whatever was opened before a failure too. */
export async function closeStage(): Promise<void> {
  await Promise.all(opened.browsers.splice(0).map((browser) => browser.close()));
  await opened.app?.close();
  opened.app = undefined;
}

/** Someone on a journey's stage between people: who they are, and their own browser's page. */
export interface Member extends Person {
  /** The username they claim when someone is to invite them by it. */
  username: string;
  /** Their page: set by the stage's beforeAll, so read it in hooks and tests only. */
  page: Page;
}

export interface Stage<People extends readonly Member[]> {
  people: People;
  /**
   * Signs `sharer` and `invitee` up, each in their own browser, and `invitee` claims their
   * username, so that `sharer` can share a list with them.
   */
  signUpToShare(people: { sharer: Member; invitee: Member }): Promise<void>;
}

/**
 * The stage of a journey between people, one for each name (nobody has signed up as them yet):
 * registers a beforeAll that starts the web app and opens each person's page in a fresh browser
 * of their own, and an afterAll that closes them (closeStage).
 */
export function stageFor<const Names extends readonly string[]>(
  ...names: Names
): Stage<{ [Index in keyof Names]: Member }> {
  const people = names.map((name) => ({
    ...newPerson(name),
    username: `${name.toLowerCase()}${Date.now().toString(36)}`,
  })) as Member[];
  let appUrl = '';
  beforeAll(async () => {
    const { app, pages } = await open(people.length);
    appUrl = app.url;
    pages.forEach((page, index) => ((people[index] as Member).page = page));
  });
  afterAll(closeStage);
  return {
    people: people as unknown as { [Index in keyof Names]: Member },
    async signUpToShare({ sharer, invitee }) {
      await signUp(sharer.page, appUrl, sharer);
      await signUp(invitee.page, appUrl, invitee);
      await claimUsername(invitee.page, invitee.username);
    },
  };
}
