import { describe, expect, it } from 'vitest';
import { todoTitleSchema } from '@model';
import { FakeError } from '@/testing/fakeServices';
import { AUTH_ERROR_MESSAGES } from './authErrorMessages';
import { describeError } from './describeError';

describe('describeError', () => {
  it('explains Auth errors a person can cause in their words', () => {
    expect(describeError(new FakeError('auth/wrong-password'))).toMatch(/password isn’t right/);
    expect(describeError(new FakeError('auth/email-already-in-use'))).toMatch(/already exists/);
  });
  it('has a distinct, complete sentence for every mapped Auth code', () => {
    for (const [code, message] of Object.entries(AUTH_ERROR_MESSAGES)) {
      expect(describeError(new FakeError(code)), code).toBe(message);
      expect(message, code).toMatch(/[.!]$/);
    }
  });
  it('falls back to a generic sentence for unknown codes and non-errors', () => {
    expect(describeError(new FakeError('auth/internal-error'))).toBe(
      'Something went wrong. Please try again.',
    );
    expect(describeError('boom')).toBe('Something went wrong. Please try again.');
  });
  it('shows a callable’s own message for validation and conflicts, not for internal errors', () => {
    expect(
      describeError(new FakeError('functions/already-exists', 'That username is taken.')),
    ).toBe('That username is taken.');
    expect(describeError(new FakeError('functions/internal', 'INTERNAL'))).toBe(
      'Something went wrong. Please try again.',
    );
    expect(describeError(new FakeError('functions/unavailable', 'unavailable'))).toMatch(
      /Can’t reach the server/,
    );
  });
  it('explains Firestore refusals', () => {
    expect(describeError(new FakeError('permission-denied'))).toBe(
      'You don’t have permission to do that.',
    );
  });
  it('uses the first schema issue for invalid input', () => {
    const result = todoTitleSchema.safeParse('   ');
    expect(result.success).toBe(false);
    expect(describeError(result.error)).toBe('Enter a title.');
  });
});
