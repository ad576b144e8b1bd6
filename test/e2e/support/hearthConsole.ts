import type { Page } from 'playwright-core';

/** Where the stack serves the Hearth Console (emulators.ui.port; `npm test` and emulators:exec start it). */
export const consoleUrl = process.env.HEARTH_CONSOLE_URL ?? 'http://127.0.0.1:4000';

export async function openConsole(page: Page, path = '/'): Promise<void> {
  await page.goto(new URL(path, consoleUrl).href);
  await page.getByRole('link', { name: 'Hearth Console' }).waitFor();
}

/** Bytes the page's first load took over the wire (compressed bodies of the page and what it loaded). */
export function firstLoadBytes(page: Page): Promise<number> {
  return page.evaluate(() =>
    performance
      .getEntries()
      .filter((entry): entry is PerformanceResourceTiming => 'encodedBodySize' in entry)
      .filter((entry) => !entry.name.includes('/api/'))
      .reduce((sum, entry) => sum + entry.encodedBodySize, 0),
  );
}
