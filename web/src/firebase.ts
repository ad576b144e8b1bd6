import { initializeApp } from 'firebase/app';
import { connectAuthEmulator, getAuth } from 'firebase/auth';
import {
  connectFirestoreEmulator,
  initializeFirestore,
  persistentLocalCache,
  persistentMultipleTabManager,
} from 'firebase/firestore';
import { connectFunctionsEmulator, getFunctions } from 'firebase/functions';
import { connectStorageEmulator, getStorage } from 'firebase/storage';
import { resolveAppConfig } from './firebaseConfig';

/** The one place that initialises Firebase; everything else receives these instances. */
const config = resolveAppConfig(import.meta.env, import.meta.env.DEV);

export const firebaseApp = initializeApp(config.firebase);
export const auth = getAuth(firebaseApp);
// A persistent cache shared by every open tab keeps offline edits and lets them sync later.
export const firestore = initializeFirestore(firebaseApp, {
  localCache: persistentLocalCache({ tabManager: persistentMultipleTabManager() }),
});
export const storage = getStorage(firebaseApp);
export const functions = getFunctions(firebaseApp, config.functionsRegion);

if (config.emulators) {
  const {
    auth: authHost,
    firestore: firestoreHost,
    storage: storageHost,
    functions: functionsHost,
  } = config.emulators;
  connectAuthEmulator(auth, `http://${authHost.host}:${authHost.port}`, { disableWarnings: true });
  connectFirestoreEmulator(firestore, firestoreHost.host, firestoreHost.port);
  connectStorageEmulator(storage, storageHost.host, storageHost.port);
  connectFunctionsEmulator(functions, functionsHost.host, functionsHost.port);
}
