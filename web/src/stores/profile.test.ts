import { beforeEach, describe, expect, it } from 'vitest';
import { nextTick } from 'vue';
import { createFakeServices, signedIn, type FakeServices } from '@/testing/fakeServices';
import { useTestPinia } from '@/testing/testApp';
import { useAuthStore } from './auth';
import { useProfileStore } from './profile';

let services: FakeServices;
const profileOf = (uid: string, displayName: string) => ({
  uid,
  displayName,
  username: null,
  photoURL: null,
  createdAt: new Date(0),
  updatedAt: new Date(0),
});

beforeEach(() => {
  services = createFakeServices();
  useTestPinia(services);
});

describe('profile store', () => {
  it('gives the profile the name typed at sign-up once the trigger has created it', async () => {
    const auth = useAuthStore();
    const profile = useProfileStore();
    await auth.signUp('ann@example.com', 'secret1', 'Ann Smith');
    await nextTick();
    services.profiles.profiles.set([profileOf('uid-ann@example.com', 'ann')]);
    await nextTick();
    expect(profile.profile?.displayName).toBe('Ann Smith');
  });

  it('saves a trimmed display name and refuses an empty one', async () => {
    services.auth.user = signedIn('alice');
    services.profiles.profiles.set([profileOf('alice', 'Alice')]);
    const profile = useProfileStore();
    profile.saveDisplayName('  Alice B. ');
    expect(profile.profile?.displayName).toBe('Alice B.');
    expect(() => profile.saveDisplayName('  ')).toThrow('Enter a display name.');
  });

  it('claims a normalised username and refuses reserved ones without calling the server', async () => {
    services.auth.user = signedIn('alice');
    const profile = useProfileStore();
    await profile.claimUsername(' Alice_1 ');
    expect(services.account.calls).toEqual(['claimUsername alice_1']);
    await expect(profile.claimUsername('admin')).rejects.toThrow('That username is reserved.');
    expect(services.account.calls).toHaveLength(1);
  });

  it('deletes the account only after re-authentication, then signs out', async () => {
    await services.auth.signUp('ann@example.com', 'secret1', 'Ann');
    const profile = useProfileStore();
    await expect(profile.deleteAccount('wrong')).rejects.toMatchObject({
      code: 'auth/wrong-password',
    });
    expect(services.account.calls).not.toContain('deleteAccount');
    await profile.deleteAccount('secret1');
    expect(services.account.calls).toContain('deleteAccount');
    expect(useAuthStore().uid).toBeNull();
  });
});
