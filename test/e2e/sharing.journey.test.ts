import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  addTodo,
  claimUsername,
  createList,
  invite,
  newPerson,
  signUp,
  todoTitles,
  waitForTodoCount,
  WAIT,
} from './support/app.js';
import { expectAccessible } from './support/axe.js';
import { closeStage, openStage } from './support/stage.js';
import type { WebApp } from './support/webApp.js';

/**
 * Two people in two browsers: the owner shares a list with a viewer who sees it live and cannot
 * change it, promotes them to editor, the editor works offline and syncs on reconnect, and the
 * owner deletes their account, which takes the shared list away from the other person too.
 */
const owner = newPerson('Olivia');
const guest = newPerson('Gus');
const guestUsername = `gus${Date.now().toString(36)}`;

let app: WebApp;
let ownerPage: Page;
let guestPage: Page;

beforeAll(async () => {
  [app, ownerPage, guestPage] = await openStage(2);
});
afterAll(closeStage);

describe('sharing a list', () => {
  it('two people sign up, and the guest claims a username to be invited by', async () => {
    await signUp(ownerPage, app.url, owner);
    await signUp(guestPage, app.url, guest);
    await claimUsername(guestPage, guestUsername);
  });

  it('the owner invites someone by username as a viewer', async () => {
    await createList(ownerPage, 'Trip to Lisbon');
    await addTodo(ownerPage, 'Book flights');
    const dialog = await invite(ownerPage, guestUsername, 'viewer');
    await dialog.getByText(guest.name, { exact: true }).waitFor(WAIT);
    await expectAccessible(ownerPage, '10-share-dialog');
    await dialog.getByRole('button', { name: 'Close' }).click();
  });

  it('the viewer sees the list appear live and cannot change it', async () => {
    const link = guestPage.getByRole('link', { name: /Trip to Lisbon/ });
    await link.waitFor(WAIT);
    await link.click();
    await guestPage.getByRole('heading', { level: 1, name: 'Trip to Lisbon' }).waitFor(WAIT);
    await waitForTodoCount(guestPage, 1);
    expect(await guestPage.getByLabel('New to-do').count()).toBe(0);
    expect(await guestPage.getByLabel('Complete: Book flights').isDisabled()).toBe(true);
    await guestPage
      .getByText('You can view this list. Only its editors can change it.')
      .waitFor(WAIT);
    await expectAccessible(guestPage, '11-viewer-read-only');

    await addTodo(ownerPage, 'Find a hotel');
    await waitForTodoCount(guestPage, 2);
    expect(await todoTitles(guestPage)).toEqual(['Book flights', 'Find a hotel']);
  });

  it('an editor can add to-dos, which the owner sees live', async () => {
    await ownerPage.getByRole('button', { name: 'Share' }).click();
    const dialog = ownerPage.getByRole('dialog', { name: 'Share list' });
    await dialog.getByLabel(`Role of ${guest.name}`).selectOption('editor');
    await dialog.getByText('Role changed.').waitFor(WAIT);
    await dialog.getByRole('button', { name: 'Close' }).click();

    await guestPage.getByLabel('New to-do').waitFor(WAIT);
    await addTodo(guestPage, 'Pack sunscreen');
    await waitForTodoCount(ownerPage, 3);
  });

  it('offline edits show as pending and sync on reconnect', async () => {
    await guestPage.context().setOffline(true);
    await guestPage.getByLabel('New to-do').fill('Learn some Portuguese');
    await guestPage.getByLabel('New to-do').press('Enter');
    await guestPage.getByText('Not synced yet').waitFor(WAIT);
    await guestPage.getByText('Offline — changes will sync later').waitFor(WAIT);
    await expectAccessible(guestPage, '12-offline-pending');
    await guestPage.context().setOffline(false);
    await guestPage.getByText('Not synced yet').waitFor({ state: 'detached', ...WAIT });
    await waitForTodoCount(ownerPage, 4);
    expect(await todoTitles(ownerPage)).toContain('Learn some Portuguese');
  });

  it('deleting the owner’s account removes the list for everyone', async () => {
    await ownerPage.getByRole('link', { name: 'Settings' }).click();
    await ownerPage.getByRole('button', { name: 'Delete account…' }).click();
    const dialog = ownerPage.getByRole('dialog', { name: 'Delete your account?' });
    await dialog.getByLabel('Confirm with your password').fill(owner.password);
    await expectAccessible(ownerPage, '13-delete-account');
    await dialog.getByRole('button', { name: 'Delete my account' }).click();
    await ownerPage.getByRole('heading', { level: 1, name: 'Welcome back' }).waitFor(WAIT);

    await guestPage
      .getByRole('link', { name: /Trip to Lisbon/ })
      .waitFor({ state: 'detached', ...WAIT });
    await guestPage.getByText('List not found').waitFor(WAIT);

    await ownerPage.getByLabel('Email').fill(owner.email);
    await ownerPage.getByLabel('Password').fill(owner.password);
    await ownerPage.getByRole('button', { name: 'Sign in', exact: true }).click();
    await ownerPage.getByRole('alert').waitFor(WAIT);
  });
});
