import { describe, expect, it } from 'vitest';
import { RECENT_SIGN_IN_SECONDS, assertRecentSignIn } from './recentSignIn.js';

describe('assertRecentSignIn', () => {
  const now = 1_900_000_000;
  it('accepts a sign-in within the window', () => {
    expect(() => assertRecentSignIn(now - RECENT_SIGN_IN_SECONDS, now)).not.toThrow();
  });
  it('asks to sign in again after the window or without auth_time', () => {
    expect(() => assertRecentSignIn(now - RECENT_SIGN_IN_SECONDS - 1, now)).toThrow(
      /sign in again/,
    );
    expect(() => assertRecentSignIn(undefined, now)).toThrow(/sign in again/);
  });
});
