// A signed-in person as the web app would be: the firebase JS SDK with Auth and Functions pointed
// at the emulators, so callables carry a real ID token.
import { deleteApp, initializeApp, type FirebaseApp } from 'firebase/app';
import {
  connectAuthEmulator,
  getAuth,
  GoogleAuthProvider,
  signInWithCredential,
  signInWithEmailAndPassword,
} from 'firebase/auth';
import { connectFunctionsEmulator, getFunctions, httpsCallable } from 'firebase/functions';
import { authEmulator, functionsEmulator, projectId } from './env.js';
import type { TestUser } from './authUsers.js';

export interface Client {
  app: FirebaseApp;
  call<Result = unknown>(name: string, data?: unknown): Promise<Result>;
  close(): Promise<void>;
}

let appCount = 0;

function connectedApp(): FirebaseApp {
  const app = initializeApp({ projectId, apiKey: 'demo-api-key' }, `client-${++appCount}`);
  connectAuthEmulator(getAuth(app), `http://${authEmulator.host}:${authEmulator.port}`, {
    disableWarnings: true,
  });
  connectFunctionsEmulator(getFunctions(app), functionsEmulator.host, functionsEmulator.port);
  return app;
}

function clientOf(app: FirebaseApp): Client {
  return {
    app,
    async call<Result>(name: string, data?: unknown) {
      const result = await httpsCallable<unknown, Result>(getFunctions(app), name)(data);
      return result.data;
    },
    close: () => deleteApp(app),
  };
}

export async function signIn(user: TestUser): Promise<Client> {
  const app = connectedApp();
  await signInWithEmailAndPassword(getAuth(app), user.email, user.password);
  return clientOf(app);
}

/** What a Google account tells Firebase about its holder (an ID token's claims). */
export interface GoogleClaims {
  sub: string;
  email: string;
  name?: string;
  picture?: string;
}

/**
 * Signs in with Google the way the Auth emulator documents for tests: it accepts an unsigned
 * Google ID token given as its JSON claims, creating the account on first use. (The app's popup
 * flow cannot run here: the SDK loads its iframe helper from apis.google.com.)
 */
export async function signInWithGoogle(claims: GoogleClaims): Promise<Client & { uid: string }> {
  const app = connectedApp();
  const token = JSON.stringify({ ...claims, email_verified: true });
  const { user } = await signInWithCredential(getAuth(app), GoogleAuthProvider.credential(token));
  return { ...clientOf(app), uid: user.uid };
}

/** Nobody signed in. */
export function anonymousClient(): Client {
  return clientOf(connectedApp());
}

/**
 * The code and message of a failed callable, e.g. `functions/already-exists`. The SDK appends the
 * HTTP status to the server's message (`... [409]`); it is cut off to compare the text people see.
 */
export async function callError(
  promise: Promise<unknown>,
): Promise<{ code: string; message: string }> {
  try {
    await promise;
  } catch (error) {
    const { code, message } = error as { code?: unknown; message?: unknown };
    return { code: String(code), message: String(message).replace(/ \[\d{3}\]$/, '') };
  }
  throw new Error('expected the call to fail, but it succeeded');
}
