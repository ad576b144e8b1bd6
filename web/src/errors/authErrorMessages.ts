/**
 * Every Auth error a person can cause, in words they can act on. Codes are Firebase Auth's
 * (`auth/...`); anything not listed is a fault of ours or of the network, not of the person.
 */
const WRONG_EMAIL_OR_PASSWORD =
  'The email or password isn’t right. Try again, or reset your password.';

export const AUTH_ERROR_MESSAGES: Readonly<Record<string, string>> = {
  'auth/invalid-email': 'That email address doesn’t look right. Check it for typos.',
  'auth/missing-email': 'Enter your email address.',
  'auth/missing-password': 'Enter your password.',
  'auth/weak-password': 'Choose a longer password: at least 8 characters.',
  'auth/password-does-not-meet-requirements':
    'That password doesn’t meet the requirements. Try a longer one with letters and numbers.',
  'auth/email-already-in-use':
    'We couldn’t create an account with that email. If it’s yours, sign in or reset your password.',
  // One answer whichever of the two was wrong, as Firebase's email enumeration protection gives:
  // projects without it still tell the two apart, and the app must not pass that on.
  'auth/user-not-found': WRONG_EMAIL_OR_PASSWORD,
  'auth/wrong-password': WRONG_EMAIL_OR_PASSWORD,
  'auth/invalid-credential': WRONG_EMAIL_OR_PASSWORD,
  'auth/invalid-login-credentials': WRONG_EMAIL_OR_PASSWORD,
  'auth/user-disabled':
    'This account has been disabled. Contact support if you think this is a mistake.',
  'auth/too-many-requests':
    'Too many attempts. Wait a few minutes, or reset your password to unlock it now.',
  'auth/popup-closed-by-user': 'The Google sign-in window was closed before finishing. Try again.',
  'auth/cancelled-popup-request': 'Another sign-in window was already open. Try again.',
  'auth/popup-blocked':
    'Your browser blocked the sign-in window. Allow pop-ups for this site and try again.',
  'auth/account-exists-with-different-credential':
    'An account with this email already exists with another sign-in method. Sign in with that method first.',
  'auth/credential-already-in-use': 'That sign-in is already linked to another account.',
  'auth/requires-recent-login': 'For your security, confirm it’s you by signing in again.',
  'auth/user-mismatch': 'Sign in with the same account you are using now.',
  'auth/expired-action-code': 'This link has expired. Ask for a new one.',
  'auth/invalid-action-code': 'This link is invalid or was already used. Ask for a new one.',
  'auth/user-token-expired': 'Your session has expired. Sign in again.',
  'auth/network-request-failed': 'Can’t reach the server. Check your connection and try again.',
  'auth/operation-not-allowed': 'This way of signing in isn’t enabled. Use another one.',
  'auth/unauthorized-domain': 'Signing in isn’t allowed from this address.',
  'auth/web-storage-unsupported':
    'Your browser blocks storage this app needs. Turn off private mode or allow site data.',
};
