import { mkdtemp } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { adminAuth, adminDb } from '../support/admin.js';
import { firestoreEmulator, projectId, storageEmulator } from '../support/env.js';
import { images } from '../support/images.js';
import { addTodo, createList, invite, todoTitles, waitForTodoCount, WAIT } from './support/app.js';
import { expectAccessible } from './support/axe.js';
import { firstLoadBytes, openConsole } from './support/hearthConsole.js';
import { screenshot } from './support/screenshots.js';
import { stageFor } from './support/stage.js';

/**
 * A developer keeps the Hearth Console open beside the app. Two people share a list; the guest's
 * offline edit is refused once the owner has made them a viewer, and the console's Requests tab
 * shows that denied write with the rules line that decided it. Then every tab in turn: Firestore
 * (browse, typed edits Firestore would refuse, live changes, query builder, clearing a database),
 * Storage, Auth, Triggers and logs, Export. Each screen is photographed (light and dark) and checked
 * with axe.
 */
const stage = stageFor('Nora', 'Gil', 'Dev');
/** Two people who share a list, and the developer, whose page is the console's. */
const [owner, guest, developer] = stage.people;
const JOURNEY_DATABASE = `console-${Date.now().toString(36)}`;

let listId: string;

async function bothThemes(name: string): Promise<void> {
  await expectAccessible(developer.page, `${name}-light`);
  await developer.page.getByRole('button', { name: 'Use the dark theme' }).click();
  await expectAccessible(developer.page, `${name}-dark`);
  await developer.page.getByRole('button', { name: 'Use the light theme' }).click();
}

