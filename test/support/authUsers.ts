// Real users in the Auth emulator, made through its REST API (any API key is accepted there).
import { randomUUID } from 'node:crypto';
import { authEmulator, projectId } from './env.js';

export interface TestUser {
  uid: string;
  email: string;
  password: string;
  idToken: string;
}

const base = `http://${authEmulator.host}:${authEmulator.port}`;

async function post<T>(path: string, body: unknown): Promise<T> {
  const response = await fetch(`${base}${path}?key=demo-api-key`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!response.ok)
    throw new Error(`Auth emulator ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

/** Signs up a new email/password user; the sign-up fires the onUserCreated trigger. */
export async function createUser(label = 'user'): Promise<TestUser> {
  const email = `${label}-${randomUUID().slice(0, 8)}@example.com`;
  const password = 'correct horse battery staple';
  const result = await post<{ localId: string; idToken: string }>(
    '/identitytoolkit.googleapis.com/v1/accounts:signUp',
    {
      email,
      password,
      returnSecureToken: true,
    },
  );
  return { uid: result.localId, email, password, idToken: result.idToken };
}

/** Removes every user of the project from the Auth emulator. */
export async function deleteAllUsers(): Promise<void> {
  const response = await fetch(`${base}/emulator/v1/projects/${projectId}/accounts`, {
    method: 'DELETE',
  });
  if (!response.ok) throw new Error(`Auth emulator reset: ${response.status}`);
}
