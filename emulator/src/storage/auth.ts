/**
 * Who is calling. The emulator accepts what Google's does locally: `owner` (rules-unit-testing's
 * withSecurityRulesDisabled) is an admin, and an ID token, signed or not, is trusted as is and
 * becomes `request.auth`. Signatures are not checked: there is no key to check them with.
 */
import type { AuthContext } from '../rules/api.js';
import { UnauthorizedError } from './errors.js';

export type Caller = { kind: 'admin' } | { kind: 'client'; auth: AuthContext | null };

export const ADMIN: Caller = { kind: 'admin' };

/**
 * For the Firebase API: `Firebase <token>` or `Bearer <token>`; no header is an anonymous client,
 * except for the Cloud Storage client library (firebase-admin's getDownloadURL reads v0 metadata
 * through it). In production it always sends project credentials; pointed at an emulator it sends
 * none, and names itself in `x-goog-api-client` (`gccl/<version>`).
 */
export function callerOf(authorization: string | undefined, apiClient?: string): Caller {
  if (!authorization)
    return /(^|\s)gccl\//.test(apiClient ?? '') ? ADMIN : { kind: 'client', auth: null };
  const match = /^(Firebase|Bearer)\s+(\S+)\s*$/i.exec(authorization);
  if (!match) throw new UnauthorizedError('Invalid authorization header.');
  const token = match[2]!;
  if (token === 'owner') return ADMIN;
  const claims = decodeJwtPayload(token);
  if (!claims) {
    // A Bearer token that is not a JWT is an OAuth access token: the admin SDKs' credentials.
    if (match[1]!.toLowerCase() === 'bearer') return ADMIN;
    throw new UnauthorizedError('Invalid Firebase ID token.');
  }
  const uid = claims.user_id ?? claims.sub;
  if (typeof uid !== 'string' || uid.length === 0) {
    throw new UnauthorizedError('Firebase ID token has no "sub" or "user_id" claim.');
  }
  return { kind: 'client', auth: { uid, token: { ...claims, uid, sub: uid } } };
}

function decodeJwtPayload(token: string): Record<string, unknown> | null {
  const parts = token.split('.');
  if (parts.length !== 3 || !parts[1]) return null;
  try {
    const payload = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8')) as unknown;
    return payload !== null && typeof payload === 'object' && !Array.isArray(payload)
      ? (payload as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}
