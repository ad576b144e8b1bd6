import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { seriousAccessibilityViolations } from './axe.js';
import { screenshot } from './screenshots.js';

/** The ways people see the app: a laptop (1280×800) and a phone (390×844), light and dark. */
export const LOOKS = [
  { width: 1280, height: 800, scheme: 'light' },
  { width: 1280, height: 800, scheme: 'dark' },
  { width: 390, height: 844, scheme: 'light' },
  { width: 390, height: 844, scheme: 'dark' },
] as const;
export type Look = (typeof LOOKS)[number];

/** Gives the page the look's size and colour scheme, without motion. */
export async function wear(page: Page, look: Look): Promise<void> {
  await page.setViewportSize({ width: look.width, height: look.height });
  await page.emulateMedia({ colorScheme: look.scheme, reducedMotion: 'reduce' });
}

/**
 * Shows the screen in each look (`show` brings it up, again after each change of size), then
 * photographs it as test-results/screenshots/<name>-<width>-<scheme>.png and checks it: axe finds
 * no serious or critical violation, `check` (when given) passes, and on a phone nothing is wider
 * than the screen. Ends in the last look, a phone in dark.
 */
export async function checkInEveryLook(
  page: Page,
  name: string,
  show: (look: Look) => Promise<void>,
  check?: (look: Look) => Promise<void>,
): Promise<void> {
  for (const look of LOOKS) {
    await wear(page, look);
    await show(look);
    await screenshot(page, `${name}-${look.width}-${look.scheme}`);
    expect(
      await seriousAccessibilityViolations(page),
      `${name} ${look.width} ${look.scheme}`,
    ).toEqual([]);
    await check?.(look);
    if (look.width < 600) {
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - window.innerWidth,
      );
      expect(overflow, `${name} is wider than a phone`).toBeLessThanOrEqual(0);
    }
  }
}
