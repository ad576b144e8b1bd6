import type { Firestore } from 'firebase-admin/firestore';

export interface AdminFirestore {
  db: Firestore;
  close(): Promise<void>;
}

/**
 * A firebase-admin Firestore client for the server on `port`: an app named `name`, in project
 * `demo-bench-<name>`. The SDK reads FIRESTORE_EMULATOR_HOST when the instance is created, so each
 * client keeps the server it was made for.
 */
export async function adminFirestore(name: string, port: number): Promise<AdminFirestore> {
  process.env['FIRESTORE_EMULATOR_HOST'] = `127.0.0.1:${port}`;
  process.env['METADATA_SERVER_DETECTION'] = 'none';
  const { initializeApp, deleteApp } = await import('firebase-admin/app');
  const { getFirestore } = await import('firebase-admin/firestore');
  const app = initializeApp({ projectId: `demo-bench-${name}` }, name);
  return { db: getFirestore(app), close: () => deleteApp(app) };
}
