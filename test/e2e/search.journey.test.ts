import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  addTodo,
  claimUsername,
  createList,
  invite,
  newPerson,
  signUp,
  waitForTodoCount,
  WAIT,
} from './support/app.js';
import { expectAccessible } from './support/axe.js';
import { screenshot } from './support/screenshots.js';
import { checkInEveryLook } from './support/looks.js';
import { closeStage, openStage } from './support/stage.js';
import type { WebApp } from './support/webApp.js';

/**
 * Search across lists: Sara has to-dos in two lists, one matching "picnic" by its notes, one by
 * its tag, one done, and Tom shares a list of his with her. From a list's search box, Enter
 * searches every list; the results are by list, live, and a to-do is opened and completed there.
 */
const sara = newPerson('Sara');
const tom = newPerson('Tom');
const saraUsername = `sara${Date.now().toString(36)}`;

let app: WebApp;
let page: Page;
let tomPage: Page;

beforeAll(async () => {
  [app, page, tomPage] = await openStage(2);
});
afterAll(closeStage);

/** Changes the to-do of the open list through its edit dialog. */
async function edit(on: Page, title: string, fields: Record<string, string>): Promise<void> {
  await on.locator('.todo__title', { hasText: title }).click();
  const dialog = on.getByRole('dialog', { name: 'Edit to-do' });
  for (const [label, value] of Object.entries(fields))
    await dialog.getByLabel(label, { exact: true }).fill(value);
  await dialog.getByRole('button', { name: 'Save' }).click();
  await dialog.waitFor({ state: 'detached', ...WAIT });
}

/** The results as "group: title, title (done)". */
function results(): Promise<string[]> {
  return page.locator('.search-group').evaluateAll((groups) =>
    groups.map((group) => {
      const rows = Array.from(group.querySelectorAll('.todo')).map(
        (row) =>
          `${row.querySelector('.todo__title')?.textContent?.trim()}${
            row.querySelector<HTMLInputElement>('input[type=checkbox]')?.checked ? ' (done)' : ''
          }`,
      );
      return `${group.querySelector('h2')?.textContent?.trim()}: ${rows.join(', ')}`;
    }),
  );
}

async function waitForResults(expected: string[]): Promise<void> {
  await expect.poll(results, { timeout: WAIT.timeout, interval: 200 }).toEqual(expected);
}

