import { HttpsError, onCall, type CallableRequest } from 'firebase-functions/v2/https';
import { logger } from 'firebase-functions/v2';
import type { z } from 'zod';
import { AppError } from './errors.js';
import { parseInput } from './validation.js';

/** Maps what a handler threw to what the caller sees: AppErrors as they are, anything else hidden. */
export function toHttpsError(error: unknown): HttpsError {
  if (error instanceof HttpsError) return error;
  if (error instanceof AppError) return new HttpsError(error.code, error.message);
  logger.error('callable failed', error);
  return new HttpsError('internal', 'Something went wrong on our side. Please try again.');
}

export function requireUid(request: CallableRequest): string {
  if (!request.auth) throw new AppError('unauthenticated', 'Please sign in first.');
  return request.auth.uid;
}

/**
 * A callable for signed-in people: checks sign-in, validates the input with the schema, runs the
 * logic and maps its errors. Handlers stay one line.
 */
export function signedInCallable<S extends z.ZodType, R>(
  schema: S,
  run: (uid: string, input: z.output<S>, request: CallableRequest) => Promise<R>,
) {
  return onCall(async (request) => {
    try {
      const uid = requireUid(request);
      return await run(uid, parseInput(schema, request.data ?? {}), request);
    } catch (error) {
      throw toHttpsError(error);
    }
  });
}
