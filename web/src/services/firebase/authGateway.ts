import {
  applyActionCode,
  confirmPasswordReset,
  createUserWithEmailAndPassword,
  EmailAuthProvider,
  onAuthStateChanged,
  reauthenticateWithCredential,
  sendEmailVerification,
  sendPasswordResetEmail,
  signInWithEmailAndPassword,
  signOut,
  updateProfile,
  type Auth,
  type User,
} from 'firebase/auth';
import type { AuthGateway, AuthUser } from '../ports';

function toAuthUser(user: User | null): AuthUser | null {
  if (!user) return null;
  return {
    uid: user.uid,
    email: user.email,
    displayName: user.displayName,
    emailVerified: user.emailVerified,
    providers: user.providerData.map((info) => info.providerId),
  };
}

function signedInUser(auth: Auth): User {
  if (!auth.currentUser)
    throw Object.assign(new Error('Not signed in'), { code: 'auth/user-token-expired' });
  return auth.currentUser;
}

/**
 * Firebase Auth behind the AuthGateway port (Google through a popup, also on the emulator, whose
 * code loads only when someone picks Google).
 */
export function createAuthGateway(auth: Auth): AuthGateway {
  return {
    watchUser: (listener) => onAuthStateChanged(auth, (user) => listener(toAuthUser(user))),
    async signUp(email, password, displayName) {
      const { user } = await createUserWithEmailAndPassword(auth, email, password);
      if (displayName) await updateProfile(user, { displayName });
      return user.uid;
    },
    async signIn(email, password) {
      await signInWithEmailAndPassword(auth, email, password);
    },
    async signInWithGoogle() {
      await (await import('./googleSignIn')).signInWithGoogle();
    },
    signOut: () => signOut(auth),
    sendPasswordReset: (email) => sendPasswordResetEmail(auth, email),
    sendEmailVerification: () => sendEmailVerification(signedInUser(auth)),
    confirmPasswordReset: (code, newPassword) => confirmPasswordReset(auth, code, newPassword),
    applyActionCode: (code) => applyActionCode(auth, code),
    async reloadUser() {
      await auth.currentUser?.reload();
      return toAuthUser(auth.currentUser);
    },
    async reauthenticate(password) {
      const user = signedInUser(auth);
      if (password === null) {
        await (await import('./googleSignIn')).reauthenticateWithGoogle(user);
        return;
      }
      await reauthenticateWithCredential(
        user,
        EmailAuthProvider.credential(user.email ?? '', password),
      );
    },
    updateDisplayName: (displayName) => updateProfile(signedInUser(auth), { displayName }),
  };
}
