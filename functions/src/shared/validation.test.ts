import { describe, expect, it } from 'vitest';
import { claimUsernameInput, inviteMemberInput, todoCreateSchema } from '../model/index.js';
import { AppError } from './errors.js';
import { noInput } from './noInput.js';
import { parseInput } from './validation.js';

const messageOf = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError) return `${error.code}: ${error.message}`;
    throw error;
  }
  return 'accepted';
};

describe('parseInput', () => {
  it.each([
    [claimUsernameInput, {}, 'invalid-argument: username: Enter a username.'],
    [
      claimUsernameInput,
      { username: 'ab' },
      'invalid-argument: username: A username has at least 3 characters.',
    ],
    [
      claimUsernameInput,
      { username: 'alice', extra: 1 },
      'invalid-argument: extra: this field is not accepted.',
    ],
    [
      claimUsernameInput,
      'alice',
      'invalid-argument: The request must be an object with named fields.',
    ],
    [
      inviteMemberInput,
      { listId: 'l', username: 'bob', role: 'owner' },
      'invalid-argument: role: The role must be "editor" or "viewer".',
    ],
    [
      todoCreateSchema,
      { title: 'ok', tags: ['fine', ''] },
      'invalid-argument: tags.1: A tag cannot be empty.',
    ],
    [noInput, { a: 1, b: 2 }, 'invalid-argument: a, b: these fields are not accepted.'],
  ] as const)('%#: reports %j as the field at fault', (schema, input, expected) => {
    expect(messageOf(() => parseInput(schema, input))).toBe(expected);
  });

  it('returns the parsed value', () => {
    expect(parseInput(claimUsernameInput, { username: ' Alice ' })).toEqual({ username: 'alice' });
    expect(parseInput(noInput, {})).toEqual({});
  });
});
