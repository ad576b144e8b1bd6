import { describe, expect, it } from 'vitest';
import { requireAccess } from './access.js';

const list = {
  ownerId: 'olivia',
  members: { olivia: 'owner', edgar: 'editor', vera: 'viewer' },
} as const;
const codeOf = (run: () => unknown) => {
  try {
    run();
    return 'allowed';
  } catch (error) {
    return (error as { code: string }).code;
  }
};

describe('requireAccess', () => {
  it.each([
    ['olivia', 'read', 'allowed'],
    ['olivia', 'write', 'allowed'],
    ['edgar', 'read', 'allowed'],
    ['edgar', 'write', 'allowed'],
    ['vera', 'read', 'allowed'],
    ['vera', 'write', 'permission-denied'],
    ['stranger', 'read', 'not-found'],
    ['stranger', 'write', 'not-found'],
  ] as const)('%s may %s: %s', (uid, access, outcome) => {
    expect(
      codeOf(() => requireAccess({ ...list, members: { ...list.members } }, uid, access)),
    ).toBe(outcome);
  });

  it('treats a missing list like a list shared with nobody', () => {
    expect(codeOf(() => requireAccess(undefined, 'olivia', 'read'))).toBe('not-found');
  });

  it('does not take inherited keys for membership', () => {
    expect(
      codeOf(() => requireAccess({ ...list, members: { ...list.members } }, 'constructor', 'read')),
    ).toBe('not-found');
  });

  it('returns the role', () => {
    expect(requireAccess({ ...list, members: { ...list.members } }, 'vera', 'read')).toBe('viewer');
  });
});
