/**
 * The HTTP/1.1 side of the Firestore port: a table of routes (method + path pattern). Errors thrown
 * by handlers are mapped to Google's JSON error format in one place.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Code, invalidArgument, toFirestoreError } from '../../../model/errors.js';
import { answerPreflight, setCorsHeaders } from './cors.js';

export interface Route {
  method: string;
  /** Matched against the URL path (without query string); capture groups become `params`. */
  path: RegExp;
  handle(req: IncomingMessage, res: ServerResponse, params: string[]): Promise<void> | void;
}

const HTTP_STATUS: Record<number, [number, string]> = {
  [Code.INVALID_ARGUMENT]: [400, 'INVALID_ARGUMENT'],
  [Code.NOT_FOUND]: [404, 'NOT_FOUND'],
  [Code.ALREADY_EXISTS]: [409, 'ALREADY_EXISTS'],
  [Code.PERMISSION_DENIED]: [403, 'PERMISSION_DENIED'],
  [Code.FAILED_PRECONDITION]: [400, 'FAILED_PRECONDITION'],
  [Code.ABORTED]: [409, 'ABORTED'],
  [Code.UNAUTHENTICATED]: [401, 'UNAUTHENTICATED'],
  [Code.UNIMPLEMENTED]: [501, 'UNIMPLEMENTED'],
  [Code.RESOURCE_EXHAUSTED]: [429, 'RESOURCE_EXHAUSTED'],
};

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res
    .writeHead(status, { 'Content-Type': 'application/json; charset=utf-8' })
    .end(JSON.stringify(body));
}

export function sendError(res: ServerResponse, error: unknown): void {
  const e = toFirestoreError(error);
  const [status, name] = HTTP_STATUS[e.code] ?? [500, 'INTERNAL'];
  if (res.headersSent) {
    res.destroy();
    return;
  }
  sendJson(res, status, { error: { code: status, message: e.message, status: name } });
}

const MAX_BODY_BYTES = 64 * 1024 * 1024;

export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES)
      throw invalidArgument(`Request body exceeds ${MAX_BODY_BYTES} bytes.`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** What is read of a refused body after the answer, at most, and for how long. */
const UNREAD_DRAIN_BYTES = 16 * 1024 * 1024;
const UNREAD_LINGER_MS = 1000;

/**
 * For an answer given before the request's body was read (a refusal). A client still sending
 * reads no answer until its body is out, and one whose connection is cut under it never reads the
 * answer: so after answering, the rest of the body is read and dropped, which also keeps the
 * connection usable, but only up to a budget and for a moment. A body that is longer still has
 * its connection closed: a refusal never costs a body's whole length.
 */
export function closeUnread(req: IncomingMessage, res: ServerResponse): void {
  res.once('finish', () => {
    let drained = 0;
    req.on('data', (chunk: Buffer) => {
      drained += chunk.length;
      if (drained > UNREAD_DRAIN_BYTES) req.socket.destroy();
    });
    req.resume();
    setTimeout(() => {
      if (!req.complete) req.socket.destroy();
    }, UNREAD_LINGER_MS).unref();
  });
}

export function createRouter(routes: Route[]): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    if (answerPreflight(req, res)) return;
    setCorsHeaders(req, res);
    const rawPath = (req.url ?? '/').split('?')[0] as string;
    const path = decodeURIComponentOrNull(rawPath);
    if (path === null) {
      sendError(res, invalidArgument(`Invalid URL path ${rawPath}: it is not UTF-8 once decoded.`));
      return;
    }
    for (const route of routes) {
      if (route.method !== req.method) continue;
      const match = route.path.exec(path);
      if (!match) continue;
      Promise.resolve()
        .then(() => route.handle(req, res, match.slice(1)))
        .catch((error: unknown) => sendError(res, error));
      return;
    }
    sendJson(res, 404, {
      error: { code: 404, message: `No route for ${req.method} ${path}`, status: 'NOT_FOUND' },
    });
  };
}

function decodeURIComponentOrNull(text: string): string | null {
  try {
    return decodeURIComponent(text);
  } catch {
    return null;
  }
}

/**
 * The query string's parameters, refusing percent-escapes that do not decode to UTF-8 (which
 * URLSearchParams would quietly turn into U+FFFD, naming another document than the one sent).
 */
export function searchParams(req: IncomingMessage): URLSearchParams {
  const query = (req.url ?? '').split('?')[1] ?? '';
  for (const part of query.split('&')) {
    if (decodeURIComponentOrNull(part.replace(/\+/g, ' ')) === null)
      throw invalidArgument(`Invalid query parameter ${part}: it is not UTF-8 once decoded.`);
  }
  return new URLSearchParams(query);
}
