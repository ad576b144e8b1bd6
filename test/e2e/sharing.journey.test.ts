import { describe, expect, it } from 'vitest';
import { addTodo, createList, invite, todoTitles, waitForTodoCount, WAIT } from './support/app.js';
import { expectAccessible } from './support/axe.js';
import { stageFor } from './support/stage.js';

/**
 * Two people in two browsers: the owner shares a list with a viewer who sees it live and cannot
 * change it, promotes them to editor, the editor works offline and syncs on reconnect, and the
 * owner deletes their account, which takes the shared list away from the other person too.
 */
const stage = stageFor('Olivia', 'Gus');
const [owner, guest] = stage.people;

describe('sharing a list', () => {
  it('two people sign up, and the guest claims a username to be invited by', async () => {
    await stage.signUpToShare({ sharer: owner, invitee: guest });
  });

  it('the owner invites someone by username as a viewer', async () => {
    await createList(owner.page, 'Trip to Lisbon');
    await addTodo(owner.page, 'Book flights');
    const dialog = await invite(owner.page, guest.username, 'viewer');
    await dialog.getByText(guest.name, { exact: true }).waitFor(WAIT);
    await expectAccessible(owner.page, '10-share-dialog');
    await dialog.getByRole('button', { name: 'Close' }).click();
  });

  it('the viewer sees the list appear live and cannot change it', async () => {
    const link = guest.page.getByRole('link', { name: /Trip to Lisbon/ });
    await link.waitFor(WAIT);
    await link.click();
    await guest.page.getByRole('heading', { level: 1, name: 'Trip to Lisbon' }).waitFor(WAIT);
    await waitForTodoCount(guest.page, 1);
    expect(await guest.page.getByLabel('New to-do').count()).toBe(0);
    expect(await guest.page.getByLabel('Complete: Book flights').isDisabled()).toBe(true);
    await guest.page
      .getByText('You can view this list. Only its editors can change it.')
      .waitFor(WAIT);
    await expectAccessible(guest.page, '11-viewer-read-only');

    await addTodo(owner.page, 'Find a hotel');
    await waitForTodoCount(guest.page, 2);
    expect(await todoTitles(guest.page)).toEqual(['Book flights', 'Find a hotel']);
  });

  it('an editor can add to-dos, which the owner sees live', async () => {
    await owner.page.getByRole('button', { name: 'Share' }).click();
    const dialog = owner.page.getByRole('dialog', { name: 'Share list' });
    await dialog.getByLabel(`Role of ${guest.name}`).selectOption('editor');
    await dialog.getByText('Role changed.').waitFor(WAIT);
    await dialog.getByRole('button', { name: 'Close' }).click();

    await guest.page.getByLabel('New to-do').waitFor(WAIT);
    await addTodo(guest.page, 'Pack sunscreen');
    await waitForTodoCount(owner.page, 3);
  });

  it('offline edits show as pending and sync on reconnect', async () => {
    await guest.page.context().setOffline(true);
    await guest.page.getByLabel('New to-do').fill('Learn some Portuguese');
    await guest.page.getByLabel('New to-do').press('Enter');
    await guest.page.getByText('Not synced yet').waitFor(WAIT);
    await guest.page.getByText('Offline — changes will sync later').waitFor(WAIT);
    await expectAccessible(guest.page, '12-offline-pending');
    await guest.page.context().setOffline(false);
    await guest.page.getByText('Not synced yet').waitFor({ state: 'detached', ...WAIT });
    await waitForTodoCount(owner.page, 4);
    expect(await todoTitles(owner.page)).toContain('Learn some Portuguese');
  });

  it('deleting the owner’s account removes the list for everyone', async () => {
    await owner.page.getByRole('link', { name: 'Settings' }).click();
    await owner.page.getByRole('button', { name: 'Delete account…' }).click();
    const dialog = owner.page.getByRole('dialog', { name: 'Delete your account?' });
    await dialog.getByLabel('Confirm with your password').fill(owner.password);
    await expectAccessible(owner.page, '13-delete-account');
    await dialog.getByRole('button', { name: 'Delete my account' }).click();
    await owner.page.getByRole('heading', { level: 1, name: 'Welcome back' }).waitFor(WAIT);

    await guest.page
      .getByRole('link', { name: /Trip to Lisbon/ })
      .waitFor({ state: 'detached', ...WAIT });
    await guest.page.getByText('List not found').waitFor(WAIT);

    await owner.page.getByLabel('Email').fill(owner.email);
    await owner.page.getByLabel('Password').fill(owner.password);
    await owner.page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await owner.page.getByRole('alert').waitFor(WAIT);
  });
});
