/** One HTTP request as the API adapters see it: the raw streams plus a parsed URL and path. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { BadRequestError } from '../errors.js';

export interface Exchange {
  req: IncomingMessage;
  res: ServerResponse;
  method: string;
  url: URL;
  /** Path segments, percent-decoded one by one (an encoded `/` stays inside its segment). */
  segments: string[];
  /** http://host:port as the client addressed us, for links in responses. */
  origin: string;
}

export function toExchange(
  req: IncomingMessage,
  res: ServerResponse,
  fallbackHost: string,
): Exchange {
  const host = req.headers.host ?? fallbackHost;
  let url: URL;
  try {
    url = new URL(req.url ?? '/', `http://${host}`);
  } catch {
    url = new URL(`http://${fallbackHost}/`);
  }
  const [raw = '/', query = ''] = (req.url ?? '/').split('?');
  // URL's own decoding turns escapes that are not UTF-8 into U+FFFD, which would name another
  // object than the one sent: they are refused instead, in the path and in the query.
  const segments = raw
    .split('/')
    .slice(1)
    .map((segment) => strictlyDecoded(segment, 'path segment'));
  for (const parameter of query.split('&'))
    strictlyDecoded(parameter.replace(/\+/g, ' '), 'query parameter');
  return { req, res, method: req.method ?? 'GET', url, segments, origin: `http://${url.host}` };
}

/**
 * Splits `b/{bucket}/o[/{name...}]` at the start of `segments`. Object names arrive encoded in one
 * segment, but clients that leave `/` unencoded are accepted too.
 */
export function bucketAndObject(
  segments: string[],
): { bucket: string; name: string | undefined } | null {
  if (segments[0] !== 'b' || segments[1] === undefined || segments[1] === '') return null;
  if (segments.length === 2) return { bucket: segments[1], name: undefined };
  if (segments[2] !== 'o') return null;
  const tail = segments.slice(3);
  if (tail.length === 0 || (tail.length === 1 && tail[0] === ''))
    return { bucket: segments[1], name: undefined };
  return { bucket: segments[1], name: tail.join('/') };
}

export function header(ex: Exchange, name: string): string | undefined {
  const value = ex.req.headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}

function strictlyDecoded(text: string, what: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    throw new BadRequestError(
      `Invalid ${what} ${text.slice(0, 80)}: its percent-escapes do not decode to UTF-8.`,
    );
  }
}
