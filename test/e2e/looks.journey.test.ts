import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FieldValue } from 'firebase-admin/firestore';
import type { Page } from 'playwright-core';
import { adminAuth, adminDb } from '../support/admin.js';
import { newListData, newTodoData } from '../support/newDocuments.js';
import { createList, newPerson, signUp, WAIT } from './support/app.js';
import { seriousAccessibilityViolations } from './support/axe.js';
import { checkInEveryLook, LOOKS, wear, type Look } from './support/looks.js';
import { screenshot } from './support/screenshots.js';
import { closeStage, openStage } from './support/stage.js';
import type { WebApp } from './support/webApp.js';

/**
 * Every main screen as people see it: on a laptop (1280×800) and a phone (390×844), in light and
 * dark, photographed into test-results/screenshots/<screen>-<width>-<scheme>.png and checked with
 * axe (no serious or critical finding) in each of the four. On the phone, nothing is wider than
 * the screen and nothing covers anything else.
 */
const pat = newPerson('Pat');

let app: WebApp;
let page: Page;
let listUrl = '';

/** Every look of the screen, checked as every journey checks its looks and for split words. */
const inEveryLook = (name: string, show: (look: Look) => Promise<void>) =>
  checkInEveryLook(page, name, show, async (look) => {
    expect(await wordsSplitByButtonGaps(), `${name} ${look.width}`).toEqual([]);
  });

/**
 * Buttons whose words the button's flex gap pulls apart: text, an element, then more text as
 * separate flex items ("Clear  completed  (1)"). An icon beside one run of text is fine.
 */
function wordsSplitByButtonGaps(): Promise<string[]> {
  return page.evaluate(() =>
    Array.from(document.querySelectorAll<HTMLElement>('button, .button, a'))
      .filter((element) => {
        const style = getComputedStyle(element);
        if (!style.display.includes('flex') || style.columnGap === '0px') return false;
        const texts = Array.from(element.childNodes).filter(
          (node) => node.nodeType === Node.TEXT_NODE && (node.textContent ?? '').trim() !== '',
        );
        return texts.length > 1;
      })
      .map((element) => (element.textContent ?? '').trim()),
  );
}

/** Whether the element's content fits inside it, with nothing running out to the side. */
function fitsInside(selector: string): Promise<boolean> {
  return page
    .locator(selector)
    .first()
    .evaluate((element) => element.scrollWidth <= element.clientWidth);
}

