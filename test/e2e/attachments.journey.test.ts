import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import sharp from 'sharp';
import type { Locator, Page } from 'playwright-core';
import { expectAccessible } from './support/axe.js';
import { screenshot } from './support/screenshots.js';
import { closeStage, openStage } from './support/stage.js';
import type { WebApp } from './support/webApp.js';
import { addTodo, createList, newPerson, signUp, WAIT, waitUntilSaved } from './support/app.js';

/**
 * A photo through the whole pipeline in a real browser: the app creates the attachment document,
 * uploads the original to the Storage emulator (progress shown), the upload trigger makes the
 * thumbnail and marks it ready, the app shows it live and opens the original; with a second photo
 * the viewer steps between the two; then both are deleted.
 */
const fay = newPerson('Fay');
/** The trigger runs sharp in the Functions emulator; on a busy machine that takes a while. */
const PROCESSING = { timeout: 90_000 };
/** Long enough to see the progress bar: a local upload is otherwise instant. */
const UPLOAD_DELAY_MS = 1500;

let app: WebApp;
let page: Page;

/** Picks a plain-coloured JPEG in the dialog's "Add photos", as the file picker hands it over. */
async function addPhoto(
  dialog: Locator,
  name: string,
  width: number,
  height: number,
  background: { r: number; g: number; b: number },
): Promise<void> {
  const buffer = await sharp({ create: { width, height, channels: 3, background } })
    .jpeg({ quality: 85 })
    .toBuffer();
  await dialog.getByLabel('Add photos').setInputFiles({ name, mimeType: 'image/jpeg', buffer });
}

/** Waits until the viewer shows `name`'s original, loaded, at its own width. */
async function viewerShows(name: string, width: number, position: string): Promise<void> {
  const viewer = page.getByRole('dialog', { name });
  await viewer.waitFor(WAIT);
  await viewer.locator('.viewer__position', { hasText: `${name}, ${position}` }).waitFor(WAIT);
  await page.waitForFunction(
    ([alt, naturalWidth]) => {
      const image = document.querySelector('.viewer__image') as HTMLImageElement | null;
      return image?.alt === alt && image.complete && image.naturalWidth === naturalWidth;
    },
    [name, width] as const,
    WAIT,
  );
}

const focusedLabel = () =>
  page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? null);

beforeAll(async () => {
  [app, page] = await openStage();
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

afterAll(closeStage);

describe('a photo attached to a to-do', () => {
  it('opens a new to-do’s details, with no photos yet', async () => {
    await signUp(page, app.url, fay);
    await createList(page, 'Garden');
    await addTodo(page, 'Fix the fence');
    // The row re-renders when the server confirms the write; click it once it is settled.
    await waitUntilSaved(page);
    await page.locator('.todo__title', { hasText: 'Fix the fence' }).click();
    const dialog = page.getByRole('dialog', { name: 'Edit to-do' });
    await dialog.waitFor(WAIT);
    await dialog.getByText('No photos yet.').waitFor(WAIT);
    await expectAccessible(page, 'attachments-01-empty');
  });

  it('uploads a JPEG with a progress bar, then shows its thumbnail and figures', async () => {
    const dialog = page.getByRole('dialog', { name: 'Edit to-do' });
    await addPhoto(dialog, 'fence.jpg', 1200, 800, { r: 200, g: 120, b: 60 });
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
    await expectAccessible(page, 'attachments-03-ready');
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
    await expectAccessible(page, 'attachments-04-viewer');
    await page.keyboard.press('Escape');
    await viewer.waitFor({ state: 'detached', ...WAIT });
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe(
      'Open fence.jpg',
    );
    await page.getByRole('dialog', { name: 'Edit to-do' }).waitFor(WAIT);
  });

  it('attaches a second photo, which shows beside the first', async () => {
    const dialog = page.getByRole('dialog', { name: 'Edit to-do' });
    await addPhoto(dialog, 'shed.jpg', 900, 600, { r: 70, g: 130, b: 110 });
    const tile = dialog.locator('[data-status=ready]', { hasText: 'shed.jpg' });
    await tile.locator('img.attachment__thumb').waitFor(PROCESSING);
    expect(await tile.locator('.attachment__meta').innerText()).toMatch(/^\d+ KB · 900 × 600$/);
    expect(await dialog.locator('[data-status=ready]').count()).toBe(2);
  });

  it('steps between the two photos in the viewer with the arrow keys and the buttons', async () => {
    await page.getByRole('button', { name: 'Open fence.jpg' }).click();
    await viewerShows('fence.jpg', 1200, '1 of 2');
    await page.keyboard.press('ArrowRight');
    await viewerShows('shed.jpg', 900, '2 of 2');
    await expectAccessible(page, 'attachments-05-viewer-second');
    // Past either end the viewer wraps around.
    await page.keyboard.press('ArrowRight');
    await viewerShows('fence.jpg', 1200, '1 of 2');
    await page.keyboard.press('ArrowLeft');
    await viewerShows('shed.jpg', 900, '2 of 2');

    await page.getByRole('button', { name: 'Previous photo' }).click();
    await viewerShows('fence.jpg', 1200, '1 of 2');
    expect(await focusedLabel()).toBe('Previous photo');
    await page.getByRole('button', { name: 'Next photo' }).click();
    await viewerShows('shed.jpg', 900, '2 of 2');
    expect(await focusedLabel()).toBe('Next photo');

    await page.keyboard.press('Escape');
    await page.getByRole('dialog', { name: 'shed.jpg' }).waitFor({ state: 'detached', ...WAIT });
    // Focus returns to the photo the viewer showed last, not the one it was opened from.
    expect(await focusedLabel()).toBe('Open shed.jpg');
  });

  it('deletes both photos, and they disappear', async () => {
    const dialog = page.getByRole('dialog', { name: 'Edit to-do' });
    for (const name of ['fence.jpg', 'shed.jpg'])
      await dialog.getByRole('button', { name: `Delete ${name}` }).click();
    await dialog
      .locator('.attachment')
      .first()
      .waitFor({ state: 'detached', ...WAIT });
    await dialog.getByText('No photos yet.').waitFor(WAIT);
    await screenshot(page, 'attachments-06-deleted');
  });
});
