import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { newPasswordProblem } from '@/domain/passwords';
import { codeOf } from '@/errors/describeError';
import { InvalidInputError } from '@/errors/invalidInput';
import { useServices } from '@/services/injection';
import type { AuthUser } from '@/services/ports';

/** The password, when it may be an account's new one; else throws the sentence that says why. */
function newPassword(password: string): string {
  const problem = newPasswordProblem(password);
  if (problem !== null) throw new InvalidInputError(problem);
  return password;
}

export const useAuthStore = defineStore('auth', () => {
  const { auth } = useServices();
  const user = ref<AuthUser | null>(null);
  const ready = ref(false);
  /**
   * The name typed at sign-up, for the account it created, until the profile store has made that
   * account's profile carry it (the sign-up trigger may have made the profile before the name
   * reached the Auth record).
   */
  const nameFromSignUp = ref<{ uid: string; displayName: string } | null>(null);
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
    const name = displayName.trim();
    const uid = await auth.signUp(email.trim(), newPassword(password), name);
    // Known only once the account exists: a failed sign-up must not rename whoever signs in next.
    if (name) nameFromSignUp.value = { uid, displayName: name };
    await auth.sendEmailVerification();
  }

  /**
   * Sends a reset link. An address no account uses gets the same answer as one that does, as
   * Firebase's email enumeration protection answers: projects without it say "no such user".
   */
  async function sendPasswordReset(email: string): Promise<void> {
    try {
      await auth.sendPasswordReset(email.trim());
    } catch (error) {
      if (codeOf(error) !== 'auth/user-not-found') throw error;
    }
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
    nameFromSignUp,
    signUp,
    signIn: (email: string, password: string) => auth.signIn(email.trim(), password),
    signInWithGoogle: () => auth.signInWithGoogle(),
    signOut: () => auth.signOut(),
    sendPasswordReset,
    resendVerification: () => auth.sendEmailVerification(),
    confirmPasswordReset: (code: string, password: string) =>
      auth.confirmPasswordReset(code, newPassword(password)),
    applyActionCode: (code: string) => auth.applyActionCode(code),
    reauthenticate: (password: string | null) => auth.reauthenticate(password),
    refreshUser,
  };
});
