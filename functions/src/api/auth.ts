// Who is calling: a Firebase ID token in `Authorization: Bearer <token>`, verified by
// firebase-admin (which accepts the Auth emulator's unsigned tokens when
// FIREBASE_AUTH_EMULATOR_HOST is set). Every token problem is a 401 with a reason.
import { AppError } from '../shared/errors.js';

/** Resolves to the token's uid, or rejects with a firebase-admin auth error. */
export type TokenVerifier = (idToken: string) => Promise<{ uid: string }>;

const BEARER = /^Bearer +([A-Za-z0-9._~+/=-]+) *$/i;

/** Auth error codes that describe the token, not our side. */
const TOKEN_PROBLEMS: Record<string, string> = {
  'auth/id-token-expired': 'The ID token has expired. Get a fresh one and try again.',
  'auth/id-token-revoked': 'The ID token has been revoked. Sign in again.',
  'auth/user-disabled': 'This account is disabled.',
  'auth/user-not-found': 'The account of this ID token no longer exists.',
  'auth/argument-error': 'The ID token is not valid.',
  'auth/invalid-argument': 'The ID token is not valid.',
  'auth/invalid-id-token': 'The ID token is not valid.',
};

export async function authenticate(
  authorization: string | undefined,
  verify: TokenVerifier,
): Promise<string> {
  if (!authorization) {
    throw new AppError(
      'unauthenticated',
      'Sign in first: send Authorization: Bearer <Firebase ID token>.',
    );
  }
  const token = BEARER.exec(authorization)?.[1];
  if (!token) {
    throw new AppError(
      'unauthenticated',
      'The Authorization header must be "Bearer <Firebase ID token>".',
    );
  }
  try {
    return (await verify(token)).uid;
  } catch (error) {
    const code = (error as { code?: unknown } | null)?.code;
    const problem = typeof code === 'string' ? TOKEN_PROBLEMS[code] : undefined;
    if (problem) throw new AppError('unauthenticated', problem);
    throw error;
  }
}
