/**
 * Streaming reader for `multipart/related` uploads: a JSON metadata part followed by the media
 * part. The metadata is buffered (it is small and capped); the media is handed out chunk by chunk
 * as it arrives, so a 100 MB upload never sits in memory. A body that ends before the closing
 * boundary is rejected, and the caller discards what was staged.
 */
import { BadRequestError } from '../errors.js';
import { decodeUtf8 } from './body.js';

const HEADER_LIMIT = 64 * 1024;
const METADATA_LIMIT = 4 * 1024 * 1024;

export function boundaryOf(contentType: string | undefined): string {
  const match = /^multipart\/related\s*;(?:.*;)?\s*boundary=(?:"([^"]+)"|([^\s;]+))/i.exec(
    contentType ?? '',
  );
  const boundary = match?.[1] ?? match?.[2];
  if (!boundary) throw new BadRequestError('Expected a multipart/related body with a boundary.');
  return boundary;
}

export interface MultipartUpload {
  /** The parsed JSON of the first part (undefined when empty). */
  metadata: unknown;
  /** Content-Type of the media part, if it had one. */
  mediaContentType: string | undefined;
  /** The media bytes, streamed; throws BadRequestError if the body is truncated or malformed. */
  media: AsyncIterable<Uint8Array>;
}

export async function readMultipart(
  body: AsyncIterable<Uint8Array>,
  boundary: string,
): Promise<MultipartUpload> {
  const reader = new ChunkReader(body[Symbol.asyncIterator]());
  const delimiter = Buffer.from(`--${boundary}`);
  const partDelimiter = Buffer.from(`\r\n--${boundary}`);

  // Preamble up to the first boundary line, which may or may not start with CRLF.
  await reader.skipPast(delimiter, HEADER_LIMIT);
  await reader.expectLineEnd();
  const metadataHeaders = parseHeaders(
    await reader.readUntil(Buffer.from('\r\n\r\n'), HEADER_LIMIT),
  );
  const metadataText = decodeUtf8(
    await reader.readUntil(partDelimiter, METADATA_LIMIT),
    'The metadata part of the multipart upload',
  );
  await reader.expectLineEnd();
  const mediaHeaders = parseHeaders(await reader.readUntil(Buffer.from('\r\n\r\n'), HEADER_LIMIT));

  let metadata: unknown;
  if (metadataText.trim() !== '') {
    if (!/json/i.test(metadataHeaders['content-type'] ?? 'application/json')) {
      throw new BadRequestError('The first part of a multipart upload must be JSON metadata.');
    }
    try {
      metadata = JSON.parse(metadataText) as unknown;
    } catch {
      throw new BadRequestError('The metadata part of the multipart upload is not valid JSON.');
    }
  }

  async function* media(): AsyncGenerator<Uint8Array> {
    yield* reader.streamUntil(partDelimiter);
    // After the media part only the closing `--` may follow.
    const closing = await reader.take(2);
    if (closing.toString() !== '--')
      throw new BadRequestError('Multipart upload has more than two parts.');
  }

  return { metadata, mediaContentType: mediaHeaders['content-type'], media: media() };
}

function parseHeaders(block: Buffer): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const line of block.toString('latin1').split('\r\n')) {
    if (line === '') continue;
    const colon = line.indexOf(':');
    if (colon <= 0)
      throw new BadRequestError(`Malformed multipart header line: ${JSON.stringify(line)}`);
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return headers;
}

/** A pull-based buffer over an async chunk source. */
class ChunkReader {
  private buffer: Buffer = Buffer.alloc(0);
  private ended = false;

  constructor(private readonly source: AsyncIterator<Uint8Array>) {}

  private async pull(): Promise<boolean> {
    if (this.ended) return false;
    const next = await this.source.next();
    if (next.done) {
      this.ended = true;
      return false;
    }
    const chunk = Buffer.from(next.value.buffer, next.value.byteOffset, next.value.byteLength);
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
    return true;
  }

  private truncated(): never {
    throw new BadRequestError('Multipart body ended before its closing boundary.');
  }

  async take(count: number): Promise<Buffer> {
    while (this.buffer.length < count) if (!(await this.pull())) this.truncated();
    const out = this.buffer.subarray(0, count);
    this.buffer = this.buffer.subarray(count);
    return out;
  }

  async expectLineEnd(): Promise<void> {
    const bytes = await this.take(2);
    if (bytes.toString() !== '\r\n')
      throw new BadRequestError('Malformed multipart boundary line.');
  }

  async skipPast(marker: Buffer, limit: number): Promise<void> {
    await this.readUntil(marker, limit);
  }

  /** Returns the bytes before `marker` and consumes the marker. */
  async readUntil(marker: Buffer, limit: number): Promise<Buffer> {
    for (;;) {
      const at = this.buffer.indexOf(marker);
      if (at >= 0) {
        const out = Buffer.from(this.buffer.subarray(0, at));
        this.buffer = this.buffer.subarray(at + marker.length);
        return out;
      }
      if (this.buffer.length > limit)
        throw new BadRequestError('Multipart part exceeds its size limit.');
      if (!(await this.pull())) this.truncated();
    }
  }

  /** Yields the bytes before `marker` as they arrive, keeping back a tail that could start it. */
  async *streamUntil(marker: Buffer): AsyncGenerator<Uint8Array> {
    for (;;) {
      const at = this.buffer.indexOf(marker);
      if (at >= 0) {
        if (at > 0) yield this.buffer.subarray(0, at);
        this.buffer = this.buffer.subarray(at + marker.length);
        return;
      }
      const safe = this.buffer.length - (marker.length - 1);
      if (safe > 0) {
        const out = this.buffer.subarray(0, safe);
        this.buffer = this.buffer.subarray(safe);
        yield out;
      }
      if (!(await this.pull())) this.truncated();
    }
  }
}
