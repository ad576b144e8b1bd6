import { defineStore } from 'pinia';
import { watch } from 'vue';
import type { ExportMyDataResult } from '@model';
import { useLiveQuery } from '@/composables/useLiveQuery';
import type { UserProfile } from '@/domain/entities';
import { loadSchemas } from '@/domain/schemas';
import { useServices } from '@/services/injection';
import { useAuthStore } from './auth';
import { useNoticesStore } from './notices';

/** The signed-in person's profile and account-wide actions (Settings). */
export const useProfileStore = defineStore('profile', () => {
  const services = useServices();
  const auth = useAuthStore();
  const notices = useNoticesStore();
  const live = useLiveQuery(
    () => auth.uid,
    (uid, observer) => services.profiles.watchProfile(uid, observer),
    null as UserProfile | null,
  );

  /** Throws the schema's error on a name that is not allowed. */
  async function saveDisplayName(displayName: string): Promise<void> {
    const uid = auth.uid;
    if (!uid) return;
    const { displayNameSchema } = await loadSchemas();
    const value = displayNameSchema.parse(displayName);
    notices.track(services.profiles.updateDisplayName(uid, value));
    notices.track(services.auth.updateDisplayName(value));
  }

  // The sign-up trigger creates the profile from the Auth record, which may not carry the name
  // typed in the sign-up form yet: once that account's profile exists, make it match that name.
  watch(
    () => [live.data.value, auth.nameFromSignUp] as const,
    ([profile, typed]) => {
      if (!profile || typed === null || profile.uid !== typed.uid) return;
      auth.nameFromSignUp = null;
      if (profile.displayName !== typed.displayName)
        saveDisplayName(typed.displayName).catch((error: unknown) => notices.reportFailure(error));
    },
    { immediate: true },
  );

  /** Claims a username through the callable (which frees the old one); resolves once it is ours. */
  async function claimUsername(username: string): Promise<void> {
    const { usernameSchema } = await loadSchemas();
    await services.account.claimUsername(usernameSchema.parse(username));
  }

  function exportMyData(): Promise<ExportMyDataResult> {
    return services.account.exportMyData();
  }

  /** Re-authenticates (password, or Google when null), deletes everything, then signs out. */
  async function deleteAccount(password: string | null): Promise<void> {
    await services.auth.reauthenticate(password);
    await services.account.deleteAccount();
    await services.auth.signOut();
  }

  return {
    profile: live.data,
    state: live.state,
    error: live.error,
    saveDisplayName,
    claimUsername,
    exportMyData,
    deleteAccount,
  };
});
