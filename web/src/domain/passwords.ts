/**
 * Hearth's rule for new passwords, checked in the browser so that people hear it at once;
 * deployed projects enforce the same minimum with Firebase Auth's password policy (see the root
 * README). Plain code rather than a schema: the sign-in page, which must stay small, loads it.
 */
export const PASSWORD_MIN_LENGTH = 8;

/** Why `password` may not be an account's new password, or null when it may. */
export function newPasswordProblem(password: string): string | null {
  return password.length < PASSWORD_MIN_LENGTH
    ? `Choose a password of at least ${PASSWORD_MIN_LENGTH} characters.`
    : null;
}
