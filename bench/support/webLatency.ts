/**
 * Latencies a person of the web app feels, measured in Chromium against a production build on
 * the running emulators: a to-do added in one browser appearing in another's page, and a photo's
 * thumbnail appearing after its upload has finished.
 */
import sharp from 'sharp';
import type { Page } from 'playwright-core';

const WAIT = { timeout: 60_000 };

export interface Percentiles {
  p50: number;
  p99: number;
}

const percentile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number;

export function percentiles(samples: number[]): Percentiles {
  const sorted = [...samples].sort((a, b) => a - b);
  return { p50: percentile(sorted, 0.5), p99: percentile(sorted, 0.99) };
}

/**
 * The writer submits the composer form with a new title; the reader's MutationObserver stamps the
 * moment that title first appears. Both stamps are wall-clock (timeOrigin + now), one machine.
 */
export async function writeToOtherScreen(
  writer: Page,
  reader: Page,
  runs: { warmup: number; samples: number },
): Promise<Percentiles> {
  await reader.evaluate(() => {
    const seen: Record<string, number> = {};
    (window as unknown as { seen: typeof seen }).seen = seen;
    new MutationObserver(() => {
      const at = performance.timeOrigin + performance.now();
      document.querySelectorAll('.todo__title').forEach((el) => {
        const text = el.textContent?.trim() ?? '';
        if (!(text in seen)) seen[text] = at;
      });
    }).observe(document.body, { childList: true, subtree: true, characterData: true });
  });
  const input = writer.getByLabel('New to-do');
  const samples: number[] = [];
  for (let n = 0; n < runs.warmup + runs.samples; n++) {
    const todo = `bench to-do ${n}`;
    await input.fill(todo);
    const sent = await writer.evaluate(() => {
      const at = performance.timeOrigin + performance.now();
      document.querySelector<HTMLFormElement>('form.composer')!.requestSubmit();
      return at;
    });
    const received = await reader.waitForFunction(
      (t) => (window as unknown as { seen: Record<string, number> }).seen[t],
      todo,
      { polling: 5, ...WAIT },
    );
    if (n >= runs.warmup) samples.push(((await received.jsonValue()) as number) - sent);
  }
  return percentiles(samples);
}

/** A photo as a phone takes one: 4000×3000 with some noise, about 3 MB of JPEG. */
async function photo(): Promise<Buffer> {
  return sharp({
    create: {
      width: 4000,
      height: 3000,
      channels: 3,
      background: { r: 90, g: 140, b: 200 },
      noise: { type: 'gaussian', mean: 128, sigma: 12 },
    },
  })
    .jpeg({ quality: 80 })
    .toBuffer();
}

/**
 * In the open to-do's editor, attaches photos one at a time and stamps, in the page, the moment
 * each upload's progress bar goes (the upload has finished) and the moment its thumbnail has
 * loaded; returns the differences.
 */
export async function uploadToThumbnail(
  page: Page,
  runs: { warmup: number; samples: number },
): Promise<Percentiles> {
  const bytes = await photo();
  // No named helpers inside: the bench runs through tsx, whose keepNames would wrap them in a
  // __name() call that the page does not have.
  await page.evaluate(() => {
    const stamps: Record<string, { uploaded?: number; shown?: number }> = {};
    (window as unknown as { stamps: typeof stamps }).stamps = stamps;
    const uploading = new Set<string>();
    new MutationObserver(() => {
      const bars = new Set(
        Array.from(document.querySelectorAll('.upload__name'), (label) =>
          (label.textContent ?? '').replace(/^Uploading /, '').trim(),
        ),
      );
      for (const name of bars) uploading.add(name);
      for (const name of [...uploading]) {
        if (bars.has(name)) continue;
        uploading.delete(name);
        (stamps[name] ??= {}).uploaded = performance.timeOrigin + performance.now();
      }
      document.querySelectorAll<HTMLImageElement>('img.attachment__thumb').forEach((image) => {
        const name = image.closest('.attachment')?.querySelector('.attachment__name')?.textContent;
        if (!name || stamps[name]?.shown !== undefined || image.dataset.watched) return;
        image.dataset.watched = 'yes';
        if (image.complete && image.naturalWidth > 0)
          (stamps[name] ??= {}).shown = performance.timeOrigin + performance.now();
        else
          image.addEventListener(
            'load',
            () => ((stamps[name] ??= {}).shown = performance.timeOrigin + performance.now()),
            { once: true },
          );
      });
    }).observe(document.body, { childList: true, subtree: true, attributes: true });
  });
  const samples: number[] = [];
  for (let n = 0; n < runs.warmup + runs.samples; n++) {
    const name = `bench-${n}.jpg`;
    await page
      .getByLabel('Add photos')
      .setInputFiles({ name, mimeType: 'image/jpeg', buffer: bytes });
    const handle = await page.waitForFunction(
      (file) => {
        const stamp = (
          window as unknown as { stamps: Record<string, { uploaded?: number; shown?: number }> }
        ).stamps[file];
        return stamp?.uploaded !== undefined && stamp.shown !== undefined
          ? stamp.shown - stamp.uploaded
          : null;
      },
      name,
      { polling: 10, ...WAIT },
    );
    if (n >= runs.warmup) samples.push((await handle.jsonValue()) as number);
  }
  return percentiles(samples);
}
