// Request bodies: JSON only, at most MAX_BODY_BYTES, every string well-formed Unicode (a lone
// surrogate would be silently replaced on its way into Firestore, so it is refused instead).
import { AppError } from '../shared/errors.js';
import { payloadTooLarge, unsupportedMediaType } from './errors.js';

export const MAX_BODY_BYTES = 64 * 1024;

const JSON_MEDIA_TYPE = /^application\/json\s*(;|$)/i;

/** In a `u` regex a surrogate matches only when unpaired. */
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;
const isWellFormed = (text: string) => !LONE_SURROGATE.test(text);

/**
 * The parsed JSON body. `contentLength` is the declared length, checked before the bytes are
 * looked at; an absent body is an empty object so that bodies with only defaults may be omitted.
 */
export function readJsonBody(
  raw: Buffer | undefined,
  contentType: string | undefined,
  contentLength: string | undefined,
): unknown {
  if (Number(contentLength) > MAX_BODY_BYTES || (raw?.length ?? 0) > MAX_BODY_BYTES) {
    throw payloadTooLarge(MAX_BODY_BYTES);
  }
  if (!contentType || !JSON_MEDIA_TYPE.test(contentType)) throw unsupportedMediaType();
  const text = raw?.toString('utf8') ?? '';
  if (text.trim() === '') return {};
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new AppError('invalid-argument', 'The body is not valid JSON.');
  }
  assertWellFormed(body);
  return body;
}

/** Walks the value without recursion (a 64 KiB body can nest deeper than the call stack). */
function assertWellFormed(root: unknown): void {
  const pending: Array<{ value: unknown; path: string }> = [{ value: root, path: '' }];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const { value, path } = next;
    if (typeof value === 'string' && !isWellFormed(value)) {
      throw new AppError('invalid-argument', `${path || 'body'}: The text is not valid Unicode.`);
    }
    if (value === null || typeof value !== 'object') continue;
    for (const [key, inner] of Object.entries(value)) {
      const innerPath = path ? `${path}.${key}` : key;
      if (!isWellFormed(key)) {
        throw new AppError(
          'invalid-argument',
          `${path || 'body'}: A field name is not valid Unicode.`,
        );
      }
      pending.push({ value: inner, path: innerPath });
    }
  }
}
