/** Methods of string and bytes. Regular expressions are RE2 (via re2js), as in Firebase. */
import { RE2JS } from 're2js';
import { fail } from '../errors.js';
import type { RValue } from '../values.js';
import { arity, stringArg, type Method } from './args.js';

const MAX_CACHED_PATTERNS = 500;
const patterns = new Map<string, RE2JS>();

/** Compiles (and caches) a pattern; an invalid pattern is an evaluation error. */
export function regex(pattern: string): RE2JS {
  let re = patterns.get(pattern);
  if (re) return re;
  try {
    re = RE2JS.compile(pattern);
  } catch (e) {
    return fail(
      `Invalid regular expression '${pattern}': ${e instanceof Error ? e.message : String(e)}.`,
    );
  }
  if (patterns.size >= MAX_CACHED_PATTERNS) patterns.clear();
  patterns.set(pattern, re);
  return re;
}

const encoder = new TextEncoder();

export function codePointLength(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) i++;
    n++;
  }
  return n;
}

export const stringMethods: Record<string, Method<string>> = {
  size: (s, a) => (arity('size', a, 0), BigInt(codePointLength(s))),
  matches: (s, a) => (arity('matches', a, 1), regex(stringArg('matches', a, 0)).matches(s)),
  lower: (s, a) => (arity('lower', a, 0), s.toLowerCase()),
  upper: (s, a) => (arity('upper', a, 0), s.toUpperCase()),
  trim: (s, a) => (arity('trim', a, 0), s.trim()),
  split: (s, a) => (arity('split', a, 1), regex(stringArg('split', a, 0)).split(s, -1)),
  replace: (s, a) => {
    arity('replace', a, 2);
    const re = regex(stringArg('replace', a, 0));
    return re.matcher(s).replaceAll(stringArg('replace', a, 1));
  },
  toUtf8: (s, a) => (arity('toUtf8', a, 0), encoder.encode(s)),
};

export const bytesMethods: Record<string, Method<Uint8Array>> = {
  size: (b, a) => (arity('size', a, 0), BigInt(b.length)),
  toBase64: (b, a) => (arity('toBase64', a, 0), Buffer.from(b).toString('base64url')),
  toHexString: (b, a) => (arity('toHexString', a, 0), Buffer.from(b).toString('hex').toUpperCase()),
};

/** `s[i]`: the code point at index i. */
export function stringIndex(s: string, i: bigint): RValue {
  const chars = Array.from(s);
  if (i < 0n || i >= BigInt(chars.length)) fail('Index out of range.');
  return chars[Number(i)] as string;
}
