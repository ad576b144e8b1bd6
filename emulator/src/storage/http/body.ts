/** Reading small request bodies (JSON metadata, rules) with a size cap; object data is never read here. */
import type { IncomingMessage } from 'node:http';
import { BadRequestError, PayloadTooLargeError } from '../errors.js';

const JSON_LIMIT = 16 * 1024 * 1024;

export async function readText(req: IncomingMessage, limit = JSON_LIMIT): Promise<string> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    total += chunk.length;
    if (total > limit) throw new PayloadTooLargeError(`Request body exceeds ${limit} bytes.`);
    chunks.push(chunk);
  }
  return decodeUtf8(Buffer.concat(chunks), 'The request body');
}

/** Text that must be UTF-8: bytes that are not are refused, never read as U+FFFD. */
export function decodeUtf8(bytes: Uint8Array, what: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new BadRequestError(`${what} is not valid UTF-8.`);
  }
}

/** An absent or empty body is `undefined`; anything else must be valid JSON. */
export async function readJson(req: IncomingMessage): Promise<unknown> {
  const text = await readText(req);
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new BadRequestError('Request body is not valid JSON.');
  }
}
