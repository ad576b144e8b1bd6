import { LIMITS, photoURLSchema } from '../model/index.js';

export interface NewAuthUser {
  uid: string;
  displayName?: string | null | undefined;
  email?: string | null | undefined;
  photoURL?: string | null | undefined;
}

/** The profile fields a new account starts with, from what the sign-in provider told us. */
export function initialProfile(user: NewAuthUser): {
  displayName: string;
  photoURL: string | null;
} {
  const fromEmail = user.email?.split('@')[0];
  const name = (user.displayName?.trim() || fromEmail?.trim() || 'New user').slice(
    0,
    LIMITS.displayName,
  );
  const photo = photoURLSchema.safeParse(user.photoURL ?? null);
  return { displayName: name, photoURL: photo.success ? photo.data : null };
}
