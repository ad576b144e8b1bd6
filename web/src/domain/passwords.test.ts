import { describe, expect, it } from 'vitest';
import { newPasswordProblem, PASSWORD_MIN_LENGTH } from './passwords';

describe('newPasswordProblem', () => {
  it('refuses fewer than 8 characters, saying so in words', () => {
    expect(newPasswordProblem('a'.repeat(PASSWORD_MIN_LENGTH - 1))).toBe(
      'Choose a password of at least 8 characters.',
    );
  });

  it('accepts 8 characters', () => {
    expect(newPasswordProblem('abcdefgh')).toBeNull();
  });
});
