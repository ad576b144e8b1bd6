import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';

const dir = fileURLToPath(new URL('../../../test-results/screenshots/', import.meta.url));

/**
 * Saves the viewport (not the full page: a modal's backdrop covers only the viewport) as
 * test-results/screenshots/<name>.png.
 */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}
