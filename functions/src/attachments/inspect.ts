/**
 * Reads what an uploaded file really is, never trusting its name or declared content type, and
 * makes the thumbnail. Pure: bytes in, a verdict out.
 */
import sharp, { type Metadata } from 'sharp';
import exifReader from 'exif-reader';
import { LIMITS } from '../model/index.js';

/** Longest side of a thumbnail, in pixels. */
export const THUMBNAIL_SIZE = 320;
/**
 * Decoded images above this many pixels are refused: a 12-megapixel camera photo is fine, a
 * 20000×20000 "decompression bomb" (tiny on disk, 1.6 GB in memory) is not.
 */
export const MAX_PIXELS = 50_000_000;

const FORMATS = { jpeg: 'jpeg', png: 'png', webp: 'webp', gif: 'gif', heif: 'avif' } as const;
export type ImageFormat = (typeof FORMATS)[keyof typeof FORMATS];

export interface AcceptedImage {
  accepted: true;
  format: ImageFormat;
  /** As a person sees it: EXIF orientation applied. */
  width: number;
  height: number;
  size: number;
  takenAt: Date | null;
  thumbnail: Buffer;
}

export interface RefusedImage {
  accepted: false;
  reason: string;
}

export type ImageVerdict = AcceptedImage | RefusedImage;

const refuse = (reason: string): RefusedImage => ({ accepted: false, reason });

export const REASONS = {
  tooLarge: `The photo is larger than ${LIMITS.attachmentBytes / 1024 / 1024} MB.`,
  notAnImage: 'This file is not a photo Hearth can read. Use a JPEG, PNG, WebP, AVIF or GIF image.',
  tooManyPixels: (width: number, height: number) =>
    `The image is too large to process (${width}×${height} pixels; the limit is ${MAX_PIXELS / 1_000_000} megapixels).`,
  damaged: 'The photo is damaged or incomplete, so it could not be read. Try uploading it again.',
};

function formatOf(metadata: Metadata): ImageFormat | undefined {
  const format = FORMATS[metadata.format as keyof typeof FORMATS];
  // HEIF containers hold HEIC photos too; only AV1-compressed ones are AVIF.
  if (format === 'avif' && metadata.compression !== 'av1') return undefined;
  return format;
}

/** EXIF DateTimeOriginal (or DateTime), which cameras record in local time without a zone. */
function dateTaken(exif: Buffer | undefined): Date | null {
  if (!exif) return null;
  try {
    const tags = exifReader(exif);
    const date = tags.Photo?.DateTimeOriginal ?? tags.Image?.DateTime;
    return date instanceof Date && !Number.isNaN(date.getTime()) ? date : null;
  } catch {
    return null;
  }
}

export async function inspectImage(bytes: Buffer): Promise<ImageVerdict> {
  if (bytes.length > LIMITS.attachmentBytes) return refuse(REASONS.tooLarge);
  let metadata: Metadata;
  try {
    // The header alone: sharp's own pixel limit would make a bomb look like a damaged file.
    metadata = await sharp(bytes, { limitInputPixels: false }).metadata();
  } catch (error) {
    return refuse(
      /unsupported image format/i.test((error as Error).message)
        ? REASONS.notAnImage
        : REASONS.damaged,
    );
  }
  const format = formatOf(metadata);
  if (!format) return refuse(REASONS.notAnImage);
  const { width = 0, height = 0 } = metadata;
  if (width * height > MAX_PIXELS) return refuse(REASONS.tooManyPixels(width, height));

  let thumbnail: Buffer;
  try {
    thumbnail = await sharp(bytes, { limitInputPixels: MAX_PIXELS, failOn: 'truncated' })
      .rotate()
      .resize({
        width: THUMBNAIL_SIZE,
        height: THUMBNAIL_SIZE,
        fit: 'inside',
        withoutEnlargement: true,
      })
      .webp({ quality: 80 })
      .toBuffer();
  } catch {
    return refuse(REASONS.damaged);
  }
  // Orientations 5-8 turn the picture a quarter: the person sees it with sides swapped.
  const swapped = (metadata.orientation ?? 1) >= 5;
  return {
    accepted: true,
    format,
    width: swapped ? height : width,
    height: swapped ? width : height,
    size: bytes.length,
    takenAt: dateTaken(metadata.exif),
    thumbnail,
  };
}
