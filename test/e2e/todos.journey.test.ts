import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { expectAccessible } from './support/axe.js';
import { setTimeZone } from './support/browser.js';
import { closeStage, openStage } from './support/stage.js';
import type { WebApp } from './support/webApp.js';
import {
  addTodo,
  createList,
  newPerson,
  todoTitles,
  WAIT,
  waitForTodoCount,
  waitUntilSaved,
} from './support/app.js';

/**
 * One person's first session in a real browser against the local stack: sign up (the Auth
 * trigger makes their Inbox), create a list and to-dos, complete one, filter, edit details,
 * visit Settings, sign out. Every main screen is photographed and checked with axe.
 */
const erin = newPerson('Erin');

let app: WebApp;
let page: Page;

beforeAll(async () => {
  [app, page] = await openStage();
});

afterAll(closeStage);

describe('a new person’s first session', () => {
  it('signs up and lands in the Inbox the sign-up trigger created', async () => {
    await page.goto(new URL('/signin', app.url).href);
    await expectAccessible(page, '01-sign-in');
    await page.getByRole('link', { name: 'Create an account' }).click();
    await page.getByLabel('Your name').fill(erin.name);
    await page.getByLabel('Email').fill(erin.email);
    await page.getByLabel('Password').fill(erin.password);
    await expectAccessible(page, '02-sign-up');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByRole('heading', { level: 1, name: 'Inbox' }).waitFor(WAIT);
    expect(new URL(page.url()).pathname).toMatch(/^\/lists\/inbox-/);
    await page.getByText('Nothing to do yet').waitFor(WAIT);
    await expectAccessible(page, '03-inbox-empty');
  });

  it('creates a list and adds to-dos that show at once', async () => {
    await createList(page, 'Groceries');
    for (const title of ['Milk', 'Bread', 'Eggs']) await addTodo(page, title);
    expect(await todoTitles(page)).toEqual(['Milk', 'Bread', 'Eggs']);
    // Every write is confirmed by the server: nothing stays marked as pending.
    await waitUntilSaved(page);
    await expectAccessible(page, '04-list-with-todos');
  });

  it('completes a to-do and filters by state', async () => {
    await page.getByLabel('Complete: Bread').check();
    await page.getByText('2 open · 1 done').waitFor(WAIT);
    await page.getByText('Active', { exact: true }).click();
    await waitForTodoCount(page, 2);
    expect(await todoTitles(page)).toEqual(['Milk', 'Eggs']);
    await page.getByText('Done', { exact: true }).click();
    await waitForTodoCount(page, 1);
    expect(await todoTitles(page)).toEqual(['Bread']);
    await expectAccessible(page, '05-filter-done');
    await page.getByText('All', { exact: true }).click();
    await waitForTodoCount(page, 3);
  });

  it('opens a list without zod and the model’s schemas, which load once a form is focused', async () => {
    const fresh = await page.context().newPage();
    // Every script the page runs until the list is on screen, by name and by whether zod is in it.
    const scripts: Promise<{ name: string; zod: boolean }>[] = [];
    let listShown = false;
    fresh.on('response', (response) => {
      const { pathname } = new URL(response.url());
      if (listShown || !pathname.endsWith('.js')) return;
      const name = pathname.slice(pathname.lastIndexOf('/') + 1);
      scripts.push(response.text().then((text) => ({ name, zod: text.includes('$ZodError') })));
    });
    try {
      await fresh.goto(page.url());
      await fresh.getByRole('heading', { level: 1, name: 'Groceries' }).waitFor(WAIT);
      await waitForTodoCount(fresh, 3);
      listShown = true;
      const loaded = await Promise.all(scripts);
      expect(loaded.some(({ name }) => name.startsWith('firestore-'))).toBe(true);
      expect(loaded.filter(({ zod }) => zod).map(({ name }) => name)).toEqual([]);
      const schemas = fresh.waitForRequest((request) =>
        /\/modelSchemas-[^/]+\.js$/.test(request.url()),
      );
      await fresh.getByLabel('New to-do').focus();
      await schemas;
    } finally {
      await fresh.close();
    }
  });

  it('reorders with the keyboard, and the order is kept', async () => {
    await page.getByRole('button', { name: /^Reorder Eggs/ }).focus();
    await page.keyboard.press('ArrowUp');
    await page.waitForFunction(
      () => document.querySelectorAll('.todo__title')[1]?.textContent === 'Eggs',
      undefined,
      WAIT,
    );
    expect(await todoTitles(page)).toEqual(['Milk', 'Eggs', 'Bread']);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toMatch(
      /^Reorder Eggs, position 2 of 3/,
    );
    await waitUntilSaved(page);
    await page.reload();
    await waitForTodoCount(page, 3);
    expect(await todoTitles(page)).toEqual(['Milk', 'Eggs', 'Bread']);
  });

  it('edits a to-do’s details and searches by tag', async () => {
    await page.locator('.todo__title', { hasText: 'Milk' }).click();
    const dialog = page.getByRole('dialog', { name: 'Edit to-do' });
    await dialog.waitFor(WAIT);
    await dialog.getByLabel('Priority').selectOption('3');
    await dialog.getByLabel('Tags').fill('dairy, fridge');
    await expectAccessible(page, '06-edit-todo');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await page.getByText('High priority').waitFor(WAIT);
    await page.getByLabel('Search this list').fill('#dairy');
    await waitForTodoCount(page, 1);
    expect(await todoTitles(page)).toEqual(['Milk']);
    await page.getByLabel('Search this list').fill('');
  });

  it('gives a to-do a due day that is the same day in every time zone', async () => {
    await page.locator('.todo__title', { hasText: 'Eggs' }).click();
    const dialog = page.getByRole('dialog', { name: 'Edit to-do' });
    await dialog.getByLabel('Date', { exact: true }).fill('2026-12-10');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'detached', ...WAIT });
    // The same person, in a page whose clock is in Los Angeles and in one in Kiritimati (UTC+14).
    for (const timezoneId of ['America/Los_Angeles', 'Pacific/Kiritimati']) {
      const away = await page.context().newPage();
      try {
        await setTimeZone(away, timezoneId);
        await away.goto(page.url());
        const eggs = away.locator('.todo', { hasText: 'Eggs' });
        await eggs.getByText('Dec 10').waitFor(WAIT);
        await away.locator('.todo__title', { hasText: 'Eggs' }).click();
        const editor = away.getByRole('dialog', { name: 'Edit to-do' });
        expect(await editor.getByLabel('Date', { exact: true }).inputValue(), timezoneId).toBe(
          '2026-12-10',
        );
      } finally {
        await away.close();
      }
    }
  });

  it('gives a to-do steps and a weekly repeat; completing it moves it to the next week', async () => {
    await page.locator('.todo__title', { hasText: 'Eggs' }).click();
    const dialog = page.getByRole('dialog', { name: 'Edit to-do' });
    await dialog.getByLabel('Repeat', { exact: true }).selectOption('weekly');
    await dialog.getByPlaceholder('Add a step').fill('Free-range');
    await dialog.getByRole('button', { name: 'Add step' }).click();
    await expectAccessible(page, '06b-edit-todo-repeat-steps');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'detached', ...WAIT });
    const eggs = page.locator('.todo', { hasText: 'Eggs' });
    await eggs.getByLabel('0 of 1 steps done').waitFor(WAIT);
    await eggs.getByText('Repeats').waitFor(WAIT);
    await page.getByLabel('Complete: Eggs').check();
    // The trigger reopens it on the next Thursday.
    await eggs.getByText('Dec 17').waitFor(WAIT);
    expect(await page.getByLabel('Complete: Eggs').isChecked()).toBe(false);
    // Undo puts it back on the occurrence it was completed on.
    await page.getByRole('button', { name: 'Undo' }).click();
    await eggs.getByText('Dec 10').waitFor(WAIT);
    expect(await page.getByLabel('Complete: Eggs').isChecked()).toBe(false);
  });

  it('shows the list’s counts kept by the trigger in the sidebar', async () => {
    const groceries = page
      .locator('.list-link', { hasText: 'Groceries' })
      .locator('.list-link__count');
    await page.waitForFunction(
      () =>
        Array.from(document.querySelectorAll('.list-link'))
          .find((link) => link.textContent?.includes('Groceries'))
          ?.querySelector('.list-link__count')
          ?.getAttribute('aria-label') === '2 open, 1 done',
      undefined,
      WAIT,
    );
    expect(await groceries.innerText()).toBe('2');
  });

  it('opens Settings with the profile the trigger created', async () => {
    await page.getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor(WAIT);
    await page.waitForFunction(
      (name) =>
        (document.querySelector('#settings-name') as HTMLInputElement | null)?.value === name,
      erin.name,
      WAIT,
    );
    await expectAccessible(page, '07-settings');
  });

  it('signs out and back in to the same lists', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { level: 1, name: 'Welcome back' }).waitFor(WAIT);
    await page.getByLabel('Email').fill(erin.email);
    await page.getByLabel('Password').fill('not-my-password');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByRole('alert').waitFor(WAIT);
    expect(await page.getByRole('alert').innerText()).toMatch(/isn’t right/);
    await page.getByLabel('Password').fill(erin.password);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.locator('.list-link', { hasText: 'Groceries' }).waitFor(WAIT);
  });
});