describe('the Hearth Console beside the app', () => {
  it('shows every emulator of the stack running, from a first load under 150 KB', async () => {
    await openConsole(developer.page);
    const firestoreCard = developer.page
      .getByRole('listitem')
      .filter({ hasText: 'Cloud Firestore' });
    await firestoreCard.getByText('Running').waitFor(WAIT);
    for (const service of ['Cloud Storage', 'Authentication', 'Cloud Functions', 'Emulator hub'])
      await developer.page
        .getByRole('listitem')
        .filter({ hasText: service })
        .getByText('Running')
        .waitFor(WAIT);
    expect(await firstLoadBytes(developer.page)).toBeLessThanOrEqual(150 * 1024);
    await bothThemes('console-01-overview');
  });

  it('shows a write the rules refused in the app, with the line that decided it', async () => {
    await stage.signUpToShare({ sharer: owner, invitee: guest });
    await createList(owner.page, 'Console trip');
    listId = new URL(owner.page.url()).pathname.split('/').at(-1) as string;
    await addTodo(owner.page, 'Book flights');
    const share = await invite(owner.page, guest.username, 'editor');
    await share.getByRole('button', { name: 'Close' }).click();

    // The guest edits offline while the owner makes them a viewer: on reconnect, rules refuse it.
    await guest.page.getByRole('link', { name: /Console trip/ }).click();
    await guest.page.getByLabel('New to-do').waitFor(WAIT);
    await guest.page.context().setOffline(true);
    await guest.page.getByLabel('New to-do').fill('Idea from the train');
    await guest.page.getByLabel('New to-do').press('Enter');
    await guest.page.getByText('Not synced yet').waitFor(WAIT);
    await owner.page.getByRole('button', { name: 'Share' }).click();
    await share.getByLabel(`Role of ${guest.name}`).selectOption('viewer');
    await share.getByText('Role changed.').waitFor(WAIT);
    await share.getByRole('button', { name: 'Close' }).click();
    await guest.page.context().setOffline(false);
    await waitForTodoCount(guest.page, 1);

    await openConsole(developer.page, '/requests');
    await developer.page.getByLabel('Denied only').check();
    await developer.page.getByLabel('User').fill(guest.email);
    const row = developer.page
      .getByRole('row')
      .filter({ hasText: 'create' })
      .filter({ hasText: `lists/` });
    await row.first().waitFor(WAIT);
    await row
      .first()
      .getByRole('button', { name: /^Denied create/ })
      .click();
    const details = developer.page.getByRole('complementary', { name: 'Request details' });
    await details.getByText(/^false for 'create' @ L\d+/).waitFor(WAIT);
    const decidingLine = details.locator('.line.is-refused');
    expect(await decidingLine.innerText()).toMatch(/allow create: if canWrite\(listId\)/);
    await details.getByText(/Line \d+ was false/).waitFor();
    await details
      .getByText(`get(/databases/(default)/documents/lists/${listId})`, { exact: false })
      .waitFor();
    await details.getByText(guest.email).first().waitFor();
    await bothThemes('console-02-requests-denied');
  });

  it('browses to the list’s to-do and edits it with its type; the app shows the edit live', async () => {
    await openConsole(developer.page, '/firestore');
    await developer.page.getByRole('link', { name: 'lists', exact: true }).click();
    await developer.page.getByRole('link', { name: listId, exact: true }).click();
    await developer.page.getByRole('link', { name: 'todos', exact: true }).click();
    const documents = developer.page.getByRole('region', { name: 'Documents in todos' });
    await documents.getByRole('link').first().click();
    const document = developer.page.getByRole('region', { name: /^Document / });
    await document.getByText('Book flights').waitFor(WAIT);
    await bothThemes('console-03-firestore-document');

    await document.getByRole('button', { name: 'Add field' }).click();
    const dialog = developer.page.getByRole('dialog', { name: 'Add a field' });
    await dialog.getByLabel('Field path').fill('checkIn');
    await dialog.getByLabel('Type of checkIn').selectOption('timestamp');
    await dialog.getByLabel('Value of checkIn').fill('2025-02-30T14:00:00Z');
    await dialog.getByRole('button', { name: 'Save field' }).click();
    await dialog.getByText('2025-02 has no day 30.').first().waitFor();
    await dialog.getByText('Nothing was written').waitFor();
    await expectAccessible(developer.page, 'console-04-field-refused');
    const [todo] = (await adminDb.collection(`lists/${listId}/todos`).get()).docs;
    expect(todo?.get('checkIn')).toBeUndefined();
    await dialog.getByLabel('Value of checkIn').fill('2025-03-14T14:00:00+01:00');
    await dialog.getByRole('button', { name: 'Save field' }).click();
    await dialog.waitFor({ state: 'detached' });
    await document.getByText('2025-03-14T13:00:00Z').waitFor(WAIT);

    await document.getByRole('button', { name: 'Edit field title' }).click();
    const edit = developer.page.getByRole('dialog', { name: 'Edit title' });
    await edit.getByLabel('Value of title').fill('Book flights to Lisbon');
    await edit.getByRole('button', { name: 'Save field' }).click();
    await owner.page.locator('.todo__title', { hasText: 'Book flights to Lisbon' }).waitFor(WAIT);
  });

  it('sees the app’s writes live, and runs a query as a client would', async () => {
    await addTodo(owner.page, 'Pack sunscreen');
    await developer.page
      .getByRole('region', { name: 'Documents in todos' })
      .getByRole('link')
      .nth(1)
      .waitFor(WAIT);
    await developer.page.getByRole('link', { name: 'Query builder' }).click();
    await developer.page.getByLabel('Collection path').fill(`lists/${listId}/todos`);
    await developer.page.getByRole('button', { name: 'Add filter' }).click();
    await developer.page.getByLabel('Field of filter 1').fill('title');
    await developer.page.getByLabel('Operator of filter 1').selectOption('>=');
    await developer.page.getByLabel('Value of filter 1').fill('P');
    await developer.page.getByRole('button', { name: 'Add order' }).click();
    await developer.page.getByLabel('Field of order 1').fill('title');
    await developer.page.getByRole('button', { name: 'Run query' }).click();
    const expected = await adminDb
      .collection(`lists/${listId}/todos`)
      .where('title', '>=', 'P')
      .orderBy('title')
      .get();
    await developer.page.getByRole('heading', { name: `${expected.size} document` }).waitFor(WAIT);
    expect(expected.docs.map((d) => d.get('title'))).toEqual(['Pack sunscreen']);
    await developer.page.getByRole('table').getByText('"Pack sunscreen"').waitFor();
    await bothThemes('console-05-query');
  });

  it('clears a database, only after the word is typed', async () => {
    const response = await fetch(
      `http://${firestoreEmulator.host}:${firestoreEmulator.port}/v1/projects/${projectId}/databases/${JOURNEY_DATABASE}/documents/scratch/one`,
      {
        method: 'PATCH',
        headers: { Authorization: 'Bearer owner', 'Content-Type': 'application/json' },
        body: JSON.stringify({ fields: { n: { integerValue: '1' } } }),
      },
    );
    expect(response.status).toBe(200);
    await openConsole(developer.page, `/firestore/${JOURNEY_DATABASE}/data/scratch`);
    await developer.page
      .getByRole('region', { name: 'Documents in scratch' })
      .getByText('one')
      .waitFor(WAIT);
    await developer.page.getByRole('button', { name: 'Clear all data' }).click();
    const confirm = developer.page.getByRole('dialog', { name: 'Clear all data' });
    const action = confirm.getByRole('button', { name: 'Clear all data' });
    expect(await action.isDisabled()).toBe(true);
    await confirm.getByLabel('Type clear to confirm').fill('clear');
    await action.click();
    await developer.page.getByText('No collections.').waitFor(WAIT);
    expect((await adminDb.doc(`lists/${listId}`).get()).exists).toBe(true);
  });

  it('uploads, previews, tokens and deletes a file in Storage', async () => {
    await openConsole(developer.page, `/storage/${projectId}.appspot.com/console-journey`);
    await developer.page.getByLabel('Upload files').setInputFiles({
      name: 'sunset.png',
      mimeType: 'image/png',
      buffer: await images.transparentPng(),
    });
    await developer.page.getByRole('button', { name: 'sunset.png' }).click();
    const details = developer.page.getByRole('complementary', { name: 'File details' });
    const preview = details.getByRole('img', { name: 'Preview of sunset.png' });
    await preview.waitFor(WAIT);
    expect(await preview.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(640);
    await details.getByRole('button', { name: 'Create a token' }).click();
    const token = details.getByRole('list').getByRole('link');
    await token.waitFor(WAIT);
    const download = await fetch((await token.getAttribute('href')) as string);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('image/png');
    await bothThemes('console-06-storage');
    await details.getByRole('button', { name: 'Delete' }).click();
    await developer.page
      .getByRole('dialog', { name: 'Delete file' })
      .getByRole('button', { name: 'Delete file' })
      .click();
    await developer.page.getByText('This folder is empty.').waitFor(WAIT);
    const gone = await fetch(
      `http://${storageEmulator.host}:${storageEmulator.port}/storage/v1/b/${projectId}.appspot.com/o/console-journey%2Fsunset.png`,
    );
    expect(gone.status).toBe(404);
  });

  it('finds a user, refuses bad claims, sets good ones, and disables them', async () => {
    await openConsole(developer.page, '/auth');
    await developer.page.getByLabel('Search users').fill(guest.email);
    const row = developer.page.getByRole('row').filter({ hasText: guest.email });
    await row.waitFor(WAIT);
    expect(await developer.page.getByRole('row').count()).toBe(2);
    await row.getByRole('button', { name: `Edit the claims of ${guest.email}` }).click();
    const dialog = developer.page.getByRole('dialog', { name: /^Custom claims of/ });
    await dialog.getByLabel('Custom claims (JSON)').fill('{"sub": "someone else"}');
    await dialog.getByRole('button', { name: 'Save claims' }).click();
    await dialog.getByText(/"sub" is reserved/).waitFor();
    await dialog.getByLabel('Custom claims (JSON)').fill('{"beta": true}');
    await dialog.getByRole('button', { name: 'Save claims' }).click();
    await row.getByText('"beta": true').waitFor(WAIT);
    const user = await adminAuth.getUserByEmail(guest.email);
    expect(user.customClaims).toEqual({ beta: true });
    await row.getByRole('button', { name: `Disable ${guest.email}` }).click();
    await row.getByText('disabled').waitFor(WAIT);
    expect((await adminAuth.getUserByEmail(guest.email)).disabled).toBe(true);
    await bothThemes('console-07-auth');
    await row.getByRole('button', { name: `Enable ${guest.email}` }).click();
    await row.getByRole('button', { name: `Disable ${guest.email}` }).waitFor(WAIT);
  });

  it('shows the events delivered to the functions and their log lines', async () => {
    await openConsole(developer.page, '/functions');
    const deliveries = developer.page.getByRole('region', { name: 'Event deliveries' });
    await deliveries
      .getByRole('row')
      .filter({ hasText: 'us-central1-onTodoWritten' })
      .filter({ hasText: `documents/lists/${listId}/todos/` })
      .filter({ hasText: 'delivered' })
      .first()
      .waitFor(WAIT);
    await developer.page.getByLabel('Function').selectOption('us-central1-onTodoWritten');
    const log = developer.page.getByRole('list', { name: 'Log lines, newest first' });
    await log.getByText('Finished "us-central1-onTodoWritten"').first().waitFor(WAIT);
    const sources = await log.locator('.source').allInnerTexts();
    expect(new Set(sources)).toEqual(new Set(['us-central1-onTodoWritten']));
    await bothThemes('console-08-functions');
  });

  it('exports the stack’s data in the layout --import reads, and refuses a folder that is not there', async () => {
    const folder = join(await mkdtemp(join(tmpdir(), 'hearth-console-journey-')), 'export');
    await openConsole(developer.page, '/data');
    await developer.page.getByLabel('Folder to write').fill(folder);
    await developer.page.getByRole('button', { name: 'Export everything' }).click();
    await developer.page.getByText(`Exported firestore, storage, auth to ${folder}.`).waitFor(WAIT);
    expect(existsSync(join(folder, 'emulator', 'hearth-export.json'))).toBe(true);
    expect(existsSync(join(folder, 'firebase', 'firebase-export-metadata.json'))).toBe(true);
    expect(existsSync(join(folder, 'firebase', 'auth_export', 'accounts.json'))).toBe(true);

    await developer.page.getByLabel('Folder to read').fill(join(folder, 'missing'));
    await developer.page.getByRole('button', { name: 'Import and replace' }).click();
    await developer.page
      .getByRole('dialog')
      .getByRole('button', { name: 'Import and replace' })
      .click();
    await developer.page.getByText(/There is no folder/).waitFor(WAIT);
    expect(await todoTitles(owner.page)).toContain('Pack sunscreen');
    await bothThemes('console-09-export');
  });

  it('fits a phone’s screen', async () => {
    await developer.page.setViewportSize({ width: 390, height: 844 });
    await openConsole(developer.page, '/');
    await screenshot(developer.page, 'console-10-phone-overview');
    await openConsole(developer.page, '/requests');
    await developer.page.getByRole('row').nth(1).waitFor(WAIT);
    await expectAccessible(developer.page, 'console-11-phone-requests');
    await developer.page.setViewportSize({ width: 1280, height: 800 });
  });
});
