import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import sharp from 'sharp';
import type { Page } from 'playwright-core';
import { seriousAccessibilityViolations } from './support/axe.js';
import { openBrowser, type BrowserSession } from './support/browser.js';
import { screenshot } from './support/screenshots.js';
import { startWebApp, type WebApp } from './support/webApp.js';
import { addTodo, createList, newPerson, signUp, WAIT } from './support/app.js';

/**
 * A photo through the whole pipeline in a real browser: the app creates the attachment document,
 * uploads the original to the Storage emulator (progress shown), the upload trigger makes the
 * thumbnail and marks it ready, the app shows it live, opens the original, and deletes it.
 */
const fay = newPerson('Fay');
/** The trigger runs sharp in the Functions emulator; on a busy machine that takes a while. */
const PROCESSING = { timeout: 90_000 };
/** Long enough to see the progress bar: a local upload is otherwise instant. */
const UPLOAD_DELAY_MS = 1500;

let app: WebApp;
let browser: BrowserSession;
let page: Page;

async function expectAccessible(name: string): Promise<void> {
  await screenshot(page, name);
  expect(await seriousAccessibilityViolations(page), name).toEqual([]);
}

function photo(): Promise<Buffer> {
  return sharp({
    create: { width: 1200, height: 800, channels: 3, background: { r: 200, g: 120, b: 60 } },
  })
    .jpeg({ quality: 85 })
    .toBuffer();
}

beforeAll(async () => {
  app = await startWebApp();
  browser = await openBrowser();
  page = await browser.context.newPage();
  const storageHost = process.env.FIREBASE_STORAGE_EMULATOR_HOST?.replace(/^https?:\/\//, '');
  // Hold back the bytes of uploads only (not reads), so the journey can watch the progress bar.
  await page.route(
    (url) => url.host === storageHost,
    async (route) => {
      if (route.request().method() !== 'GET')
        await new Promise((resolve) => setTimeout(resolve, UPLOAD_DELAY_MS));
      await route.continue();
    },
  );
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

describe('a photo attached to a to-do', () => {
  it('opens a new to-do’s details, with no photos yet', async () => {
    await signUp(page, app.url, fay);
    await createList(page, 'Garden');
    await addTodo(page, 'Fix the fence');
    // The row re-renders when the server confirms the write; click it once it is settled.
    await page
      .locator('.todo__pending')
      .first()
      .waitFor({ state: 'detached', ...WAIT });
    await page.locator('.todo__title', { hasText: 'Fix the fence' }).click();
    const dialog = page.getByRole('dialog', { name: 'Edit to-do' });
    await dialog.waitFor(WAIT);
    await dialog.getByText('No photos yet.').waitFor(WAIT);
    await expectAccessible('attachments-01-empty');
  });

  it('uploads a JPEG with a progress bar, then shows its thumbnail and figures', async () => {
    const dialog = page.getByRole('dialog', { name: 'Edit to-do' });
    await dialog.getByLabel('Add photos').setInputFiles({
      name: 'fence.jpg',
      mimeType: 'image/jpeg',
      buffer: await photo(),
    });
    const bar = dialog.getByRole('progressbar', { name: 'Uploading fence.jpg' });
    await bar.waitFor(WAIT);
    await dialog.getByRole('button', { name: 'Cancel uploading fence.jpg' }).waitFor(WAIT);
    await screenshot(page, 'attachments-02-uploading');
    await bar.waitFor({ state: 'detached', ...PROCESSING });
    const thumbnail = dialog.locator('[data-status=ready] img.attachment__thumb');
    await thumbnail.waitFor(PROCESSING);
    await page.waitForFunction(
      () =>
        (document.querySelector('[data-status=ready] img') as HTMLImageElement | null)
          ?.naturalWidth === 320,
      undefined,
      WAIT,
    );
    expect(await dialog.locator('[data-status=ready] .attachment__meta').innerText()).toMatch(
      /^\d+ KB · 1200 × 800$/,
    );
    await thumbnail.scrollIntoViewIfNeeded();
    await expectAccessible('attachments-03-ready');
  });

  it('opens the original in a viewer that Escape closes', async () => {
    const open = page.getByRole('button', { name: 'Open fence.jpg' });
    await open.click();
    const viewer = page.getByRole('dialog', { name: 'fence.jpg' });
    await viewer.waitFor(WAIT);
    await page.waitForFunction(
      () => {
        const image = document.querySelector('.viewer__image') as HTMLImageElement | null;
        return image?.complete === true && image.naturalWidth === 1200;
      },
      undefined,
      WAIT,
    );
    await expectAccessible('attachments-04-viewer');
    await page.keyboard.press('Escape');
    await viewer.waitFor({ state: 'detached', ...WAIT });
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe(
      'Open fence.jpg',
    );
    await page.getByRole('dialog', { name: 'Edit to-do' }).waitFor(WAIT);
  });

  it('deletes the photo, and it disappears', async () => {
    const dialog = page.getByRole('dialog', { name: 'Edit to-do' });
    await dialog.getByRole('button', { name: 'Delete fence.jpg' }).click();
    await dialog.locator('.attachment').waitFor({ state: 'detached', ...WAIT });
    await dialog.getByText('No photos yet.').waitFor(WAIT);
    await screenshot(page, 'attachments-05-deleted');
  });
});