describe('search across lists', () => {
  it('two people sign up; Sara can be invited by username', async () => {
    await signUp(page, app.url, sara);
    await signUp(tomPage, app.url, tom);
    await claimUsername(page, saraUsername);
  });

  it('Sara has to-dos in two lists: one with picnic in its notes, one tagged, one done', async () => {
    await createList(page, 'Home');
    for (const title of ['Pack the basket', 'Picnic blanket', 'Water the ferns'])
      await addTodo(page, title);
    await edit(page, 'Pack the basket', { Notes: 'Bread and cheese for the Pícnic on Sunday' });
    await page.getByLabel('Complete: Picnic blanket').check();
    await createList(page, 'Work');
    for (const title of ['Book the park', 'Send report']) await addTodo(page, title);
    await edit(page, 'Book the park', { Tags: 'picnic, team' });
  });

  it('Tom shares a list with a picnic to-do with Sara', async () => {
    await createList(tomPage, 'Family');
    await addTodo(tomPage, 'Buy picnic plates');
    const dialog = await invite(tomPage, saraUsername, 'editor');
    await dialog.getByRole('button', { name: 'Close' }).first().click();
    await page.locator('.list-link', { hasText: 'Family' }).waitFor(WAIT);
  });

  it('a list’s search box filters that list, and Enter searches every list', async () => {
    await page.locator('.list-link', { hasText: 'Home' }).click();
    await page.getByRole('heading', { level: 1, name: 'Home' }).waitFor(WAIT);
    const box = page.getByLabel('Search this list');
    await box.fill('PICNIC');
    // The list's own search also looks in the notes, without minding accents.
    await waitForTodoCount(page, 2);
    await page.getByRole('button', { name: /Search all lists for “PICNIC”/ }).waitFor(WAIT);
    await box.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Search' }).waitFor(WAIT);
    expect(new URL(page.url()).pathname + new URL(page.url()).search).toBe('/search?q=PICNIC');
    await waitForResults([
      'Home: Pack the basket, Picnic blanket (done)',
      'Work: Book the park',
      'Family: Buy picnic plates',
    ]);
    await page.getByText('4 to-dos in 3 lists').waitFor(WAIT);
    // The to-do found by its notes shows them; the one found by its tag shows the tag.
    expect(
      await page
        .locator('.todo', { hasText: 'Pack the basket' })
        .locator('.todo__excerpt')
        .innerText(),
    ).toBe('Bread and cheese for the Pícnic on Sunday');
    expect(await page.locator('.todo__excerpt').count()).toBe(1);
    await expectAccessible(page, 'search-results');
  });

  it('the results follow changes live: Tom adds another picnic to-do', async () => {
    await addTodo(tomPage, 'Picnic games');
    await waitForResults([
      'Home: Pack the basket, Picnic blanket (done)',
      'Work: Book the park',
      'Family: Buy picnic plates, Picnic games',
    ]);
  });

  it('Sara opens Tom’s to-do from the results, and completes it there', async () => {
    await page.locator('.todo__title', { hasText: 'Buy picnic plates' }).click();
    const dialog = page.getByRole('dialog', { name: 'Edit to-do' });
    expect(await dialog.getByLabel('Title', { exact: true }).inputValue()).toBe(
      'Buy picnic plates',
    );
    await dialog.getByLabel('Notes', { exact: true }).fill('Twelve, not paper');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'detached', ...WAIT });

    await page.getByLabel('Complete: Buy picnic plates').check();
    await page.getByText('Completed “Buy picnic plates”.').waitFor(WAIT);
    // Done, it goes after the open ones of its list.
    await waitForResults([
      'Home: Pack the basket, Picnic blanket (done)',
      'Work: Book the park',
      'Family: Picnic games, Buy picnic plates (done)',
    ]);
    // Tom sees it done, with Sara's notes.
    await tomPage.getByLabel('Mark as not done: Buy picnic plates').waitFor(WAIT);
    expect(await tomPage.getByLabel('Mark as not done: Buy picnic plates').isChecked()).toBe(true);
    await tomPage.locator('.todo__title', { hasText: 'Buy picnic plates' }).click();
    const tomsDialog = tomPage.getByRole('dialog', { name: 'Edit to-do' });
    expect(await tomsDialog.getByLabel('Notes', { exact: true }).inputValue()).toBe(
      'Twelve, not paper',
    );
    await tomsDialog.getByRole('button', { name: 'Cancel' }).click();
    await page
      .locator('.notice', { hasText: 'Buy picnic plates' })
      .getByRole('button', { name: 'Dismiss' })
      .click();
  });

  it('typing on the search page narrows the results; nothing found says so', async () => {
    const box = page.getByLabel('Search all lists');
    await box.fill('picnic team');
    await waitForResults(['Work: Book the park']);
    expect(new URL(page.url()).search).toBe('?q=picnic+team');
    await box.fill('kayak');
    await page.getByText('Nothing matches “kayak” in your lists').waitFor(WAIT);
  });

  it('looks right on a laptop and a phone, light and dark', async () => {
    const box = page.getByLabel('Search all lists');
    for (const [query, name] of [
      ['picnic', 'search'],
      ['kayak', 'search-empty'],
    ] as const) {
      await box.fill(query);
      await checkInEveryLook(page, `22-${name}`, async () => {
        if (query === 'picnic') await waitForTodoCount(page, 5);
        else await page.getByText('Nothing matches').waitFor(WAIT);
      });
    }
    // A list's search box with the way to every list, on a phone.
    await page.getByRole('button', { name: '☰ Lists' }).click();
    await page.locator('.list-link', { hasText: 'Home' }).click();
    await page.getByRole('heading', { level: 1, name: 'Home' }).waitFor(WAIT);
    await page.getByLabel('Search this list').fill('picnic');
    await page.getByRole('button', { name: /Search all lists for/ }).waitFor(WAIT);
    await screenshot(page, '22-list-search-390-dark');
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.emulateMedia({ colorScheme: 'light' });
    await screenshot(page, '22-list-search-1280-light');
    // The button does what Enter does.
    await page.getByRole('button', { name: /Search all lists for/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Search' }).waitFor(WAIT);
    await waitForTodoCount(page, 5);
    // And the sidebar's Search opens it empty, ready to type in.
    await page.locator('.list-link', { hasText: 'Work' }).click();
    await page.getByRole('heading', { level: 1, name: 'Work' }).waitFor(WAIT);
    await page.getByRole('link', { name: 'Search', exact: true }).click();
    await page.getByText('Search every list').waitFor(WAIT);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('todo-search');
    await page.keyboard.type('basket');
    await waitForResults(['Home: Pack the basket']);
  });
});
