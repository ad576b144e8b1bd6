/**
 * Streams an object's bytes with the headers GCS sends (hashes, generations, stored encoding), and
 * honours a single `Range: bytes=` range with 206, or 416 when it cannot be satisfied.
 * Objects stored gzip-encoded are decompressed for clients that do not accept gzip, as GCS does.
 */
import { createReadStream } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import { RangeNotSatisfiableError } from '../errors.js';
import { etagOf, type StoredObject } from '../store/object.js';

export interface ByteRange {
  start: number;
  end: number;
}

/** Parses a Range header against `size`; undefined means "the whole object". */
export function parseRange(header: string | undefined, size: number): ByteRange | undefined {
  // An empty object has no byte to range over; GCS sends it whole.
  if (!header || size === 0) return undefined;
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  // Multiple ranges and other units are not supported by GCS either: the whole object is sent.
  if (!match) return undefined;
  const [, from = '', to = ''] = match;
  if (from === '' && to === '') return undefined;
  if (from === '') {
    const suffix = Number(to);
    if (suffix === 0) throw new RangeNotSatisfiableError(size);
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(from);
  const end = to === '' ? size - 1 : Math.min(Number(to), size - 1);
  if (start >= size || end < start) throw new RangeNotSatisfiableError(size);
  return { start, end };
}

function acceptsGzip(header: string | undefined): boolean {
  return (header ?? '').split(',').some((part) => {
    const [coding = '', ...params] = part.trim().toLowerCase().split(';');
    return (
      (coding === 'gzip' || coding === '*') &&
      !params.some((param) => /^\s*q=0(\.0*)?\s*$/.test(param))
    );
  });
}

export async function sendObjectBytes(
  req: IncomingMessage,
  res: ServerResponse,
  object: StoredObject,
  path: string,
): Promise<void> {
  // Decompressive transcoding: gzip-stored objects go out plain to clients that do not take gzip,
  // whole (a range of the compressed bytes would mean nothing to them) and without a length.
  const transcode =
    object.contentEncoding === 'gzip' && !acceptsGzip(req.headers['accept-encoding']);
  const range = transcode ? undefined : parseRange(req.headers.range, object.size);
  const headers: Record<string, string> = {
    'Content-Type': object.contentType,
    'Accept-Ranges': 'bytes',
    ETag: `"${etagOf(object)}"`,
    'Last-Modified': new Date(object.updated).toUTCString(),
    'X-Goog-Generation': object.generation,
    'X-Goog-Metageneration': String(object.metageneration),
    'X-Goog-Storage-Class': object.storageClass,
    'X-Goog-Hash': `crc32c=${object.crc32c},md5=${object.md5Hash}`,
    'X-Goog-Stored-Content-Length': String(object.size),
    'X-Goog-Stored-Content-Encoding': object.contentEncoding ?? 'identity',
  };
  if (object.contentDisposition) headers['Content-Disposition'] = object.contentDisposition;
  if (object.contentEncoding && !transcode) headers['Content-Encoding'] = object.contentEncoding;
  if (object.contentLanguage) headers['Content-Language'] = object.contentLanguage;
  if (object.cacheControl) headers['Cache-Control'] = object.cacheControl;
  if (range) {
    headers['Content-Range'] = `bytes ${range.start}-${range.end}/${object.size}`;
    headers['Content-Length'] = String(range.end - range.start + 1);
    res.writeHead(206, headers);
  } else {
    if (!transcode) headers['Content-Length'] = String(object.size);
    res.writeHead(200, headers);
  }
  if (req.method === 'HEAD' || object.size === 0) {
    res.end();
    return;
  }
  if (transcode) {
    await pipeline(createReadStream(path), createGunzip(), res);
    return;
  }
  await pipeline(createReadStream(path, range ?? {}), res);
}
