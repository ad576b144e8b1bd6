import {
  connectFirestoreEmulator,
  initializeFirestore,
  persistentLocalCache,
  persistentMultipleTabManager,
} from 'firebase/firestore';
import { config, firebaseApp } from './app';

/**
 * Firestore and the SDK functions the gateways use, in one module that `lazy.ts` loads on first
 * use (and as soon as someone is signed in), so that pages without data never download it.
 */
// A persistent cache shared by every open tab keeps offline edits and lets them sync later.
export const db = initializeFirestore(firebaseApp, {
  localCache: persistentLocalCache({ tabManager: persistentMultipleTabManager() }),
});

if (config.emulators) {
  const { host, port } = config.emulators.firestore;
  connectFirestoreEmulator(db, host, port);
}

export {
  collection,
  collectionGroup,
  deleteDoc,
  doc,
  getDoc,
  limit,
  orderBy,
  query,
  serverTimestamp,
  setDoc,
  updateDoc,
  where,
  writeBatch,
} from 'firebase/firestore';
export { readDocument, toTimestamp, watchDocument, watchQuery } from './snapshots';
