import type { Locator, Page } from 'playwright-core';

/** How long the app may take to show what a journey waits for (triggers run in the emulator). */
// Generous: a callable or trigger may first start a cold Functions runtime, which takes tens of
// seconds on a busy 2-core CI machine. This bounds a wait; it asserts nothing about speed.
export const WAIT = { timeout: 90_000 };

export interface Person {
  name: string;
  email: string;
  password: string;
}

/** A person nobody has signed up as yet: addresses are unique per run. */
export function newPerson(name: string): Person {
  const id = `${name.toLowerCase()}.${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  return { name, email: `${id}@example.com`, password: 'correct-horse-7' };
}

/** Signs up through the form and waits for the Inbox the Auth trigger creates. */
export async function signUp(page: Page, appUrl: string, person: Person): Promise<void> {
  await page.goto(new URL('/signup', appUrl).href);
  await page.getByLabel('Your name').fill(person.name);
  await page.getByLabel('Email').fill(person.email);
  await page.getByLabel('Password').fill(person.password);
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.getByRole('heading', { level: 1, name: 'Inbox' }).waitFor(WAIT);
}

/** Claims a username in Settings through the callable, then goes back to the lists. */
export async function claimUsername(page: Page, username: string): Promise<void> {
  await page.getByRole('link', { name: 'Settings' }).click();
  await page.getByRole('textbox', { name: 'Username' }).fill(username);
  await page.getByRole('button', { name: 'Save username' }).click();
  await page.getByText('Username saved.').waitFor(WAIT);
  await page.getByRole('link', { name: '← Back to lists' }).click();
  await page.getByRole('heading', { level: 1 }).waitFor(WAIT);
}

export async function createList(page: Page, title: string): Promise<void> {
  await page.getByLabel('New list title').fill(title);
  await page.getByRole('button', { name: 'Add list' }).click();
  await page.getByRole('heading', { level: 1, name: title }).waitFor(WAIT);
}

/**
 * Shares the open list with `username` as `role` through its Share dialog and waits until the
 * dialog says so; returns the dialog, still open.
 */
export async function invite(
  page: Page,
  username: string,
  role: 'editor' | 'viewer',
): Promise<Locator> {
  await page.getByRole('button', { name: 'Share' }).click();
  const dialog = page.getByRole('dialog', { name: 'Share list' });
  await dialog.getByLabel('Username', { exact: true }).fill(username);
  await dialog.getByLabel('Role', { exact: true }).selectOption(role);
  await dialog.getByRole('button', { name: 'Invite' }).click();
  const can = role === 'editor' ? 'edit' : 'view';
  await dialog.getByText(`${username} can now ${can} this list.`).waitFor(WAIT);
  return dialog;
}

export async function addTodo(page: Page, title: string): Promise<void> {
  await page.getByLabel('New to-do').fill(title);
  await page.getByLabel('New to-do').press('Enter');
  await page.locator('.todo__title', { hasText: title }).waitFor(WAIT);
}

/** Waits until no to-do on the page is still waiting for the server to confirm its write. */
export async function waitUntilSaved(page: Page): Promise<void> {
  await page
    .locator('.todo__pending')
    .first()
    .waitFor({ state: 'detached', ...WAIT });
}

export function todoTitles(page: Page): Promise<string[]> {
  return page.locator('.todo__title').allInnerTexts();
}

/** Waits until the list shows exactly `count` to-dos (filters and live updates settle). */
export async function waitForTodoCount(page: Page, count: number): Promise<void> {
  await page.waitForFunction(
    (n) => document.querySelectorAll('.todo__title').length === n,
    count,
    WAIT,
  );
}
