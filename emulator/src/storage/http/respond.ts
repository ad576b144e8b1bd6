/**
 * Writing responses, and the one place where typed errors become HTTP. Both APIs answer errors in
 * Google's JSON error shape: { error: { code, message, errors: [{ message, domain, reason }] } }.
 */
import type { ServerResponse } from 'node:http';
import { RangeNotSatisfiableError, StorageError } from '../errors.js';

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...headers,
    'Content-Type': 'application/json; charset=UTF-8',
    'Content-Length': Buffer.byteLength(text),
  });
  res.end(text);
}

export function sendEmpty(
  res: ServerResponse,
  status: number,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { ...headers, 'Content-Length': '0' });
  res.end();
}

/** Maps any thrown value to a response; unexpected errors become 500 and are logged, never rethrown. */
export function sendError(res: ServerResponse, error: unknown, log: (line: string) => void): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  if (!(error instanceof StorageError)) {
    log(
      `storage: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
    sendJson(res, 500, { error: { code: 500, message: 'Internal error.', errors: [] } });
    return;
  }
  if (error.status === 304) {
    sendEmpty(res, 304);
    return;
  }
  const headers: Record<string, string> =
    error instanceof RangeNotSatisfiableError ? { 'Content-Range': `bytes */${error.size}` } : {};
  sendJson(
    res,
    error.status,
    {
      error: {
        code: error.status,
        message: error.message,
        errors: [{ message: error.message, domain: 'global', reason: error.reason }],
      },
    },
    headers,
  );
}
