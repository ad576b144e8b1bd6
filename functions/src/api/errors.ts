// The REST API's one error shape, `{ "error": { "code", "message" } }`, and the one place where
// what a layer threw becomes an HTTP status. Logic modules throw AppErrors (shared with the
// callables); HTTP-only conditions (405, 413, 415, 429) are ApiErrors raised by the edge itself.
import { AppError, type AppErrorCode } from '../shared/errors.js';

export const API_ERROR_CODES = [
  'invalid-argument',
  'unauthenticated',
  'permission-denied',
  'not-found',
  'method-not-allowed',
  'already-exists',
  'failed-precondition',
  'payload-too-large',
  'unsupported-media-type',
  'resource-exhausted',
  'internal',
] as const satisfies readonly (AppErrorCode | string)[];
export type ApiErrorCode = (typeof API_ERROR_CODES)[number];

export interface ErrorBody {
  error: { code: ApiErrorCode; message: string };
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ApiErrorCode,
    message: string,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }

  get body(): ErrorBody {
    return { error: { code: this.code, message: this.message } };
  }
}

const STATUS_OF: Record<AppErrorCode, number> = {
  'invalid-argument': 400,
  unauthenticated: 401,
  'permission-denied': 403,
  'not-found': 404,
  'already-exists': 409,
  'failed-precondition': 409,
  // What a logic module runs out of is room (a list's most members), not the caller's request
  // budget: a conflict with the list as it is, not a 429 that invites retrying. The rate limiter
  // answers 429 itself (tooManyRequests).
  'resource-exhausted': 409,
};

/** Anything thrown while handling a request, as the caller may see it; other errors are hidden. */
export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  if (error instanceof AppError) {
    const headers: Record<string, string> =
      error.code === 'unauthenticated' ? { 'WWW-Authenticate': 'Bearer' } : {};
    return new ApiError(STATUS_OF[error.code], error.code, error.message, headers);
  }
  return new ApiError(500, 'internal', 'Something went wrong on our side. Please try again.');
}

export const methodNotAllowed = (allow: readonly string[]) =>
  new ApiError(405, 'method-not-allowed', `This address accepts ${allow.join(', ')}.`, {
    Allow: allow.join(', '),
  });

export const payloadTooLarge = (limitBytes: number) =>
  new ApiError(413, 'payload-too-large', `The request body is larger than ${limitBytes} bytes.`);

export const unsupportedMediaType = () =>
  new ApiError(
    415,
    'unsupported-media-type',
    'Send the body as JSON (Content-Type: application/json).',
  );

export const tooManyRequests = (retryAfterSeconds: number) =>
  new ApiError(429, 'resource-exhausted', 'Too many requests. Please slow down and try again.', {
    'Retry-After': String(retryAfterSeconds),
  });

export const routeNotFound = () =>
  new ApiError(404, 'not-found', 'There is nothing at this address.');
