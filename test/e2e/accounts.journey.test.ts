import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { newPerson, signUp, WAIT } from './support/app.js';
import { latestOobCode } from './support/authEmulator.js';
import { expectAccessible } from './support/axe.js';
import { closeStage, openStage } from './support/stage.js';
import type { WebApp } from './support/webApp.js';

/**
 * The account emails, through the Auth emulator's out-of-band codes and the app's own action
 * handler (/auth/action): verify the email address, then forget the password and reset it.
 */
const fay = newPerson('Fay');
const newPassword = 'battery-staple-9';

let app: WebApp;
let page: Page;
let usedVerificationCode = '';

beforeAll(async () => {
  [app, page] = await openStage();
  await signUp(page, app.url, fay);
});

afterAll(closeStage);

const actionUrl = (mode: string, code: string) =>
  new URL(`/auth/action?mode=${mode}&oobCode=${encodeURIComponent(code)}`, app.url).href;

describe('account emails', () => {
  it('asks a new account to verify its email, and stops asking once it is verified', async () => {
    const banner = page.getByRole('region', { name: 'Email verification' });
    await banner.waitFor(WAIT);
    usedVerificationCode = await latestOobCode(fay.email, 'VERIFY_EMAIL');
    await page.goto(actionUrl('verifyEmail', usedVerificationCode));
    await page.getByText('Your email address is verified. Thank you!').waitFor(WAIT);
    await page.getByRole('link', { name: 'Go to your lists' }).click();
    await page.getByRole('heading', { level: 1, name: 'Inbox' }).waitFor(WAIT);
    expect(await banner.count()).toBe(0);
  });

  it('resets a forgotten password with the emailed link', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { level: 1, name: 'Welcome back' }).waitFor(WAIT);
    await page.getByRole('link', { name: 'Forgot your password?' }).click();
    await page.getByRole('heading', { level: 1, name: 'Reset your password' }).waitFor(WAIT);
    await page.getByLabel('Email').fill(fay.email);
    await page.getByRole('button', { name: 'Send reset link' }).click();
    await page
      .getByText(`If an account uses ${fay.email}, a reset link is on its way.`)
      .waitFor(WAIT);
    await expectAccessible(page, '20-reset-requested');

    await page.goto(actionUrl('resetPassword', await latestOobCode(fay.email, 'PASSWORD_RESET')));
    await page.getByLabel('New password').fill(newPassword);
    await page.getByRole('button', { name: 'Save password' }).click();
    await page.getByText('Your password is changed.').waitFor(WAIT);

    await page.goto(new URL('/signin', app.url).href);
    await page.getByRole('heading', { level: 1, name: 'Welcome back' }).waitFor(WAIT);
    await page.getByLabel('Email').fill(fay.email);
    await page.getByLabel('Password').fill(fay.password);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByRole('alert').waitFor(WAIT);
    await page.getByLabel('Password').fill(newPassword);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Inbox' }).waitFor(WAIT);
  });

  it('explains a link that was already used', async () => {
    await page.goto(actionUrl('verifyEmail', usedVerificationCode));
    await page.getByRole('alert').waitFor(WAIT);
    expect(await page.getByRole('alert').innerText()).toBe(
      'This link is invalid or was already used. Ask for a new one.',
    );
  });
});
