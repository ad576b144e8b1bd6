/**
 * CORS for the browser wires (REST and WebChannel). The web SDK sends credentialed XHRs from the
 * app's origin with its own headers (X-Goog-Api-Client, google-cloud-resource-prefix, …), so the
 * origin is echoed rather than `*`, and a preflight allows whatever headers it asks for.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

/** Response headers the web SDK reads across origins. */
const EXPOSED_HEADERS = 'X-HTTP-Session-Id, X-HTTP-Initial-Response, X-Client-Wire-Protocol';

export function setCorsHeaders(req: IncomingMessage, res: ServerResponse): void {
  const origin = req.headers.origin;
  if (origin === undefined) return;
  res.setHeader('Access-Control-Allow-Origin', origin);
  res.setHeader('Access-Control-Allow-Credentials', 'true');
  res.setHeader('Access-Control-Expose-Headers', EXPOSED_HEADERS);
  res.setHeader('Vary', 'Origin');
}

/** Answers a preflight; returns false when `req` is not one. */
export function answerPreflight(req: IncomingMessage, res: ServerResponse): boolean {
  if (req.method !== 'OPTIONS') return false;
  setCorsHeaders(req, res);
  res.setHeader('Access-Control-Allow-Methods', 'GET, POST, PATCH, PUT, DELETE, OPTIONS');
  const requested = req.headers['access-control-request-headers'];
  if (requested !== undefined) res.setHeader('Access-Control-Allow-Headers', requested);
  res.setHeader('Access-Control-Max-Age', '3600');
  res.writeHead(204).end();
  return true;
}
