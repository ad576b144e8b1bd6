import { describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { pngBomb } from '../testing/pngBomb.js';
import { MAX_PIXELS, REASONS, THUMBNAIL_SIZE, inspectImage } from './inspect.js';

const solid = (width: number, height: number) =>
  sharp({ create: { width, height, channels: 3, background: { r: 200, g: 80, b: 40 } } });

async function accepted(bytes: Buffer) {
  const verdict = await inspectImage(bytes);
  if (!verdict.accepted) throw new Error(`refused: ${verdict.reason}`);
  return verdict;
}

describe('inspectImage', () => {
  it('accepts a JPEG, applies its EXIF orientation and reads the date taken', async () => {
    const jpeg = await solid(640, 480)
      .jpeg()
      .withMetadata({ orientation: 6 })
      .withExif({ IFD2: { DateTimeOriginal: '2024:05:06 07:08:09' } })
      .toBuffer();
    const image = await accepted(jpeg);
    expect(image).toMatchObject({ format: 'jpeg', width: 480, height: 640, size: jpeg.length });
    expect(image.takenAt?.toISOString()).toBe('2024-05-06T07:08:09.000Z');
    const thumb = await sharp(image.thumbnail).metadata();
    expect(thumb).toMatchObject({ format: 'webp', width: 240, height: THUMBNAIL_SIZE });
    expect(thumb.exif).toBeUndefined();
    expect(thumb.orientation).toBeUndefined();
  });

  it('accepts a PNG with alpha and keeps small images at their size', async () => {
    const png = await sharp({
      create: { width: 100, height: 50, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0.5 } },
    })
      .png()
      .toBuffer();
    const image = await accepted(png);
    expect(image).toMatchObject({ format: 'png', width: 100, height: 50, takenAt: null });
    const thumb = await sharp(image.thumbnail).metadata();
    expect(thumb).toMatchObject({ width: 100, height: 50, hasAlpha: true });
  });

  it.each(['webp', 'avif', 'gif'] as const)('accepts %s', async (format) => {
    const bytes = await solid(400, 300).toFormat(format).toBuffer();
    expect(await accepted(bytes)).toMatchObject({ format, width: 400, height: 300 });
  });

  it('refuses text that claims to be a JPEG', async () => {
    expect(await inspectImage(Buffer.from('not a photo at all, just text\n'))).toEqual({
      accepted: false,
      reason: REASONS.notAnImage,
    });
  });

  it('refuses an image format Hearth does not take (TIFF)', async () => {
    const tiff = await solid(10, 10).tiff().toBuffer();
    expect(await inspectImage(tiff)).toEqual({ accepted: false, reason: REASONS.notAnImage });
  });

  it('refuses a decompression bomb from its header, before decoding it', async () => {
    const bomb = pngBomb(20000, 20000);
    expect(bomb.length).toBeLessThan(100_000);
    expect(20000 * 20000).toBeGreaterThan(MAX_PIXELS);
    expect(await inspectImage(bomb)).toEqual({
      accepted: false,
      reason: REASONS.tooManyPixels(20000, 20000),
    });
  });

  it('refuses a truncated JPEG as damaged', async () => {
    const jpeg = await solid(800, 600).jpeg().toBuffer();
    expect(await inspectImage(jpeg.subarray(0, Math.floor(jpeg.length / 2)))).toEqual({
      accepted: false,
      reason: REASONS.damaged,
    });
  });

  it('refuses files over 10 MB without reading them', async () => {
    expect(await inspectImage(Buffer.alloc(10 * 1024 * 1024 + 1))).toEqual({
      accepted: false,
      reason: REASONS.tooLarge,
    });
  });
});
