import { describe, expect, it } from 'vitest';
import { AppError } from '../shared/errors.js';
import { LIMITS, type Membership, type Role } from '../model/index.js';
import { assertMember, assertOwner, withMember, withRole, withoutMember } from './membership.js';

const list: Membership = {
  ownerId: 'olive',
  members: { olive: 'owner', eddie: 'editor', vera: 'viewer' },
};

const codeOf = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    return error instanceof AppError ? error.code : 'not an AppError';
  }
  return 'no error';
};

describe('access checks', () => {
  it('hides a list from strangers as not-found', () => {
    expect(codeOf(() => assertMember(list, 'stranger'))).toBe('not-found');
    expect(codeOf(() => assertMember(undefined, 'olive'))).toBe('not-found');
    expect(codeOf(() => assertOwner(list, 'stranger'))).toBe('not-found');
  });

  it('lets only the owner manage members', () => {
    expect(codeOf(() => assertOwner(list, 'eddie'))).toBe('permission-denied');
    expect(codeOf(() => assertOwner(list, 'olive'))).toBe('no error');
  });
});

describe('member updates keep members and memberIds together', () => {
  it('adds a member, owner first in memberIds', () => {
    expect(withMember(list, 'ann', 'viewer')).toEqual({
      members: { olive: 'owner', eddie: 'editor', vera: 'viewer', ann: 'viewer' },
      memberIds: ['olive', 'ann', 'eddie', 'vera'],
    });
  });

  it('re-inviting a member changes their role only', () => {
    expect(withMember(list, 'vera', 'editor').members).toEqual({
      olive: 'owner',
      eddie: 'editor',
      vera: 'editor',
    });
  });

  it('refuses to invite the owner', () => {
    expect(codeOf(() => withMember(list, 'olive', 'viewer'))).toBe('failed-precondition');
  });

  it('refuses a member beyond the limit', () => {
    const members: Record<string, Role> = { olive: 'owner' };
    for (let i = 1; i < LIMITS.membersPerList; i++) members[`u${i}`] = 'viewer';
    const full = { ownerId: 'olive', members };
    expect(codeOf(() => withMember(full, 'one-more', 'viewer'))).toBe('resource-exhausted');
    expect(codeOf(() => withMember(full, 'u1', 'editor'))).toBe('no error');
  });

  it('changes a role but not the owner’s or a stranger’s', () => {
    expect(withRole(list, 'eddie', 'viewer').members.eddie).toBe('viewer');
    expect(codeOf(() => withRole(list, 'olive', 'viewer'))).toBe('failed-precondition');
    expect(codeOf(() => withRole(list, 'stranger', 'viewer'))).toBe('not-found');
  });

  it('removes a member, idempotently, but never the owner', () => {
    const once = withoutMember(list, 'vera');
    expect(once).toEqual({
      members: { olive: 'owner', eddie: 'editor' },
      memberIds: ['olive', 'eddie'],
    });
    expect(withoutMember({ ownerId: 'olive', members: once.members }, 'vera')).toEqual(once);
    expect(codeOf(() => withoutMember(list, 'olive'))).toBe('failed-precondition');
  });
});
