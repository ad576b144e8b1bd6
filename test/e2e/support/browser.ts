import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterEach } from 'vitest';
import { launchChromium, type Browser } from '../../../emulator/test/browser/chromium.js';

export type BrowserSession = Browser;

const failuresDir = fileURLToPath(new URL('../../../test-results/e2e-failures/', import.meta.url));
const MAX_LINES = 400;

/** What each open page printed and which of its requests failed, newest last. */
const journals = new Map<Page, string[]>();

function record(page: Page): void {
  const lines: string[] = [];
  journals.set(page, lines);
  const add = (line: string) => {
    lines.push(`${new Date().toISOString()} ${line}`);
    if (lines.length > MAX_LINES) lines.shift();
  };
  page.on('console', (message) => add(`console.${message.type()}: ${message.text()}`));
  page.on('pageerror', (error) => add(`page error: ${error.message}`));
  page.on('requestfailed', (request) =>
    add(`request failed: ${request.method()} ${request.url()} ${request.failure()?.errorText}`),
  );
  page.on('response', (response) => {
    if (response.status() >= 400)
      add(`HTTP ${response.status()}: ${response.request().method()} ${response.url()}`);
  });
  page.on('close', () => journals.delete(page));
}

/**
 * A failed journey leaves, for each open page, a screenshot, its URL and what it logged under
 * test-results/e2e-failures/, so a timeout in CI says what the page was showing and waiting on.
 */
afterEach(async (context) => {
  if (context.task.result?.state !== 'fail') return;
  mkdirSync(failuresDir, { recursive: true });
  const base = context.task.name.replace(/[^a-z0-9]+/gi, '-').slice(0, 60);
  let index = 0;
  for (const [page, lines] of journals) {
    const name = path.join(failuresDir, `${base}-${index++}`);
    await page.screenshot({ path: `${name}.png`, timeout: 10_000 }).catch(() => undefined);
    const text = [`url: ${page.url()}`, ...lines].join('\n');
    writeFileSync(`${name}.log`, `${text}\n`);
    // CI keeps only the console: the page's last words go there too.
    const visible = await page
      .locator('body')
      .innerText({ timeout: 5_000 })
      .catch(() => '(unreadable)');
    console.error(
      [
        `e2e failure evidence: ${path.relative(process.cwd(), name)}.{png,log}`,
        `url: ${page.url()}`,
        `page text: ${visible.replace(/\s+/g, ' ').slice(0, 600)}`,
        ...lines.slice(-30),
      ].join('\n'),
    );
  }
});

/** Headless Chromium with a fresh profile, so no state leaks between runs or users. */
export async function openBrowser(): Promise<BrowserSession> {
  const browser = await launchChromium({ viewport: { width: 1280, height: 800 } });
  browser.context.on('page', record);
  return browser;
}

/** Puts `page`'s clock in `timeZone` (an IANA zone) through the DevTools protocol. */
export async function setTimeZone(page: Page, timeZone: string): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setTimezoneOverride', { timezoneId: timeZone });
}
