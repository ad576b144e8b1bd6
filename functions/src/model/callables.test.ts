import { describe, expect, it } from 'vitest';
import { claimUsernameInput, inviteMemberInput } from './callables.js';

describe('callable inputs', () => {
  it('claimUsernameInput refuses unknown keys', () => {
    expect(claimUsernameInput.safeParse({ username: 'alice', admin: true }).success).toBe(false);
  });

  it('inviteMemberInput refuses the owner role', () => {
    const result = inviteMemberInput.safeParse({ listId: 'l1', username: 'bob', role: 'owner' });
    expect(result.error?.issues[0]?.path).toEqual(['role']);
  });

  it('inviteMemberInput accepts an editor invitation', () => {
    expect(inviteMemberInput.parse({ listId: 'l1', username: 'Bob', role: 'editor' })).toEqual({
      listId: 'l1',
      username: 'bob',
      role: 'editor',
    });
  });
});
