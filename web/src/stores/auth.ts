import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { useServices } from '@/services/injection';
import type { AuthUser } from '@/services/ports';

export const useAuthStore = defineStore('auth', () => {
  const { auth } = useServices();
  const user = ref<AuthUser | null>(null);
  const ready = ref(false);
  /** The name typed at sign-up, until the profile store has made the profile carry it. */
  const displayNameFromSignUp = ref<string | null>(null);
  let markReady: () => void = () => undefined;
  const whenReady = new Promise<void>((resolve) => (markReady = resolve));

  auth.watchUser((next) => {
    user.value = next;
    ready.value = true;
    markReady();
  });

  const uid = computed(() => user.value?.uid ?? null);
  const usesPassword = computed(() => user.value?.providers.includes('password') ?? false);
  const needsEmailVerification = computed(
    () => usesPassword.value && user.value?.emailVerified === false,
  );

  async function signUp(email: string, password: string, displayName: string): Promise<void> {
    displayNameFromSignUp.value = displayName.trim() || null;
    await auth.signUp(email.trim(), password, displayName.trim());
    await auth.sendEmailVerification();
  }

  async function refreshUser(): Promise<void> {
    user.value = await auth.reloadUser();
  }

  return {
    user,
    uid,
    ready,
    whenReady: () => whenReady,
    usesPassword,
    needsEmailVerification,
    displayNameFromSignUp,
    signUp,
    signIn: (email: string, password: string) => auth.signIn(email.trim(), password),
    signInWithGoogle: () => auth.signInWithGoogle(),
    signOut: () => auth.signOut(),
    sendPasswordReset: (email: string) => auth.sendPasswordReset(email.trim()),
    resendVerification: () => auth.sendEmailVerification(),
    confirmPasswordReset: (code: string, password: string) =>
      auth.confirmPasswordReset(code, password),
    applyActionCode: (code: string) => auth.applyActionCode(code),
    reauthenticate: (password: string | null) => auth.reauthenticate(password),
    refreshUser,
  };
});
