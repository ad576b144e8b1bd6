/**
 * Custom claims as Firebase Auth accepts them (`setCustomUserClaims`): a JSON object of at most
 * 1000 bytes whose keys are not the ID token's own claims.
 */
import type { Checked } from './names';

/** Claims the ID token sets itself (firebase-admin's list). */
const RESERVED = [
  'acr',
  'amr',
  'at_hash',
  'aud',
  'auth_time',
  'azp',
  'cnf',
  'c_hash',
  'exp',
  'firebase',
  'iat',
  'iss',
  'jti',
  'nbf',
  'nonce',
  'sub',
];
export const MAX_CLAIMS_BYTES = 1000;

/** Parses claims typed as JSON; '' means none. Returns the compact JSON the Auth API stores. */
export function parseClaims(text: string): Checked<string> {
  if (text.trim() === '') return { ok: true, value: '' };
  let claims: unknown;
  try {
    claims = JSON.parse(text);
  } catch (error) {
    return { ok: false, message: `Not valid JSON: ${(error as Error).message}` };
  }
  if (typeof claims !== 'object' || claims === null || Array.isArray(claims))
    return { ok: false, message: 'Claims are a JSON object, such as {"admin": true}.' };
  const reserved = Object.keys(claims).filter((key) => RESERVED.includes(key));
  if (reserved.length > 0)
    return {
      ok: false,
      message: `${reserved.map((k) => `"${k}"`).join(', ')} ${reserved.length === 1 ? 'is' : 'are'} reserved: the ID token sets ${reserved.length === 1 ? 'it' : 'them'} itself.`,
    };
  const compact = JSON.stringify(claims);
  const bytes = new TextEncoder().encode(compact).length;
  if (bytes > MAX_CLAIMS_BYTES)
    return {
      ok: false,
      message: `Claims can be at most ${MAX_CLAIMS_BYTES} bytes (these are ${bytes}).`,
    };
  return { ok: true, value: compact };
}

/** The claims as a person reads and edits them. */
export function formatClaims(stored: string | undefined): string {
  if (!stored) return '';
  try {
    return JSON.stringify(JSON.parse(stored), null, 2);
  } catch {
    return stored;
  }
}
