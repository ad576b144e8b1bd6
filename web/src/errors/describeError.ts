import { AUTH_ERROR_MESSAGES } from './authErrorMessages';
import { InvalidInputError } from './invalidInput';

const FALLBACK = 'Something went wrong. Please try again.';

/** Firestore and callable-function codes (`functions/` prefixed for callables) a person can meet. */
const DATA_ERROR_MESSAGES: Readonly<Record<string, string>> = {
  'permission-denied': 'You don’t have permission to do that.',
  unavailable:
    'Can’t reach the server. Your changes are kept and will sync when you’re back online.',
  'not-found': 'That item no longer exists.',
  'resource-exhausted': 'Too many requests right now. Try again in a moment.',
  unauthenticated: 'Your session has expired. Sign in again.',
  'deadline-exceeded': 'The server took too long to answer. Try again.',
};

/** Callable codes whose message the function wrote for people (validation, conflicts). */
const HUMAN_MESSAGE_CODES = new Set([
  'invalid-argument',
  'already-exists',
  'failed-precondition',
  'not-found',
  'permission-denied',
  'out-of-range',
]);

/** `value[key]` when `value` is an object that has `key`, else undefined. */
function propertyOf(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null && key in value
    ? (value as Record<string, unknown>)[key]
    : undefined;
}

/** `value[key]` when it is a string, else null. */
function stringPropertyOf(value: unknown, key: string): string | null {
  const property = propertyOf(value, key);
  return typeof property === 'string' ? property : null;
}

/** The error's code (`permission-denied`, `functions/not-found`, ...), if it has one. */
export function codeOf(error: unknown): string | null {
  return stringPropertyOf(error, 'code');
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message.trim() : '';
}

/** The Functions SDK appends the HTTP status to a callable's message ("… [409]"); people need none. */
const HTTP_STATUS_SUFFIX = /\s*\[\d{3}\]$/;

/** A schema (zod) failure: its first issue was written for people. */
function validationMessageOf(error: unknown): string | null {
  const issues = propertyOf(error, 'issues');
  return Array.isArray(issues) ? stringPropertyOf(issues[0], 'message') : null;
}

/** One sentence a person can read for any error the app shows them. */
export function describeError(error: unknown): string {
  if (error instanceof InvalidInputError) return error.message;
  const validation = validationMessageOf(error);
  if (validation !== null) return validation;
  const code = codeOf(error);
  if (code === null) return FALLBACK;
  if (code.startsWith('auth/')) return AUTH_ERROR_MESSAGES[code] ?? FALLBACK;
  if (code.startsWith('functions/')) {
    const bare = code.slice('functions/'.length);
    const message = messageOf(error).replace(HTTP_STATUS_SUFFIX, '');
    if (
      HUMAN_MESSAGE_CODES.has(bare) &&
      message !== '' &&
      message.toUpperCase() !== bare.toUpperCase()
    ) {
      return message;
    }
    return DATA_ERROR_MESSAGES[bare] ?? FALLBACK;
  }
  return DATA_ERROR_MESSAGES[code] ?? FALLBACK;
}
