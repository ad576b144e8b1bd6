import { describe, expect, it } from 'vitest';
import { photoTypeOf } from './photoType';

const bytes = (...parts: Array<string | number[]>) =>
  new Uint8Array(
    parts.flatMap((part) =>
      typeof part === 'string' ? [...part].map((char) => char.charCodeAt(0)) : part,
    ),
  );

describe('photoTypeOf', () => {
  it('knows each photo type Hearth takes by its first bytes', () => {
    expect(photoTypeOf(bytes([0xff, 0xd8, 0xff, 0xe0], 'JFIF'))).toBe('image/jpeg');
    expect(photoTypeOf(bytes([0x89], 'PNG', [0x0d, 0x0a, 0x1a, 0x0a]))).toBe('image/png');
    expect(photoTypeOf(bytes('GIF89a'))).toBe('image/gif');
    expect(photoTypeOf(bytes('GIF87a'))).toBe('image/gif');
    expect(photoTypeOf(bytes('RIFF', [1, 2, 3, 4], 'WEBPVP8 '))).toBe('image/webp');
    expect(photoTypeOf(bytes([0, 0, 0, 0x1c], 'ftypavif', [0, 0, 0, 0], 'mif1'))).toBe(
      'image/avif',
    );
  });

  it('finds AVIF among the compatible brands of its ftyp box', () => {
    const head = bytes([0, 0, 0, 0x20], 'ftypmif1', [0, 0, 0, 0], 'mif1miafavifMA1B');
    expect(photoTypeOf(head)).toBe('image/avif');
  });

  it('refuses text, other files and an empty head, whatever they are called', () => {
    expect(photoTypeOf(bytes('Shopping list: milk, eggs'))).toBeNull();
    expect(photoTypeOf(bytes('%PDF-1.7'))).toBeNull();
    expect(photoTypeOf(bytes([0, 0, 0, 0x18], 'ftypmp42', [0, 0, 0, 0], 'isom'))).toBeNull();
    expect(photoTypeOf(new Uint8Array())).toBeNull();
  });
});
