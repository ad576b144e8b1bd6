/**
 * Who is calling, from the Authorization header: `Bearer owner` is the admin (rules bypassed),
 * any other bearer token is an ID token whose claims are trusted without checking a signature
 * (emulator tokens are unsigned: alg none), no header is an unauthenticated client.
 */
import { Code, FirestoreError } from '../../model/errors.js';
import type { AuthContext } from '../../rules/api.js';

export interface Caller {
  admin: boolean;
  auth: AuthContext | null;
}

export const ADMIN: Caller = { admin: true, auth: null };
export const ANONYMOUS: Caller = { admin: false, auth: null };

function unauthenticated(reason: string): FirestoreError {
  return new FirestoreError(Code.UNAUTHENTICATED, `Invalid Authorization header: ${reason}`);
}

function decodeSegment(segment: string): unknown {
  const json = Buffer.from(segment.replace(/-/g, '+').replace(/_/g, '/'), 'base64').toString(
    'utf8',
  );
  return JSON.parse(json);
}

export function callerFromAuthorization(header: string | undefined): Caller {
  if (header === undefined || header === '') return ANONYMOUS;
  // What firebase-admin sends with every request, answered without the parse below.
  if (header === 'Bearer owner') return ADMIN;
  const match = /^Bearer\s+(.+)$/i.exec(header.trim());
  if (!match) throw unauthenticated('expected "Bearer <token>".');
  const token = (match[1] as string).trim();
  if (token === 'owner') return ADMIN;
  const parts = token.split('.');
  if (parts.length !== 3 || !parts[0] || !parts[1])
    throw unauthenticated('the token is not a JWT.');
  let claims: unknown;
  try {
    decodeSegment(parts[0]);
    claims = decodeSegment(parts[1]);
  } catch {
    throw unauthenticated('the token is not valid base64url JSON.');
  }
  if (typeof claims !== 'object' || claims === null || Array.isArray(claims))
    throw unauthenticated('the token payload is not an object.');
  const record = claims as Record<string, unknown>;
  const uid =
    typeof record['sub'] === 'string'
      ? record['sub']
      : typeof record['user_id'] === 'string'
        ? record['user_id']
        : undefined;
  if (!uid) throw unauthenticated('the token has no sub or user_id.');
  return { admin: false, auth: { uid, token: record } };
}
