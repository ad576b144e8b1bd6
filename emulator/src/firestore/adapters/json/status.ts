/**
 * Errors and statuses in Google's JSON shapes: `{error: {code, message, status}}` with the HTTP
 * status google.rpc.Code maps to (what REST answers and what a WebChannel stream sends before it
 * ends), and google.rpc.Status `{code, message}` inside messages (a target's removal cause).
 */
import { Code, toFirestoreError } from '../../../model/errors.js';
import type { Status } from '../../api/messages.js';

const CODE_NAMES = Object.fromEntries(
  Object.entries(Code).map(([name, code]) => [code, name]),
) as Record<Code, keyof typeof Code>;

/** google.rpc.Code → HTTP status, as Google's front ends map them. */
const HTTP_STATUS: Record<Code, number> = {
  [Code.OK]: 200,
  [Code.CANCELLED]: 499,
  [Code.UNKNOWN]: 500,
  [Code.INVALID_ARGUMENT]: 400,
  [Code.DEADLINE_EXCEEDED]: 504,
  [Code.NOT_FOUND]: 404,
  [Code.ALREADY_EXISTS]: 409,
  [Code.PERMISSION_DENIED]: 403,
  [Code.RESOURCE_EXHAUSTED]: 429,
  [Code.FAILED_PRECONDITION]: 400,
  [Code.ABORTED]: 409,
  [Code.OUT_OF_RANGE]: 400,
  [Code.UNIMPLEMENTED]: 501,
  [Code.INTERNAL]: 500,
  [Code.UNAVAILABLE]: 503,
  [Code.UNAUTHENTICATED]: 401,
};

export interface JsonError {
  error: { code: number; message: string; status: string };
}

/** Anything thrown, as the HTTP status and body Google's JSON APIs answer with. */
export function encodeError(thrown: unknown): { httpStatus: number; body: JsonError } {
  const error = toFirestoreError(thrown);
  const httpStatus = HTTP_STATUS[error.code] ?? 500;
  return {
    httpStatus,
    body: {
      error: {
        code: httpStatus,
        message: error.message,
        status: CODE_NAMES[error.code] ?? 'UNKNOWN',
      },
    },
  };
}

export function encodeStatus(status: Status): Record<string, unknown> {
  return {
    ...(status.code !== 0 ? { code: status.code } : {}),
    ...(status.message ? { message: status.message } : {}),
  };
}
