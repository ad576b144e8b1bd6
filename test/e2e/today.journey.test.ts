import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { addDays, todayIn } from '../../functions/src/model/index.js';
import { addTodo, createList, invite, todoTitles, waitForTodoCount, WAIT } from './support/app.js';
import { expectAccessible } from './support/axe.js';
import { setTimeZone } from './support/browser.js';
import { screenshot } from './support/screenshots.js';
import { checkInEveryLook } from './support/looks.js';
import { stageFor } from './support/stage.js';

/**
 * Today, Upcoming and Overdue across lists, in a browser whose clock is on Kiritimati (UTC+14,
 * a day ahead of the machine for ten hours of each day): to-dos due yesterday, today and
 * tomorrow in two lists show in their views, one is completed from Today, and a to-do of a list
 * someone else shares shows in Today live, and goes when they remove the person.
 */
const BROWSER_ZONE = 'Pacific/Kiritimati';
const stage = stageFor('Ana', 'Bruno');
const [ana, bruno] = stage.people;
/** The browser's dates, read in its zone when the journey starts. */
let today = '';

beforeAll(async () => {
  await setTimeZone(ana.page, BROWSER_ZONE);
  today = todayIn(BROWSER_ZONE, new Date());
});

/** Gives the to-do of the open list a due date through its edit dialog. */
async function setDue(on: Page, title: string, date: string): Promise<void> {
  await on.locator('.todo__title', { hasText: title }).click();
  const dialog = on.getByRole('dialog', { name: 'Edit to-do' });
  await dialog.getByLabel('Date', { exact: true }).fill(date);
  await dialog.getByRole('button', { name: 'Save' }).click();
  await dialog.waitFor({ state: 'detached', ...WAIT });
}

async function openView(name: 'Today' | 'Upcoming' | 'Overdue'): Promise<void> {
  await ana.page.getByRole('link', { name: new RegExp(`^${name}`) }).click();
  await ana.page.getByRole('heading', { level: 1, name }).waitFor(WAIT);
}

/** The rows of the page as "title · list". */
function rows(): Promise<string[]> {
  return ana.page
    .locator('.todo')
    .evaluateAll((todos) =>
      todos.map(
        (todo) =>
          `${todo.querySelector('.todo__title')?.textContent?.trim()} · ${todo
            .querySelector('.todo__list')
            ?.textContent?.replace('List:', '')
            .trim()}`,
      ),
    );
}

function groupTitles(): Promise<string[]> {
  return ana.page.locator('.due-group__title').allInnerTexts();
}

/** Waits until the count beside a view's link in the sidebar is `expected` ('' for none). */
async function waitForLinkCount(view: string, expected: string): Promise<void> {
  await ana.page.waitForFunction(
    ([name, value]) =>
      (document.querySelector(`a[href="/${name}"] .due-links__count`)?.textContent?.trim() ??
        '') === value,
    [view, expected] as const,
    WAIT,
  );
}

