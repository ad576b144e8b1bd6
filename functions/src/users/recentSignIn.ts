import { AppError } from '../shared/errors.js';

/** How recent a sign-in must be to delete the account: the app re-authenticates just before. */
export const RECENT_SIGN_IN_SECONDS = 5 * 60;

export function assertRecentSignIn(authTimeSeconds: number | undefined, nowSeconds: number): void {
  if (authTimeSeconds === undefined || nowSeconds - authTimeSeconds > RECENT_SIGN_IN_SECONDS) {
    throw new AppError(
      'failed-precondition',
      'For your safety, please sign in again before deleting your account.',
    );
  }
}
