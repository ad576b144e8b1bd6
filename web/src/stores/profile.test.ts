import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { flushPromises } from '@vue/test-utils';
import { nextTick } from 'vue';
import {
  createFakeServices,
  makeProfile,
  signedIn,
  type FakeServices,
} from '@/testing/fakeServices';
import { loadSchemas } from '@/domain/schemas';
import { useTestPinia } from '@/testing/testApp';
import { useAuthStore } from './auth';
import { useProfileStore } from './profile';

let services: FakeServices;

beforeEach(() => {
  services = createFakeServices();
  useTestPinia(services);
});

// The model's schemas load on a form's first use; here they are there already, as after its focus.
beforeAll(() => loadSchemas());

describe('profile store', () => {
  it('gives the profile the name typed at sign-up once the trigger has created it', async () => {
    const auth = useAuthStore();
    const profile = useProfileStore();
    await auth.signUp('ann@example.com', 'secret12', 'Ann Smith');
    await nextTick();
    services.profiles.profiles.set([makeProfile('uid-ann@example.com', 'ann')]);
    await flushPromises();
    expect(profile.profile?.displayName).toBe('Ann Smith');
  });

  it('gives the name even when the profile was there before the profile store was', async () => {
    const auth = useAuthStore();
    await auth.signUp('ann@example.com', 'secret12', 'Ann Smith');
    services.profiles.profiles.set([makeProfile('uid-ann@example.com', 'ann')]);
    const profile = useProfileStore();
    await flushPromises();
    expect(profile.profile?.displayName).toBe('Ann Smith');
  });

  it('never gives a name typed in a failed sign-up to the account signed in next', async () => {
    services.passwordsSeed();
    const auth = useAuthStore();
    const profile = useProfileStore();
    await expect(auth.signUp('ann@example.com', 'secret12', 'Impostor')).rejects.toMatchObject({
      code: 'auth/email-already-in-use',
    });
    await auth.signIn('ann@example.com', 'secret1');
    services.profiles.profiles.set([makeProfile('uid-ann@example.com', 'Ann')]);
    await nextTick();
    expect(profile.profile?.displayName).toBe('Ann');
  });

  it('saves a trimmed display name and refuses an empty one', async () => {
    services.auth.user = signedIn('alice');
    services.profiles.profiles.set([makeProfile('alice', 'Alice')]);
    const profile = useProfileStore();
    await profile.saveDisplayName('  Alice B. ');
    expect(profile.profile?.displayName).toBe('Alice B.');
    await expect(profile.saveDisplayName('  ')).rejects.toThrow('Enter a display name.');
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
    await services.auth.signUp('ann@example.com', 'secret12', 'Ann');
    const profile = useProfileStore();
    await expect(profile.deleteAccount('wrong')).rejects.toMatchObject({
      code: 'auth/wrong-password',
    });
    expect(services.account.calls).not.toContain('deleteAccount');
    await profile.deleteAccount('secret12');
    expect(services.account.calls).toContain('deleteAccount');
    expect(useAuthStore().uid).toBeNull();
  });
});
