// The admin SDK for inspecting and seeding the stack from tests. It finds the emulators through
// FIRESTORE_EMULATOR_HOST, FIREBASE_AUTH_EMULATOR_HOST and STORAGE_EMULATOR_HOST.
import { getApps, initializeApp } from 'firebase-admin/app';
import { getAuth } from 'firebase-admin/auth';
import { getFirestore } from 'firebase-admin/firestore';
import { getStorage } from 'firebase-admin/storage';
import { bucketName, projectId } from './env.js';

const app =
  getApps().find((a) => a.name === 'hearth-tests') ?? initializeApp({ projectId }, 'hearth-tests');

export const adminDb = getFirestore(app);
export const adminAuth = getAuth(app);
export const adminBucket: ReturnType<ReturnType<typeof getStorage>['bucket']> =
  getStorage(app).bucket(bucketName);
