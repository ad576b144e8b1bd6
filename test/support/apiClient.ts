// Calls to the REST API through the Functions emulator, as a script or device would make them,
// and the fixtures its suites share: a list with an owner, an editor, a viewer and a stranger.
import { FieldValue, type DocumentData } from 'firebase-admin/firestore';
import { newListDoc } from '../../functions/src/model/index.js';
import { adminDb } from './admin.js';
import { createUser, type TestUser } from './authUsers.js';
import { functionsEmulator, projectId } from './env.js';

/** The function's own URL; the function also answers under /api/v1 as Hosting serves it. */
export const functionUrl = `http://${functionsEmulator.host}:${functionsEmulator.port}/${projectId}/us-central1/api`;
export const apiBase = `${functionUrl}/api/v1`;

export interface ApiResult {
  status: number;
  headers: Headers;
  text: string;
  /** The parsed JSON body, or undefined when the body is empty or not JSON. */
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- tests probe arbitrary shapes
}

export interface CallOptions {
  token?: string;
  /** Sent as JSON unless it is already a string (sent as is). */
  body?: unknown;
  headers?: Record<string, string>;
}

export async function callApi(
  method: string,
  path: string,
  options: CallOptions = {},
): Promise<ApiResult> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.Authorization = `Bearer ${options.token}`;
  let body: string | undefined;
  if (options.body !== undefined) {
    body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
    headers['Content-Type'] ??= 'application/json';
  }
  const response = await fetch(path.startsWith('http') ? path : `${apiBase}${path}`, {
    method,
    headers,
    body,
  });
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  return { status: response.status, headers: response.headers, text, body: parsed };
}

export interface SharedList {
  listId: string;
  owner: TestUser;
  editor: TestUser;
  viewer: TestUser;
  stranger: TestUser;
}

/** A list written with the admin SDK (as the sharing callables would leave it). */
export async function seedSharedList(title = 'Shared'): Promise<SharedList> {
  const [owner, editor, viewer, stranger] = await Promise.all([
    createUser('api-owner'),
    createUser('api-editor'),
    createUser('api-viewer'),
    createUser('api-stranger'),
  ]);
  const ref = adminDb.collection('lists').doc();
  const now = FieldValue.serverTimestamp();
  await ref.set({
    ...newListDoc(owner.uid, { title, order: 5 }, now),
    members: { [owner.uid]: 'owner', [editor.uid]: 'editor', [viewer.uid]: 'viewer' },
    memberIds: [owner.uid, editor.uid, viewer.uid],
  });
  return { listId: ref.id, owner: owner, editor: editor, viewer: viewer, stranger: stranger };
}

/**
 * Another member of a shared list. Each caller has its own rate-limit budget (a burst of 30), so
 * suites that send many requests spread them over several members.
 */
export async function addMember(
  listId: string,
  role: 'editor' | 'viewer',
  label: string = role,
): Promise<TestUser> {
  const user = await createUser(`api-${label}`);
  await adminDb.doc(`lists/${listId}`).update({
    [`members.${user.uid}`]: role,
    memberIds: FieldValue.arrayUnion(user.uid),
  });
  return user;
}

/** Every to-do of a list as stored, by id (to check what a refused request left alone). */
export async function storedTodos(listId: string): Promise<Record<string, DocumentData>> {
  const snapshot = await adminDb.collection(`lists/${listId}/todos`).get();
  return Object.fromEntries(snapshot.docs.map((doc) => [doc.id, doc.data()]));
}
