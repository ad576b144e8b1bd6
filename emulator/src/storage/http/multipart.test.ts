import { describe, expect, it } from 'vitest';
import { boundaryOf, readMultipart } from './multipart.js';

async function* chunks(body: string, size: number): AsyncGenerator<Uint8Array> {
  const bytes = Buffer.from(body);
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

async function collect(source: AsyncIterable<Uint8Array>): Promise<string> {
  const parts: Buffer[] = [];
  for await (const chunk of source) parts.push(Buffer.from(chunk));
  return Buffer.concat(parts).toString();
}

const body =
  '--XyZ\r\nContent-Type: application/json; charset=utf-8\r\n\r\n{"name":"a/b","metadata":{"k":"v"}}\r\n' +
  '--XyZ\r\nContent-Type: text/plain\r\n\r\nhello\r\n--Xy almost a boundary\r\n--XyZ--';

describe('readMultipart', () => {
  it('reads the metadata and streams the media, whatever the chunking', async () => {
    for (const size of [1, 3, 7, 64, 4096]) {
      const upload = await readMultipart(
        chunks(body, size),
        boundaryOf('multipart/related; boundary=XyZ'),
      );
      expect(upload.metadata).toEqual({ name: 'a/b', metadata: { k: 'v' } });
      expect(upload.mediaContentType).toBe('text/plain');
      expect(await collect(upload.media)).toBe('hello\r\n--Xy almost a boundary');
    }
  });
  it('rejects a body cut before the closing boundary', async () => {
    const upload = await readMultipart(chunks(body.slice(0, -12), 5), 'XyZ');
    await expect(collect(upload.media)).rejects.toThrow(/closing boundary/);
  });
  it('rejects a body cut inside the metadata', async () => {
    await expect(readMultipart(chunks(body.slice(0, 30), 5), 'XyZ')).rejects.toThrow(
      /closing boundary/,
    );
  });
  it('rejects a content type without a boundary', () => {
    expect(() => boundaryOf('application/json')).toThrow(/boundary/);
  });
});
