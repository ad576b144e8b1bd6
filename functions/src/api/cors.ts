// CORS for the browser origins in API_CORS_ORIGINS (comma-separated). Everything else gets no
// CORS headers, so browsers elsewhere cannot read responses; non-browser callers are unaffected.

export const DEFAULT_CORS_ORIGINS = ['http://127.0.0.1:5173', 'http://localhost:5173'];

const ALLOWED_HEADERS = 'Authorization, Content-Type, X-Request-Id';
const EXPOSED_HEADERS = 'X-Request-Id, Retry-After, Allow';
const PREFLIGHT_MAX_AGE_SECONDS = '600';

export function corsOriginsFromEnv(env: NodeJS.ProcessEnv): ReadonlySet<string> {
  const configured = env.API_CORS_ORIGINS?.split(',')
    .map((origin) => origin.trim())
    .filter(Boolean);
  return new Set(configured?.length ? configured : DEFAULT_CORS_ORIGINS);
}

/** Headers for an actual (non-preflight) response. */
export function corsHeaders(
  origin: string | undefined,
  allowed: ReadonlySet<string>,
): Record<string, string> {
  const headers: Record<string, string> = { Vary: 'Origin' };
  if (origin && allowed.has(origin)) {
    headers['Access-Control-Allow-Origin'] = origin;
    headers['Access-Control-Expose-Headers'] = EXPOSED_HEADERS;
  }
  return headers;
}

/** Headers for a preflight (OPTIONS) response to a path that accepts `methods`. */
export function preflightHeaders(
  origin: string | undefined,
  allowed: ReadonlySet<string>,
  methods: readonly string[],
): Record<string, string> {
  const headers: Record<string, string> = {
    ...corsHeaders(origin, allowed),
    Allow: methods.join(', '),
  };
  if (headers['Access-Control-Allow-Origin']) {
    headers['Access-Control-Allow-Methods'] = methods.join(', ');
    headers['Access-Control-Allow-Headers'] = ALLOWED_HEADERS;
    headers['Access-Control-Max-Age'] = PREFLIGHT_MAX_AGE_SECONDS;
  }
  return headers;
}
