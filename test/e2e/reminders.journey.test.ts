import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { addDays, wallClockIn } from '../../functions/src/model/index.js';
import { addTodo, newPerson, signUp, WAIT } from './support/app.js';
import { expectAccessible } from './support/axe.js';
import { setTimeZone } from './support/browser.js';
import { screenshot } from './support/screenshots.js';
import { closeStage, openStage } from './support/stage.js';
import type { WebApp } from './support/webApp.js';

/**
 * Reminders as a person meets them, in a browser whose clock is in Asia/Kolkata (not the
 * machine's zone): a reminder set at a due time a few seconds away comes into the bell on time
 * (through the to-do trigger, the Cloud Tasks emulator and the deliverReminder task function),
 * opens its to-do, is marked read; and a web push reaching the service worker is shown as a
 * system notification (delivered through Chromium's DevTools protocol: FCM cannot be reached).
 */
const ZONE = 'Asia/Kolkata';
const MINUTE_MS = 60_000;
/** What the issue asks of a local stack: in the bell within 2 s of the reminder's time. */
const ON_TIME_MS = 2_000;
const rhea = newPerson('Rhea');

let app: WebApp;
let page: Page;
/** The reminded to-do's due date and time in Kolkata. */
let due = { date: '', time: '' };

beforeAll(async () => {
  [app, page] = await openStage();
  await setTimeZone(page, ZONE);
});

afterAll(closeStage);

const bell = () => page.locator('button[popovertarget="notifications-panel"]');

describe('reminders', () => {
  it('come into the bell at their time, and open their to-do', async () => {
    await signUp(page, app.url, rhea);
    await addTodo(page, 'Call the plumber');
    expect(await bell().getAttribute('aria-label')).toBe('Notifications');

    // Due at the next whole minute at least 20 s away (times are set to the minute), with a
    // reminder at the due time.
    const at = Math.ceil((Date.now() + 20_000) / MINUTE_MS) * MINUTE_MS;
    due = wallClockIn(new Date(at), ZONE);
    await page.locator('.todo__title', { hasText: 'Call the plumber' }).click();
    const dialog = page.getByRole('dialog', { name: 'Edit to-do' });
    await dialog.getByLabel('Date', { exact: true }).fill(due.date);
    await dialog.getByLabel('Time (optional)').fill(due.time);
    await dialog.getByLabel('Remind me').selectOption('before:0');
    await dialog.getByRole('button', { name: 'Add reminder' }).click();
    await dialog.getByText('At the due time (').waitFor(WAIT);
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'detached', ...WAIT });
    await page.getByLabel('1 reminder').waitFor(WAIT);

    await page
      .locator('button[aria-label="Notifications, 1 unread"]')
      .waitFor({ timeout: at - Date.now() + 60_000 });
    const shownAt = Date.now();
    expect(shownAt).toBeGreaterThanOrEqual(at - 500);
    expect(shownAt - at).toBeLessThanOrEqual(ON_TIME_MS);
    expect(await bell().innerText()).toBe('1');

    await bell().click();
    const panel = page.locator('#notifications-panel');
    await panel.getByText('Call the plumber').waitFor(WAIT);
    await panel.getByText(`Due `).first().waitFor(WAIT);
    await screenshot(page, 'reminders-bell-open');
    await expectAccessible(page, 'reminders-bell');
    await panel.getByRole('button', { name: /Call the plumber/ }).click();
    await page.getByRole('dialog', { name: 'Edit to-do' }).waitFor(WAIT);
    expect(await page.getByLabel('Title', { exact: true }).inputValue()).toBe('Call the plumber');
    await page.locator('button[aria-label="Notifications"]').waitFor(WAIT);
  });

  it('repeats daily with a step; completed from Today, it is in Upcoming tomorrow with its reminder', async () => {
    const dialog = page.getByRole('dialog', { name: 'Edit to-do' });
    await dialog.getByLabel('Repeat', { exact: true }).selectOption('daily');
    await dialog.getByPlaceholder('Add a step').fill('Find the number');
    await dialog.getByRole('button', { name: 'Add step' }).click();
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'detached', ...WAIT });

    await page.getByRole('link', { name: /^Today/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Today' }).waitFor(WAIT);
    const row = page.locator('.todo', { hasText: 'Call the plumber' });
    await row.getByLabel('0 of 1 steps done').waitFor(WAIT);
    await row.getByLabel('1 reminder').waitFor(WAIT);
    await page.getByLabel('Complete: Call the plumber').click();

    // The trigger reopens it on the next day, its reminder with it.
    await page.getByRole('link', { name: /^Upcoming/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Upcoming' }).waitFor(WAIT);
    const tomorrow = page.locator(`[aria-labelledby="due-group-${addDays(due.date, 1)}"]`);
    await tomorrow.locator('.todo__title', { hasText: 'Call the plumber' }).waitFor(WAIT);
    await tomorrow.getByLabel('1 reminder').waitFor(WAIT);
    await tomorrow.locator('.todo__title', { hasText: 'Call the plumber' }).click();
    const editor = page.getByRole('dialog', { name: 'Edit to-do' });
    await editor
      .getByText(`At the due time (tomorrow, ${due.time})`, { exact: false })
      .waitFor(WAIT);
    expect(await editor.getByLabel('Date', { exact: true }).inputValue()).toBe(
      addDays(due.date, 1),
    );
    await editor.getByRole('button', { name: 'Cancel' }).click();
  });

  it('shows a reminder pushed to the service worker as a system notification', async () => {
    const origin = new URL(app.url).origin;
    await page.context().grantPermissions(['notifications'], { origin });
    await page.goto(new URL('/lists', app.url).href);
    await page.waitForFunction(
      async () => (await navigator.serviceWorker.ready).active?.state === 'activated',
      undefined,
      WAIT,
    );
    const cdp = await page.context().newCDPSession(page);
    const registrationId = new Promise<string>((resolve) => {
      cdp.on('ServiceWorker.workerRegistrationUpdated', ({ registrations }) => {
        const ours = registrations.find((each) => each.scopeURL.startsWith(origin));
        if (ours) resolve(ours.registrationId);
      });
    });
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.deliverPushMessage', {
      origin,
      registrationId: await registrationId,
      data: JSON.stringify({
        data: { title: 'Water the plants', body: 'Due Thu, Dec 10', link: '/lists', tag: 'n-1' },
        from: '000000000000',
        fcmMessageId: 'test-message',
      }),
    });
    const shown = () =>
      page.evaluate(async () => {
        const notifications = await (await navigator.serviceWorker.ready).getNotifications();
        return notifications.map((each) => ({ title: each.title, body: each.body, tag: each.tag }));
      });
    await expect
      .poll(shown, WAIT)
      .toEqual([{ title: 'Water the plants', body: 'Due Thu, Dec 10', tag: 'n-1' }]);
  });
});