/** Two boxes of the page, as the browser lays them out. */
async function overlap(first: string, second: string): Promise<boolean> {
  const [a, b] = await Promise.all([
    page.locator(first).first().boundingBox(),
    page.locator(second).first().boundingBox(),
  ]);
  if (!a || !b) throw new Error(`${first} or ${second} is not on the page`);
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

/**
 * Quinn, who shares a list with Pat (Pat a viewer, with a few to-dos) and edits Pat's list;
 * seeded as the functions would leave them.
 */
async function seedQuinn(patUid: string, patListId: string): Promise<void> {
  const owner = await adminAuth.createUser({
    email: `quinn.${Date.now().toString(36)}@example.com`,
    password: 'correct-horse-7',
    displayName: 'Quinn',
  });
  const list = adminDb.collection('lists').doc();
  await list.set(
    newListData(owner.uid, FieldValue.serverTimestamp(), {
      title: 'Family chores',
      members: { [owner.uid]: 'owner', [patUid]: 'viewer' },
      memberIds: [owner.uid, patUid],
    }),
  );
  for (const [index, title] of ['Water the plants', 'Take out the recycling'].entries()) {
    await list.collection('todos').add(
      newTodoData(owner.uid, FieldValue.serverTimestamp(), {
        title,
        memberIds: [owner.uid, patUid],
        order: (index + 1) * 1024,
        notes: index === 0 ? 'The ferns on the balcony need the most.' : '',
        subtasks:
          index === 0
            ? [
                { id: 'ferns', title: 'Ferns', done: true },
                { id: 'basil', title: 'Basil', done: false },
              ]
            : [],
      }),
    );
  }
  await adminDb.doc(`lists/${patListId}`).update({
    [`members.${owner.uid}`]: 'editor',
    memberIds: FieldValue.arrayUnion(owner.uid),
  });
}

/** Waits until the dialog named `dialog` lists Quinn among the list's members. */
async function quinnShownIn(dialog: string): Promise<void> {
  await page
    .getByRole('dialog', { name: dialog })
    .getByText('Quinn', { exact: true })
    .waitFor(WAIT);
}

/** Pat's own list, with to-dos of every kind a row can show. */
async function seedTodos(listId: string, uid: string): Promise<void> {
  const todos = adminDb.collection(`lists/${listId}/todos`);
  const next = new Date(Date.now() + 24 * 60 * 60 * 1000);
  const pad = (n: number) => String(n).padStart(2, '0');
  const tomorrow = `${next.getFullYear()}-${pad(next.getMonth() + 1)}-${pad(next.getDate())}`;
  const rows: Record<string, unknown>[] = [
    { title: 'Buy basil and tomatoes', done: true, completedAt: FieldValue.serverTimestamp() },
    { title: 'Book the campsite', priority: 3, due: { date: tomorrow }, tags: ['trip'] },
    {
      title: 'Fix the garden gate',
      notes: 'Hinges are rusty.',
      attachmentCount: 2,
      due: { date: tomorrow, time: '18:00', timeZone: 'Europe/Berlin' },
      repeat: 'FREQ=WEEKLY;BYDAY=SA',
      subtasks: [
        { id: 'oil', title: 'Oil the hinges', done: true },
        { id: 'screws', title: 'Buy new screws', done: false },
        { id: 'paint', title: 'Paint the gate', done: false },
      ],
    },
    { title: 'Call the plumber about the kitchen tap, which drips all night', priority: 1 },
  ];
  for (const [index, row] of rows.entries()) {
    await todos.add(
      newTodoData(uid, FieldValue.serverTimestamp(), { ...row, order: (index + 1) * 1024 }),
    );
  }
}

beforeAll(async () => {
  [app, page] = await openStage();
});
afterAll(closeStage);

describe('every main screen, on a laptop and a phone, light and dark', () => {
  it('the landing, sign-in, sign-up and reset pages', async () => {
    for (const [name, path] of [
      ['landing', '/'],
      ['sign-in', '/signin'],
      ['sign-up', '/signup'],
      ['reset-password', '/reset-password'],
    ] as const) {
      await inEveryLook(name, async () => {
        await page.goto(new URL(path, app.url).href);
        await page.getByRole('heading', { level: 1 }).waitFor(WAIT);
      });
    }
  });

  it('a new account’s empty Inbox, which does not scroll', async () => {
    await wear(page, LOOKS[0]);
    await signUp(page, app.url, pat);
    await inEveryLook('inbox-empty', async () => {
      await page.getByText('Nothing to do yet').waitFor(WAIT);
      const extra = await page.evaluate(
        () => document.documentElement.scrollHeight - window.innerHeight,
      );
      expect(extra, 'an almost empty page scrolls').toBeLessThanOrEqual(0);
    });
    // A phone keeps the verification reminder to one slim line.
    await wear(page, LOOKS[2]);
    const banner = await page.getByRole('region', { name: 'Email verification' }).boundingBox();
    expect(banner?.height).toBeLessThanOrEqual(56);
  });

  it('a list with to-dos of every kind', async () => {
    await wear(page, LOOKS[0]);
    await createList(page, 'Weekend');
    listUrl = page.url();
    const listId = new URL(listUrl).pathname.split('/').at(-1)!;
    const uid = (await adminAuth.getUserByEmail(pat.email)).uid;
    await seedTodos(listId, uid);
    await seedQuinn(uid, listId);
    await inEveryLook('list', async () => {
      await page.getByText('2 photos').waitFor(WAIT);
    });
  });

  it('quick add, showing what it understood as chips before Enter', async () => {
    const composer = page.getByLabel('New to-do');
    await inEveryLook('quick-add', async () => {
      await composer.fill('Pay rent every month on the 1st at 9am #home !1');
      await page.locator('#new-todo-chips .chip').nth(3).waitFor(WAIT);
    });
    expect(await page.locator('#new-todo-chips .chip').count()).toBeGreaterThanOrEqual(4);
    await composer.fill('');
  });

  it('the sidebar on a phone, and the keyboard shortcuts on a laptop', async () => {
    for (const look of LOOKS.filter((each) => each.width < 600)) {
      await wear(page, look);
      await page.getByRole('button', { name: 'Lists' }).click();
      await page.getByRole('link', { name: /Family chores/ }).waitFor(WAIT);
      await screenshot(page, `sidebar-${look.width}-${look.scheme}`);
      expect(await seriousAccessibilityViolations(page)).toEqual([]);
      await page.keyboard.press('Escape');
    }
    await inEveryLook('shortcuts', async (look) => {
      if (look === LOOKS[0]) await page.locator('body').press('?');
      await page.getByRole('dialog', { name: 'Keyboard shortcuts' }).waitFor(WAIT);
    });
    await page.keyboard.press('Escape');
  });

  it('the bell, with reminders that fired', async () => {
    const uid = (await adminAuth.getUserByEmail(pat.email)).uid;
    const listId = new URL(listUrl).pathname.split('/').at(-1)!;
    const fired = [
      ['Fix the garden gate', 'Due Sat, Dec 5 at 18:00 (Europe/Berlin)', false, 4],
      ['Call the plumber about the kitchen tap, which drips all night', 'Reminder', true, 90],
    ] as const;
    for (const [index, [title, body, read, minutesAgo]] of fired.entries()) {
      await adminDb.doc(`users/${uid}/notifications/looks-${index}`).set({
        title,
        body,
        listId,
        todoId: 'unknown',
        read,
        createdAt: new Date(Date.now() - minutesAgo * 60_000),
      });
    }
    const panel = page.locator('#notifications-panel');
    await inEveryLook('notifications', async () => {
      if (!(await panel.isVisible()))
        await page.getByRole('button', { name: 'Notifications, 1 unread' }).click();
      await panel.getByText('4 minutes ago').waitFor(WAIT);
    });
    await page.keyboard.press('Escape');
    await panel.waitFor({ state: 'hidden', ...WAIT });
  });

  it('editing a to-do, and undoing its deletion', async () => {
    await inEveryLook('edit-todo', async (look) => {
      if ((await page.getByRole('dialog', { name: 'Edit to-do' }).count()) === 0)
        await page.getByRole('button', { name: 'Fix the garden gate', exact: true }).click();
      const dialog = page.getByRole('dialog', { name: 'Edit to-do' });
      await dialog.waitFor(WAIT);
      // Save and Cancel are on screen without scrolling, however long the dialog is.
      const save = await dialog.getByRole('button', { name: 'Save' }).boundingBox();
      expect(
        save && save.y + save.height,
        `Save below the fold at ${look.width}`,
      ).toBeLessThanOrEqual(look.height);
    });
    await page.getByRole('button', { name: 'Cancel' }).click();
    await page.getByRole('button', { name: 'Delete Book the campsite' }).click();
    await inEveryLook('undo-toast', async () => {
      // Pointing at the toast keeps it (as a person reaching for Undo would) through slow looks.
      await page.getByText('Deleted “Book the campsite”.').hover(WAIT);
    });
    await page.getByRole('button', { name: 'Undo' }).click();
    await page.getByRole('button', { name: 'Book the campsite', exact: true }).waitFor(WAIT);
  });

  it('sharing: the Share dialog, and a viewer’s read-only to-do', async () => {
    await page.getByRole('button', { name: 'Share' }).click();
    await inEveryLook('share-dialog', async () => {
      await quinnShownIn('Share list');
      // On a phone the role menu once covered the member's name.
      expect(await overlap('.member__name >> text=Quinn', '.member__select')).toBe(false);
    });
    await page.getByRole('button', { name: 'Close' }).click();
    await wear(page, LOOKS[0]);
    await page.getByRole('link', { name: /Family chores/ }).click();
    await inEveryLook('viewer-todo', async () => {
      if ((await page.getByRole('dialog', { name: 'To-do' }).count()) === 0)
        await page.getByRole('button', { name: 'Water the plants', exact: true }).click();
      await page.getByRole('dialog', { name: 'To-do' }).waitFor(WAIT);
    });
    await page
      .getByRole('dialog', { name: 'To-do' })
      .getByRole('button', { name: 'Close' })
      .first()
      .click();
    await page.getByRole('button', { name: 'Members' }).click();
    await inEveryLook('members-dialog', () => quinnShownIn('Members'));
    await page.getByRole('button', { name: 'Close' }).first().click();
  });

  it('deleting a list with a title of the longest allowed length', async () => {
    await wear(page, LOOKS[0]);
    await page.goto(listUrl);
    // 100 characters with no space to break at: the longest title the list accepts.
    const title = 'Kitchen-renovation-'.repeat(6).slice(0, 100);
    await createList(page, title);
    await page.getByRole('button', { name: 'Delete', exact: true }).click();
    await inEveryLook('delete-list', async () => {
      await page.getByRole('dialog', { name: 'Delete list?' }).waitFor(WAIT);
      expect(await fitsInside('.confirm__message'), 'the title runs out of the dialog').toBe(true);
      expect(await fitsInside('dialog[open]'), 'the dialog scrolls sideways').toBe(true);
    });
    await page.getByRole('button', { name: 'Cancel' }).click();
    await inEveryLook('list-long-title', async () => {
      await page.getByRole('heading', { level: 1, name: title }).waitFor(WAIT);
      expect(await fitsInside('main'), 'the list page scrolls sideways').toBe(true);
    });
  });

  it('settings, where the appearance is chosen for this device', async () => {
    await page.goto(listUrl);
    await page.getByRole('link', { name: 'Settings' }).click();
    await inEveryLook('settings', async () => {
      await page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor(WAIT);
    });
    await wear(page, LOOKS[0]);
    await page.getByLabel('Dark').check();
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor(WAIT);
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    // The system is light (emulated): the page is dark because of the choice alone.
    const background = await page.evaluate(
      () => getComputedStyle(document.documentElement).backgroundColor,
    );
    expect(background).toBe('rgb(22, 18, 16)');
    await screenshot(page, 'settings-dark-chosen');
    await page.getByLabel('Same as this device').check();
  });
});
