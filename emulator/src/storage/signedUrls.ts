/**
 * Checks a Cloud Storage signed URL as the XML API does: V4 (`X-Goog-Algorithm=GOOG4-RSA-SHA256`,
 * the canonical request hashed into a string to sign, an RSA-SHA256 signature in hex) and V2
 * (`GoogleAccessId`, `Expires`, a base64 RSA-SHA256 signature). Well-formedness first (400
 * MalformedSecurityHeader), then the time window (400 ExpiredToken), then the signature against the
 * account's registered public key (403 SignatureDoesNotMatch). The method is part of what is
 * signed, so a URL signed for reading cannot write.
 */
import { createHash, verify, type KeyObject } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { StorageError } from './errors.js';
import type { SigningKeys } from './signingKeys.js';

/** An error the XML API answers with `<Error><Code>…`: its code, message and details. */
export class SignedUrlError extends StorageError {
  constructor(
    status: number,
    readonly code: string,
    message: string,
    readonly details: string,
    readonly extra: Record<string, string> = {},
  ) {
    super(status, code, message);
  }
}

const SIGNATURE_MISMATCH =
  'The request signature we calculated does not match the signature you provided. Check your Google secret key and signing method.';
const SEVEN_DAYS = 7 * 24 * 60 * 60;

export interface SignedRequest {
  method: string;
  /** The path as sent, still percent-encoded. */
  rawPath: string;
  /** The query as sent, without the `?`. */
  rawQuery: string;
  headers: IncomingHttpHeaders;
}

export type SignedUrlVersion = 'v4' | 'v2';

/** Which signing scheme a query claims, if any. */
export function signedUrlVersion(query: URLSearchParams): SignedUrlVersion | null {
  if (query.has('X-Goog-Algorithm') || query.has('X-Goog-Signature')) return 'v4';
  if (query.has('GoogleAccessId') || query.has('Signature')) return 'v2';
  return null;
}

/** Verifies a signed request; returns the signing account, or throws a SignedUrlError. */
export function verifySignedUrl(
  request: SignedRequest,
  keys: SigningKeys,
  now = Date.now(),
): { account: string; version: SignedUrlVersion } {
  const params = parseQuery(request.rawQuery);
  const query = new URLSearchParams(params);
  const version = signedUrlVersion(query);
  if (version === 'v4') return { account: verifyV4(request, params, keys, now), version };
  if (version === 'v2') return { account: verifyV2(request, query, keys, now), version };
  throw malformed('The request is not signed.', '');
}

function verifyV4(
  request: SignedRequest,
  params: [string, string][],
  keys: SigningKeys,
  now: number,
): string {
  const query = new URLSearchParams(params);
  const need = (name: string) => {
    const value = query.get(name);
    if (value === null || value === '') throw malformed(`Missing ${name} parameter.`, name);
    return value;
  };
  const algorithm = need('X-Goog-Algorithm');
  if (algorithm !== 'GOOG4-RSA-SHA256')
    throw malformed(`Unsupported X-Goog-Algorithm: ${algorithm}.`, 'X-Goog-Algorithm');
  const credential = need('X-Goog-Credential');
  const date = need('X-Goog-Date');
  const expires = need('X-Goog-Expires');
  const signedHeaders = need('X-Goog-SignedHeaders');
  const signature = need('X-Goog-Signature');
  const slash = credential.indexOf('/');
  const account = slash > 0 ? credential.slice(0, slash) : '';
  const scope = credential.slice(slash + 1);
  const scopeParts = scope.split('/');
  if (
    !account ||
    scopeParts.length !== 4 ||
    scopeParts[2] !== 'storage' ||
    scopeParts[3] !== 'goog4_request'
  )
    throw malformed(
      `Invalid credential: expected <email>/<date>/<location>/storage/goog4_request, got ${credential}.`,
      'X-Goog-Credential',
    );
  const start = parseGoogDate(date);
  if (start === null)
    throw malformed(`Invalid X-Goog-Date, expected YYYYMMDD'T'HHMMSS'Z': ${date}.`, 'X-Goog-Date');
  if (scopeParts[0] !== date.slice(0, 8))
    throw malformed(
      `The credential's date ${scopeParts[0]} is not the date of X-Goog-Date ${date}.`,
      'X-Goog-Credential',
    );
  if (!/^\d{1,7}$/.test(expires) || Number(expires) < 1 || Number(expires) > SEVEN_DAYS)
    throw malformed(
      `X-Goog-Expires must be a whole number of seconds from 1 to ${SEVEN_DAYS}: ${expires}.`,
      'X-Goog-Expires',
    );
  checkWindow(start, start + Number(expires) * 1000, now);

  const headerNames = signedHeaders.split(';');
  if (!headerNames.includes('host') || headerNames.some((name) => name !== name.toLowerCase()))
    throw malformed(
      `X-Goog-SignedHeaders must list lowercase header names including host: ${signedHeaders}.`,
      'X-Goog-SignedHeaders',
    );
  const canonicalQuery = params
    .filter(([name]) => name !== 'X-Goog-Signature')
    .map(([name, value]) => [strictEncode(name), strictEncode(value)] as const)
    .sort(([a, av], [b, bv]) => (a < b ? -1 : a > b ? 1 : av < bv ? -1 : av > bv ? 1 : 0))
    .map(([name, value]) => `${name}=${value}`)
    .join('&');
  const payload = headerNames.includes('x-goog-content-sha256')
    ? headerValue(request.headers, 'x-goog-content-sha256')
    : 'UNSIGNED-PAYLOAD';
  const key = keys.get(account);
  const signatureBytes = /^(?:[0-9a-f]{2})+$/i.test(signature)
    ? Buffer.from(signature, 'hex')
    : null;
  let shown: { stringToSign: string; canonicalRequest: string } | undefined;
  // The client signed the host it addressed; clients differ on whether a port belongs to it.
  for (const host of hostCandidates(request.headers.host)) {
    const canonicalHeaders = headerNames
      .map((name) => `${name}:${name === 'host' ? host : headerValue(request.headers, name)}\n`)
      .join('');
    const canonicalRequest = [
      request.method,
      request.rawPath,
      canonicalQuery,
      canonicalHeaders,
      signedHeaders,
      payload,
    ].join('\n');
    const stringToSign = [
      'GOOG4-RSA-SHA256',
      date,
      scope,
      createHash('sha256').update(canonicalRequest).digest('hex'),
    ].join('\n');
    shown ??= { stringToSign, canonicalRequest };
    if (
      key &&
      signatureBytes &&
      verify('RSA-SHA256', Buffer.from(stringToSign), key, signatureBytes)
    )
      return account;
  }
  throw mismatch(account, key, {
    StringToSign: shown!.stringToSign,
    CanonicalRequest: shown!.canonicalRequest,
  });
}

