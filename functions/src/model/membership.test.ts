import { describe, expect, it } from 'vitest';
import type { Role } from './entities.js';
import { canWrite, roleOf, type Membership } from './membership.js';

const list: Membership = {
  ownerId: 'olive',
  members: { olive: 'owner', eddie: 'editor', vera: 'viewer' },
};

describe('roleOf', () => {
  it('reads roles without trusting inherited keys', () => {
    expect(roleOf(list, 'eddie')).toBe('editor');
    expect(roleOf(list, 'toString')).toBeUndefined();
    expect(roleOf(undefined, 'olive')).toBeUndefined();
  });
});

describe('canWrite', () => {
  it('lets owners and editors write, not viewers or strangers', () => {
    const roles: Array<Role | undefined | null> = ['owner', 'editor', 'viewer', undefined, null];
    expect(roles.map(canWrite)).toEqual([true, true, false, false, false]);
  });
});
