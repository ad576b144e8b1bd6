import {
  browserLocalPersistence,
  connectAuthEmulator,
  indexedDBLocalPersistence,
  initializeAuth,
} from 'firebase/auth';
import { config, firebaseApp } from './app';

// initializeAuth rather than getAuth: getAuth also bundles the popup and redirect machinery that
// only Google sign-in needs (`googleSignIn.ts` brings it when used) and a third persistence.
export const auth = initializeAuth(firebaseApp, {
  persistence: [indexedDBLocalPersistence, browserLocalPersistence],
});

if (config.emulators) {
  const { host, port } = config.emulators.auth;
  connectAuthEmulator(auth, `http://${host}:${port}`, { disableWarnings: true });
}