describe('Today, Upcoming and Overdue across lists', () => {
  it('two people sign up; Ana, on Kiritimati time, can be invited by username', async () => {
    await stage.signUpToShare({ sharer: bruno, invitee: ana });
    expect(await ana.page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone)).toBe(
      BROWSER_ZONE,
    );
  });

  it('Ana gives to-dos of two lists due dates: yesterday, today and tomorrow', async () => {
    await createList(ana.page, 'Home');
    for (const title of ['Pay rent', 'Buy milk']) await addTodo(ana.page, title);
    await setDue(ana.page, 'Pay rent', addDays(today, -1));
    await setDue(ana.page, 'Buy milk', today);
    await createList(ana.page, 'Work');
    for (const title of ['Send report', 'Plan sprint', 'Someday idea'])
      await addTodo(ana.page, title);
    await setDue(ana.page, 'Send report', today);
    await setDue(ana.page, 'Plan sprint', addDays(today, 1));
    // Each count follows its own writes: wait for all three (Upcoming's comes with the last one).
    await waitForLinkCount('today', '2');
    await waitForLinkCount('upcoming', '1');
    await waitForLinkCount('overdue', '1');
  });

  it('Today shows what is due today in every list, by list, each row naming its list', async () => {
    await openView('Today');
    expect(new URL(ana.page.url()).pathname).toBe('/today');
    await waitForTodoCount(ana.page, 2);
    expect(await groupTitles()).toEqual(['Home', 'Work']);
    expect(await rows()).toEqual(['Buy milk · Home', 'Send report · Work']);
    await expectAccessible(ana.page, '20-today');
  });

  it('Upcoming shows tomorrow by day, and Overdue what was due yesterday', async () => {
    await openView('Upcoming');
    await waitForTodoCount(ana.page, 1);
    expect(await groupTitles()).toEqual([expect.stringMatching(/^Tomorrow · /)]);
    expect(await rows()).toEqual(['Plan sprint · Work']);
    await openView('Overdue');
    await waitForTodoCount(ana.page, 1);
    expect(await rows()).toEqual(['Pay rent · Home']);
    await ana.page.locator('.todo', { hasText: 'Pay rent' }).getByText('Overdue').waitFor(WAIT);
  });

  it('completes a to-do from Today, which is done in its list too', async () => {
    await openView('Today');
    await waitForTodoCount(ana.page, 2);
    // Not check(): the row leaves Today at once, so its checkbox is not there to be seen checked.
    await ana.page.getByLabel('Complete: Send report').click();
    await waitForTodoCount(ana.page, 1);
    await ana.page.getByText('Completed “Send report”.').waitFor(WAIT);
    await waitForLinkCount('today', '1');
    await ana.page.locator('.list-link', { hasText: 'Work' }).click();
    await ana.page.getByRole('heading', { level: 1, name: 'Work' }).waitFor(WAIT);
    expect(await ana.page.getByLabel('Mark as not done: Send report').isChecked()).toBe(true);
    await openView('Today');
    expect(await todoTitles(ana.page)).toEqual(['Buy milk']);
  });

  it('completing a weekly to-do from Today moves it to Upcoming, on the same weekday', async () => {
    await ana.page.locator('.list-link', { hasText: 'Home' }).click();
    await ana.page.getByRole('heading', { level: 1, name: 'Home' }).waitFor(WAIT);
    await addTodo(ana.page, 'Water the ferns');
    await ana.page.locator('.todo__title', { hasText: 'Water the ferns' }).click();
    const dialog = ana.page.getByRole('dialog', { name: 'Edit to-do' });
    await dialog.getByLabel('Date', { exact: true }).fill(today);
    await dialog.getByLabel('Repeat', { exact: true }).selectOption('weekly');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'detached', ...WAIT });
    await openView('Today');
    await waitForTodoCount(ana.page, 2);
    await ana.page.getByLabel('Complete: Water the ferns').click();
    // The trigger reopens it on the next occurrence, a week from today.
    await openView('Upcoming');
    await ana.page.locator('.todo__title', { hasText: 'Water the ferns' }).waitFor(WAIT);
    expect(await rows()).toEqual(['Plan sprint · Work', 'Water the ferns · Home']);
    const groups = await groupTitles();
    expect(groups).toHaveLength(2);
    expect(
      await ana.page
        .locator('.due-group', { hasText: 'Water the ferns' })
        .getAttribute('aria-labelledby'),
    ).toBe(`due-group-${addDays(today, 7)}`);
    await openView('Today');
    expect(await todoTitles(ana.page)).toEqual(['Buy milk']);
  });

  it('a to-do of a list Bruno shares with Ana shows in her Today live', async () => {
    await createList(bruno.page, 'Family');
    await addTodo(bruno.page, 'Water the plants');
    // A calendar day: the same date on Bruno's machine clock as on Ana's Kiritimati one.
    await setDue(bruno.page, 'Water the plants', today);
    await invite(bruno.page, ana.username, 'editor');

    await ana.page.locator('.todo__title', { hasText: 'Water the plants' }).waitFor(WAIT);
    await waitForTodoCount(ana.page, 2);
    expect(await groupTitles()).toEqual(['Home', 'Family']);
    expect(await rows()).toEqual(['Buy milk · Home', 'Water the plants · Family']);
    await waitForLinkCount('today', '2');
  });

  it('looks right on a laptop and a phone, light and dark', async () => {
    await checkInEveryLook(ana.page, '21-today', async () => {
      await ana.page.locator('.todo__title', { hasText: 'Water the plants' }).waitFor(WAIT);
    });
    // On a phone the links are in the sidebar that slides in.
    await ana.page.getByRole('button', { name: '☰ Lists' }).click();
    await ana.page.locator('.workspace--sidebar-open').waitFor(WAIT);
    await screenshot(ana.page, '21-sidebar-390-dark');
    await openView('Upcoming');
    await screenshot(ana.page, '21-upcoming-390-dark');
    await ana.page.setViewportSize({ width: 1280, height: 800 });
    await ana.page.emulateMedia({ colorScheme: 'light' });
    await openView('Today');
  });

  it('the shared to-do leaves Ana’s Today when Bruno removes her from the list', async () => {
    await bruno.page
      .getByRole('dialog', { name: 'Share list' })
      .getByLabel(`Remove ${ana.name}`)
      .click();
    await bruno.page.getByText(`${ana.name} no longer has access.`).waitFor(WAIT);
    await ana.page
      .locator('.todo__title', { hasText: 'Water the plants' })
      .waitFor({ state: 'detached', ...WAIT });
    expect(await rows()).toEqual(['Buy milk · Home']);
    await waitForLinkCount('today', '1');
  });
});
