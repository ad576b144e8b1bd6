import { beforeEach, describe, expect, it } from 'vitest';
import { createFakeServices, signedIn, type FakeServices } from '@/testing/fakeServices';
import { useTestPinia } from '@/testing/testApp';
import { useAuthStore } from './auth';

let services: FakeServices;

beforeEach(() => {
  services = createFakeServices();
  useTestPinia(services);
});

describe('auth store', () => {
  it('is ready once Auth reports who is signed in', async () => {
    const auth = useAuthStore();
    await auth.whenReady();
    expect(auth.ready).toBe(true);
    expect(auth.uid).toBeNull();
  });

  it('signs up with trimmed email and name, and asks for email verification', async () => {
    const auth = useAuthStore();
    await auth.signUp(' ann@example.com ', 'secret12', ' Ann ');
    expect(auth.user).toMatchObject({
      email: 'ann@example.com',
      displayName: 'Ann',
      emailVerified: false,
    });
    expect(auth.needsEmailVerification).toBe(true);
    expect(auth.nameFromSignUp).toEqual({ uid: 'uid-ann@example.com', displayName: 'Ann' });
  });

  it('passes Auth’s refusal on for the form to explain', async () => {
    const auth = useAuthStore();
    await expect(auth.signIn('nobody@example.com', 'x')).rejects.toMatchObject({
      code: 'auth/user-not-found',
    });
    expect(auth.uid).toBeNull();
  });

  it('does not ask Google accounts to verify an email', async () => {
    const auth = useAuthStore();
    await auth.signInWithGoogle();
    expect(auth.usesPassword).toBe(false);
    expect(auth.needsEmailVerification).toBe(false);
  });

  it('follows sign-out from anywhere', async () => {
    services.auth.user = signedIn('alice');
    const auth = useAuthStore();
    expect(auth.uid).toBe('alice');
    await auth.signOut();
    expect(auth.uid).toBeNull();
  });
});
