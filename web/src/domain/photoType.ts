import type { AttachmentContentType } from '@model';

/** How many of a file's first bytes `photoTypeOf` needs to see. */
export const PHOTO_SIGNATURE_BYTES = 64;

const ascii = (bytes: Uint8Array, start: number, length: number) =>
  String.fromCharCode(...bytes.subarray(start, start + length));

const startsWith = (bytes: Uint8Array, signature: readonly number[]) =>
  signature.every((byte, index) => bytes[index] === byte);

/** The brands an ISO media file's leading `ftyp` box names (AVIF is one such file). */
function ftypBrands(bytes: Uint8Array): string[] {
  if (bytes.length < 16 || ascii(bytes, 4, 4) !== 'ftyp') return [];
  const boxSize = new DataView(bytes.buffer, bytes.byteOffset, 4).getUint32(0);
  const end = Math.min(boxSize, bytes.length);
  const brands = [ascii(bytes, 8, 4)];
  for (let offset = 16; offset + 4 <= end; offset += 4) brands.push(ascii(bytes, offset, 4));
  return brands;
}

/**
 * What a file's first bytes say it is, among the photo types Hearth takes; null for anything
 * else, whatever its name or the type the browser guessed from that name. The upload trigger
 * reads the whole file again; this lets the browser refuse a text file called .jpg at once.
 */
export function photoTypeOf(head: Uint8Array): AttachmentContentType | null {
  if (startsWith(head, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (ascii(head, 0, 6) === 'GIF87a' || ascii(head, 0, 6) === 'GIF89a') return 'image/gif';
  if (ascii(head, 0, 4) === 'RIFF' && ascii(head, 8, 4) === 'WEBP') return 'image/webp';
  if (ftypBrands(head).some((brand) => brand === 'avif' || brand === 'avis')) return 'image/avif';
  return null;
}
