// One request through the API: request id, CORS, routing (404/405), sign-in, rate limit, the
// operation, and the mapping of whatever it threw to the one error shape; then one log line.
// It sees requests and responses as plain values, so it runs the same under any HTTP host.
import { authenticate, type TokenVerifier } from './auth.js';
import { readJsonBody } from './body.js';
import { corsHeaders, preflightHeaders } from './cors.js';
import { methodNotAllowed, routeNotFound, toApiError, tooManyRequests } from './errors.js';
import { API_BASE_PATH } from './openapi.js';
import type { Operation } from './operation.js';
import type { RateLimiter } from './rateLimiter.js';
import { requestIdOf } from './requestId.js';
import { Router } from './router.js';

export interface ApiRequest {
  method: string;
  /** Path and query as received, e.g. `/api/v1/lists?x=1` (Hosting) or `/v1/lists` (direct). */
  url: string;
  header(name: string): string | undefined;
  rawBody: Buffer | undefined;
  /** The client's address, the rate-limit key of callers who are not signed in. */
  ip: string | undefined;
}

export interface ApiResponse {
  status: number;
  headers: Record<string, string>;
  body?: unknown;
}

export interface RequestLog {
  requestId: string;
  method: string;
  path: string;
  status: number;
  latencyMs: number;
  uid: string | null;
  /** Set for 5xx: what went wrong, for us and never for the caller. */
  error?: unknown;
}

export interface ApiDependencies {
  operations: readonly Operation[];
  verifyToken: TokenVerifier;
  limiter: RateLimiter;
  corsOrigins: ReadonlySet<string>;
  log: (entry: RequestLog) => void;
  now?: () => number;
}

/** The path under /api/v1, whether the `/api` prefix was kept (Hosting) or not (direct call). */
export function apiPath(url: string): { path: string; query: URLSearchParams } | null {
  const queryStart = url.indexOf('?');
  const rawPath = queryStart === -1 ? url : url.slice(0, queryStart);
  const query = new URLSearchParams(queryStart === -1 ? '' : url.slice(queryStart + 1));
  const version = API_BASE_PATH.slice('/api'.length);
  for (const prefix of [API_BASE_PATH, version]) {
    if (rawPath === prefix) return { path: '/', query };
    if (rawPath.startsWith(`${prefix}/`)) return { path: rawPath.slice(prefix.length), query };
  }
  return null;
}

/** Query parameters as an object; a repeated name becomes an array, which schemas refuse. */
function queryObject(query: URLSearchParams): Record<string, string | string[]> {
  const object: Record<string, string | string[]> = {};
  for (const [name, value] of query) {
    const seen = object[name];
    object[name] = seen === undefined ? value : [...(Array.isArray(seen) ? seen : [seen]), value];
  }
  return object;
}

export function createApi(deps: ApiDependencies) {
  const now = deps.now ?? Date.now;
  const router = new Router<Operation>();
  for (const operation of deps.operations) router.add(operation.method, operation.path, operation);

  async function dispatch(
    request: ApiRequest,
    signIn: (uid: string) => void,
  ): Promise<ApiResponse> {
    const target = apiPath(request.url);
    if (!target) throw routeNotFound();
    const method = request.method.toUpperCase();
    const match = router.match(method, target.path);
    if (match.kind === 'not-found') throw routeNotFound();
    if (method === 'OPTIONS' && match.kind === 'method-not-allowed') {
      return {
        status: 204,
        headers: preflightHeaders(request.header('origin'), deps.corsOrigins, match.allow),
      };
    }
    if (match.kind === 'method-not-allowed') throw methodNotAllowed(match.allow);

    const operation = match.value;
    let uid: string | null = null;
    let authFailure: unknown;
    if (operation.signedIn) {
      try {
        uid = await authenticate(request.header('authorization'), deps.verifyToken);
        signIn(uid);
      } catch (error) {
        authFailure = error;
      }
    }
    // Failed sign-ins count against the address, so guessing tokens is rate limited too.
    const decision = deps.limiter.take(uid ? `uid:${uid}` : `ip:${request.ip ?? 'unknown'}`);
    if (!decision.allowed) throw tooManyRequests(decision.retryAfterSeconds);
    if (authFailure) throw authFailure;

    const result = await operation.run({
      uid,
      params: match.params,
      query: queryObject(target.query),
      readBody: () =>
        readJsonBody(
          request.rawBody,
          request.header('content-type'),
          request.header('content-length'),
        ),
    });
    const { status } = operation.success;
    return status === 204 ? { status, headers: {} } : { status, headers: {}, body: result };
  }

  return async function handle(request: ApiRequest): Promise<ApiResponse> {
    const started = now();
    const requestId = requestIdOf(request.header('x-request-id'));
    let uid: string | null = null;
    let response: ApiResponse;
    let internalError: unknown;
    try {
      response = await dispatch(request, (signedIn) => (uid = signedIn));
    } catch (error) {
      const apiError = toApiError(error);
      if (apiError.status >= 500) internalError = error;
      response = { status: apiError.status, headers: { ...apiError.headers }, body: apiError.body };
    }
    response.headers = {
      ...corsHeaders(request.header('origin'), deps.corsOrigins),
      ...response.headers,
      'X-Request-Id': requestId,
      'Cache-Control': 'no-store',
    };
    deps.log({
      requestId,
      method: request.method,
      path: request.url.split('?')[0] ?? request.url,
      status: response.status,
      latencyMs: now() - started,
      uid,
      ...(internalError === undefined ? {} : { error: internalError }),
    });
    return response;
  };
}

export type ApiHandler = ReturnType<typeof createApi>;
