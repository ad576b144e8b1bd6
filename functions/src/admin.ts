// firebase-admin, initialised once for every function in this codebase.
import { getApps, initializeApp } from 'firebase-admin/app';
import { getAuth } from 'firebase-admin/auth';
import { getFirestore } from 'firebase-admin/firestore';
import { getFunctions } from 'firebase-admin/functions';
import { getMessaging } from 'firebase-admin/messaging';
import { getStorage } from 'firebase-admin/storage';

const app = getApps()[0] ?? initializeApp();

export const db = getFirestore(app);
export const adminAuth = getAuth(app);

/** The default bucket; demo projects have no configured one, so fall back to the conventional name. */
export function defaultBucket() {
  const name =
    app.options.storageBucket ??
    `${app.options.projectId ?? process.env.GCLOUD_PROJECT}.appspot.com`;
  return getStorage(app).bucket(name);
}

/** Cloud Tasks queues of task queue functions (the Cloud Tasks emulator's, locally). */
export const taskQueues = getFunctions(app);
export const messaging = getMessaging(app);