function verifyV2(
  request: SignedRequest,
  query: URLSearchParams,
  keys: SigningKeys,
  now: number,
): string {
  const account = query.get('GoogleAccessId') ?? '';
  const expires = query.get('Expires') ?? '';
  const signature = query.get('Signature') ?? '';
  if (!account) throw malformed('Missing GoogleAccessId parameter.', 'GoogleAccessId');
  if (!signature) throw malformed('Missing Signature parameter.', 'Signature');
  if (!/^\d{1,12}$/.test(expires))
    throw malformed(`Expires must be seconds since the epoch: ${expires}.`, 'Expires');
  checkWindow(-Infinity, Number(expires) * 1000, now);
  const extensionHeaders = Object.keys(request.headers)
    .filter((name) => name.startsWith('x-goog-'))
    .sort()
    .map((name) => `${name}:${headerValue(request.headers, name)}\n`)
    .join('');
  const stringToSign = [
    request.method,
    headerValue(request.headers, 'content-md5'),
    headerValue(request.headers, 'content-type'),
    expires,
    extensionHeaders + request.rawPath,
  ].join('\n');
  const key = keys.get(account);
  const bytes = Buffer.from(signature, 'base64');
  // Base64 that does not round-trip is not a signature someone made: a changed character shows.
  const wellFormed = bytes.toString('base64') === signature;
  if (key && wellFormed && verify('RSA-SHA256', Buffer.from(stringToSign), key, bytes))
    return account;
  throw mismatch(account, key, { StringToSign: stringToSign });
}

/** Before the start (V4 `X-Goog-Date`) or after the end: refused as GCS refuses it. */
function checkWindow(start: number, end: number, now: number): void {
  if (now < start)
    throw new SignedUrlError(
      403,
      'AccessDenied',
      'Access denied.',
      `Request is not yet valid: it becomes valid at ${new Date(start).toISOString()}.`,
    );
  if (now > end)
    throw new SignedUrlError(
      400,
      'ExpiredToken',
      'The provided token has expired.',
      `Request signature expired at: ${new Date(end).toISOString()}`,
    );
}

function malformed(details: string, parameter: string): SignedUrlError {
  return new SignedUrlError(
    400,
    'MalformedSecurityHeader',
    'Its value is malformed.',
    details,
    parameter ? { ParameterName: parameter } : {},
  );
}

function mismatch(
  account: string,
  key: KeyObject | undefined,
  extra: Record<string, string>,
): SignedUrlError {
  return new SignedUrlError(
    403,
    'SignatureDoesNotMatch',
    'Access denied.',
    key
      ? SIGNATURE_MISMATCH
      : `${SIGNATURE_MISMATCH} The emulator knows no signing key for ${account}: name its key file in firebase.json (emulators.storage.signingKeys), in GOOGLE_APPLICATION_CREDENTIALS when the emulator starts, or POST it to /internal/signingKeys.`,
    extra,
  );
}

/** `20261204T053330Z` as epoch milliseconds, or null. */
function parseGoogDate(value: string): number | null {
  const match = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (!match) return null;
  const [, y, mo, d, h, mi, s] = match.map(Number) as number[];
  const time = Date.UTC(y!, mo! - 1, d!, h!, mi!, s!);
  const back = new Date(time);
  return back.getUTCMonth() === mo! - 1 &&
    back.getUTCDate() === d! &&
    h! < 24 &&
    mi! < 60 &&
    s! < 60
    ? time
    : null;
}

/** The query's pairs in order, decoded (a `+` is a space, as in forms). */
function parseQuery(raw: string): [string, string][] {
  if (raw === '') return [];
  return raw.split('&').map((pair) => {
    const at = pair.indexOf('=');
    const decode = (text: string) => {
      try {
        return decodeURIComponent(text.replace(/\+/g, ' '));
      } catch {
        throw malformed(`The query parameter ${JSON.stringify(pair)} is not valid UTF-8.`, '');
      }
    };
    return at < 0 ? [decode(pair), ''] : [decode(pair.slice(0, at)), decode(pair.slice(at + 1))];
  });
}

/** RFC 3986 encoding: everything but unreserved characters. */
function strictEncode(text: string): string {
  return encodeURIComponent(text).replace(
    /[!'()*]/g,
    (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

function headerValue(headers: IncomingHttpHeaders, name: string): string {
  const value = headers[name];
  const text = Array.isArray(value) ? value.join(',') : (value ?? '');
  return text.trim().replace(/\s{2,}/g, ' ');
}

function hostCandidates(host: string | undefined): string[] {
  const value = (host ?? '').trim();
  const bare = value.replace(/:\d+$/, '');
  return bare === value ? [value] : [value, bare];
}
