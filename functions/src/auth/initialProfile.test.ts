import { describe, expect, it } from 'vitest';
import { LIMITS } from '../model/index.js';
import { initialProfile } from './initialProfile.js';

describe('initialProfile', () => {
  it('uses the provider display name and photo', () => {
    expect(
      initialProfile({ uid: 'u', displayName: ' Ada ', photoURL: 'https://example.com/a.png' }),
    ).toEqual({
      displayName: 'Ada',
      photoURL: 'https://example.com/a.png',
    });
  });
  it('falls back to the email name, then to a neutral name', () => {
    expect(initialProfile({ uid: 'u', email: 'grace@example.com' }).displayName).toBe('grace');
    expect(initialProfile({ uid: 'u' }).displayName).toBe('New user');
  });
  it('trims a long name and drops an unusable photo address', () => {
    const profile = initialProfile({
      uid: 'u',
      displayName: 'x'.repeat(200),
      photoURL: 'not a url',
    });
    expect(profile.displayName).toHaveLength(LIMITS.displayName);
    expect(profile.photoURL).toBeNull();
  });
});
