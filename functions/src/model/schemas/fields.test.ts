import { describe, expect, it } from 'vitest';
import { LIMITS } from '../limits.js';
import { documentIdSchema, usernameSchema } from './fields.js';

const firstMessage = (result: {
  success: boolean;
  error?: { issues: Array<{ message: string }> };
}) => result.error?.issues[0]?.message;

describe('usernameSchema', () => {
  it.each(['abc', 'alice_01', 'a.b.c', '0day', 'x'.repeat(30)])('accepts %j', (name) => {
    expect(usernameSchema.parse(name)).toBe(name);
  });

  it('normalises case and surrounding spaces', () => {
    expect(usernameSchema.parse('  Alice.Smith ')).toBe('alice.smith');
  });

  it.each([
    ['ab', 'A username has at least 3 characters.'],
    ['x'.repeat(31), 'A username has at most 30 characters.'],
    ['al ice', 'A username may use only letters a-z, digits, "_" and ".".'],
    ['alice!', 'A username may use only letters a-z, digits, "_" and ".".'],
    ['émile', 'A username may use only letters a-z, digits, "_" and ".".'],
    ['.alice', 'A username starts with a letter or a digit.'],
    ['...', 'A username starts with a letter or a digit.'],
    ['_abc', 'A username starts with a letter or a digit.'],
    ['admin', 'That username is reserved.'],
    ['Hearth', 'That username is reserved.'],
  ])('refuses %j: %s', (name, message) => {
    expect(firstMessage(usernameSchema.safeParse(name))).toBe(message);
  });

  it('refuses a non-string', () => {
    expect(firstMessage(usernameSchema.safeParse(42))).toBe('Enter a username.');
  });
});

describe('documentIdSchema', () => {
  it.each(['', 'a/b', '..', '__id__', 'x'.repeat(LIMITS.documentId + 1)])('refuses %j', (id) => {
    expect(documentIdSchema.safeParse(id).success).toBe(false);
  });
});
