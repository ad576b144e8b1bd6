import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { addTodo, createList, newPerson, signUp, WAIT, waitUntilSaved } from './support/app.js';
import { expectAccessible } from './support/axe.js';
import { closeStage, openStage } from './support/stage.js';
import type { WebApp } from './support/webApp.js';

/**
 * The installed app starting without a network: its service worker (production builds only, so
 * this runs against `npm test`'s Hosting emulator) serves the app from its precache, Auth keeps
 * the person signed in, and Firestore's persistent cache shows the lists they had.
 */
const ida = newPerson('Ida');
const workerFile = fileURLToPath(new URL('../../web/dist/serviceWorker.js', import.meta.url));

let app: WebApp;
let page: Page;

beforeAll(async () => {
  [app, page] = await openStage();
});

afterAll(closeStage);

describe.skipIf(!process.env.HEARTH_WEB_URL)('the installed app, offline', () => {
  it('is controlled by its service worker once it has been opened', async () => {
    await signUp(page, app.url, ida);
    await createList(page, 'Camping gear');
    await addTodo(page, 'Tent pegs');
    await waitUntilSaved(page);
    // Installed (everything precached) and in charge of this page.
    await page.waitForFunction(
      async () => (await navigator.serviceWorker.ready).active?.state === 'activated',
      undefined,
      WAIT,
    );
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, WAIT);
    const manifest = await page.evaluate(
      () => document.querySelector('link[rel=manifest]')?.getAttribute('href') ?? null,
    );
    expect(manifest).toBe('/manifest.webmanifest');
  });

  it('starts with the network cut and shows the lists and to-dos it had', async () => {
    // The app was closed; it is opened again with no network.
    await page.close();
    await page.context().setOffline(true);
    const started = await page.context().newPage();
    page = started;
    await started.goto(new URL('/lists', app.url).href);
    await started.getByText(/^Offline/).waitFor(WAIT);
    await started.getByRole('link', { name: /Camping gear/ }).click();
    await started.locator('.todo__title', { hasText: 'Tent pegs' }).waitFor(WAIT);
    expect(await started.evaluate(() => navigator.serviceWorker.controller?.state ?? null)).toBe(
      'activated',
    );
    await expectAccessible(started, '30-offline-start');
    // Still usable: a to-do added now waits on this device for the network.
    await started.getByLabel('New to-do').fill('Head torch');
    await started.getByLabel('New to-do').press('Enter');
    await started.getByText('Not synced yet').waitFor(WAIT);
    await page.context().setOffline(false);
    await started.getByText('Not synced yet').waitFor({ state: 'detached', ...WAIT });
  });

  it('offers a new version once it is deployed, and reloads into it when asked', async () => {
    // A deploy changes the service worker's script (the precache list in it): here, one more line
    // at its end, in the web/dist the Hosting emulator serves.
    const original = await readFile(workerFile, 'utf8');
    try {
      await writeFile(workerFile, `${original}\n// the next version\n`);
      await page.evaluate(async () => (await navigator.serviceWorker.ready).update());
      const offer = page.getByText('A new version of Hearth is ready.');
      await offer.waitFor(WAIT);
      await expectAccessible(page, '31-update-offered');
      const before = await page.evaluate(() => performance.timeOrigin);
      await page.getByRole('button', { name: 'Reload' }).click();
      await page.waitForFunction((origin) => performance.timeOrigin !== origin, before, WAIT);
      await page.locator('.todo__title', { hasText: 'Head torch' }).waitFor(WAIT);
      expect(await offer.count()).toBe(0);
    } finally {
      await writeFile(workerFile, original);
    }
  });
});
