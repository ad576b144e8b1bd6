import { describe, expect, it } from 'vitest';
import { todoTitleSchema } from '@model';
import { FakeError } from '@/testing/fakeServices';
import { AUTH_ERROR_MESSAGES } from './authErrorMessages';
import { describeError } from './describeError';
import { InvalidInputError } from './invalidInput';

describe('describeError', () => {
  it('explains Auth errors a person can cause in their words', () => {
    expect(describeError(new FakeError('auth/wrong-password'))).toMatch(/password isn’t right/);
    expect(describeError(new FakeError('auth/email-already-in-use'))).toMatch(
      /sign in or reset your password/,
    );
  });
  it('has a complete sentence for every mapped Auth code', () => {
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
  it('shows a callable’s message without the status the Functions SDK appends to it', () => {
    for (const [code, message, status] of [
      ['functions/already-exists', 'That username is taken. Please try another.', 409],
      ['functions/not-found', 'Nobody has the username "zed".', 404],
      ['functions/failed-precondition', 'The owner already has full access to this list.', 400],
    ] as const) {
      expect(describeError(new FakeError(code, `${message} [${status}]`))).toBe(message);
    }
    expect(describeError(new FakeError('functions/not-found', 'not-found [404]'))).toBe(
      'That item no longer exists.',
    );
  });
  it('explains Firestore refusals', () => {
    expect(describeError(new FakeError('permission-denied'))).toBe(
      'You don’t have permission to do that.',
    );
  });
  it('shows input errors a person can correct as they are', () => {
    expect(describeError(new InvalidInputError('Choose a longer password.'))).toBe(
      'Choose a longer password.',
    );
  });
  it('uses the first schema issue for invalid input', () => {
    const result = todoTitleSchema.safeParse('   ');
    expect(result.success).toBe(false);
    expect(describeError(result.error)).toBe('Enter a title.');
  });
});
