import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { addTodo, createList, invite, waitForTodoCount, WAIT } from './support/app.js';
import { expectAccessible } from './support/axe.js';
import { screenshot } from './support/screenshots.js';
import { checkInEveryLook } from './support/looks.js';
import { stageFor } from './support/stage.js';

/**
 * Search across lists: Sara has to-dos in two lists, one matching "picnic" by its notes, one by
 * its tag, one done, and Tom shares a list of his with her. From a list's search box, Enter
 * searches every list; the results are by list, live, and a to-do is opened and completed there.
 */
const stage = stageFor('Sara', 'Tom');
const [sara, tom] = stage.people;

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
  return sara.page.locator('.search-group').evaluateAll((groups) =>
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
    await stage.signUpToShare({ sharer: tom, invitee: sara });
  });

  it('Sara has to-dos in two lists: one with picnic in its notes, one tagged, one done', async () => {
    await createList(sara.page, 'Home');
    for (const title of ['Pack the basket', 'Picnic blanket', 'Water the ferns'])
      await addTodo(sara.page, title);
    await edit(sara.page, 'Pack the basket', {
      Notes: 'Bread and cheese for the Pícnic on Sunday',
    });
    await sara.page.getByLabel('Complete: Picnic blanket').check();
    await createList(sara.page, 'Work');
    for (const title of ['Book the park', 'Send report']) await addTodo(sara.page, title);
    await edit(sara.page, 'Book the park', { Tags: 'picnic, team' });
  });

  it('Tom shares a list with a picnic to-do with Sara', async () => {
    await createList(tom.page, 'Family');
    await addTodo(tom.page, 'Buy picnic plates');
    const dialog = await invite(tom.page, sara.username, 'editor');
    await dialog.getByRole('button', { name: 'Close' }).first().click();
    await sara.page.locator('.list-link', { hasText: 'Family' }).waitFor(WAIT);
  });

  it('a list’s search box filters that list, and Enter searches every list', async () => {
    await sara.page.locator('.list-link', { hasText: 'Home' }).click();
    await sara.page.getByRole('heading', { level: 1, name: 'Home' }).waitFor(WAIT);
    const box = sara.page.getByLabel('Search this list');
    await box.fill('PICNIC');
    // The list's own search also looks in the notes, without minding accents.
    await waitForTodoCount(sara.page, 2);
    await sara.page.getByRole('button', { name: /Search all lists for “PICNIC”/ }).waitFor(WAIT);
    await box.press('Enter');
    await sara.page.getByRole('heading', { level: 1, name: 'Search' }).waitFor(WAIT);
    expect(new URL(sara.page.url()).pathname + new URL(sara.page.url()).search).toBe(
      '/search?q=PICNIC',
    );
    await waitForResults([
      'Home: Pack the basket, Picnic blanket (done)',
      'Work: Book the park',
      'Family: Buy picnic plates',
    ]);
    await sara.page.getByText('4 to-dos in 3 lists').waitFor(WAIT);
    // The to-do found by its notes shows them; the one found by its tag shows the tag.
    expect(
      await sara.page
        .locator('.todo', { hasText: 'Pack the basket' })
        .locator('.todo__excerpt')
        .innerText(),
    ).toBe('Bread and cheese for the Pícnic on Sunday');
    expect(await sara.page.locator('.todo__excerpt').count()).toBe(1);
    await expectAccessible(sara.page, 'search-results');
  });

  it('the results follow changes live: Tom adds another picnic to-do', async () => {
    await addTodo(tom.page, 'Picnic games');
    await waitForResults([
      'Home: Pack the basket, Picnic blanket (done)',
      'Work: Book the park',
      'Family: Buy picnic plates, Picnic games',
    ]);
  });

  it('Sara opens Tom’s to-do from the results, and completes it there', async () => {
    await sara.page.locator('.todo__title', { hasText: 'Buy picnic plates' }).click();
    const dialog = sara.page.getByRole('dialog', { name: 'Edit to-do' });
    expect(await dialog.getByLabel('Title', { exact: true }).inputValue()).toBe(
      'Buy picnic plates',
    );
    await dialog.getByLabel('Notes', { exact: true }).fill('Twelve, not paper');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'detached', ...WAIT });

    await sara.page.getByLabel('Complete: Buy picnic plates').check();
    await sara.page.getByText('Completed “Buy picnic plates”.').waitFor(WAIT);
    // Done, it goes after the open ones of its list.
    await waitForResults([
      'Home: Pack the basket, Picnic blanket (done)',
      'Work: Book the park',
      'Family: Picnic games, Buy picnic plates (done)',
    ]);
    // Tom sees it done, with Sara's notes.
    await tom.page.getByLabel('Mark as not done: Buy picnic plates').waitFor(WAIT);
    expect(await tom.page.getByLabel('Mark as not done: Buy picnic plates').isChecked()).toBe(true);
    await tom.page.locator('.todo__title', { hasText: 'Buy picnic plates' }).click();
    const tomsDialog = tom.page.getByRole('dialog', { name: 'Edit to-do' });
    expect(await tomsDialog.getByLabel('Notes', { exact: true }).inputValue()).toBe(
      'Twelve, not paper',
    );
    await tomsDialog.getByRole('button', { name: 'Cancel' }).click();
    await sara.page
      .locator('.notice', { hasText: 'Buy picnic plates' })
      .getByRole('button', { name: 'Dismiss' })
      .click();
  });

  it('typing on the search page narrows the results; nothing found says so', async () => {
    const box = sara.page.getByLabel('Search all lists');
    await box.fill('picnic team');
    await waitForResults(['Work: Book the park']);
    expect(new URL(sara.page.url()).search).toBe('?q=picnic+team');
    await box.fill('kayak');
    await sara.page.getByText('Nothing matches “kayak” in your lists').waitFor(WAIT);
  });

  it('looks right on a laptop and a phone, light and dark', async () => {
    const box = sara.page.getByLabel('Search all lists');
    for (const [query, name] of [
      ['picnic', 'search'],
      ['kayak', 'search-empty'],
    ] as const) {
      await box.fill(query);
      await checkInEveryLook(sara.page, `22-${name}`, async () => {
        if (query === 'picnic') await waitForTodoCount(sara.page, 5);
        else await sara.page.getByText('Nothing matches').waitFor(WAIT);
      });
    }
    // A list's search box with the way to every list, on a phone.
    await sara.page.getByRole('button', { name: '☰ Lists' }).click();
    await sara.page.locator('.list-link', { hasText: 'Home' }).click();
    await sara.page.getByRole('heading', { level: 1, name: 'Home' }).waitFor(WAIT);
    await sara.page.getByLabel('Search this list').fill('picnic');
    await sara.page.getByRole('button', { name: /Search all lists for/ }).waitFor(WAIT);
    await screenshot(sara.page, '22-list-search-390-dark');
    await sara.page.setViewportSize({ width: 1280, height: 800 });
    await sara.page.emulateMedia({ colorScheme: 'light' });
    await screenshot(sara.page, '22-list-search-1280-light');
    // The button does what Enter does.
    await sara.page.getByRole('button', { name: /Search all lists for/ }).click();
    await sara.page.getByRole('heading', { level: 1, name: 'Search' }).waitFor(WAIT);
    await waitForTodoCount(sara.page, 5);
    // And the sidebar's Search opens it empty, ready to type in.
    await sara.page.locator('.list-link', { hasText: 'Work' }).click();
    await sara.page.getByRole('heading', { level: 1, name: 'Work' }).waitFor(WAIT);
    await sara.page.getByRole('link', { name: 'Search', exact: true }).click();
    await sara.page.getByText('Search every list').waitFor(WAIT);
    expect(await sara.page.evaluate(() => document.activeElement?.id)).toBe('todo-search');
    await sara.page.keyboard.type('basket');
    await waitForResults(['Home: Pack the basket']);
  });
});
