/**
 * Listing as GCS does it: names in UTF-8 byte order, `delimiter` folding names into prefixes,
 * `maxResults` counting items and prefixes together, and an opaque page token that resumes after
 * the last entry returned.
 */
import { BadRequestError } from '../errors.js';

export interface ListOptions {
  prefix: string;
  delimiter: string;
  maxResults: number;
  pageToken?: string;
  startOffset?: string;
  endOffset?: string;
  includeTrailingDelimiter?: boolean;
}

export interface ListPage {
  names: string[];
  prefixes: string[];
  nextPageToken?: string;
}

export function compareNames(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

/** `sortedNames` must be in `compareNames` order. */
export function listNames(sortedNames: readonly string[], options: ListOptions): ListPage {
  const { prefix, delimiter, maxResults } = options;
  const after = options.pageToken === undefined ? undefined : decodePageToken(options.pageToken);
  const names: string[] = [];
  const prefixes: string[] = [];
  let last: string | undefined;
  for (const name of sortedNames) {
    if (!name.startsWith(prefix)) continue;
    if (options.startOffset !== undefined && compareNames(name, options.startOffset) < 0) continue;
    if (options.endOffset !== undefined && compareNames(name, options.endOffset) >= 0) continue;
    if (
      after !== undefined &&
      (compareNames(name, after) <= 0 ||
        (after.endsWith(delimiter) && delimiter && name.startsWith(after)))
    ) {
      continue;
    }
    const cut = delimiter ? name.indexOf(delimiter, prefix.length) : -1;
    const folded = cut >= 0 ? name.slice(0, cut + delimiter.length) : undefined;
    if (folded !== undefined && folded === last) {
      if (options.includeTrailingDelimiter && name === folded) names.push(name);
      continue;
    }
    if (names.length + prefixes.length >= maxResults) {
      return { names, prefixes, nextPageToken: encodePageToken(last!) };
    }
    if (folded !== undefined) {
      prefixes.push(folded);
      if (options.includeTrailingDelimiter && name === folded) names.push(name);
      last = folded;
    } else {
      names.push(name);
      last = name;
    }
  }
  return { names, prefixes };
}

function encodePageToken(name: string): string {
  return Buffer.from(name, 'utf8').toString('base64url');
}

function decodePageToken(token: string): string {
  const name = Buffer.from(token, 'base64url').toString('utf8');
  if (name.length === 0 || encodePageToken(name) !== token)
    throw new BadRequestError('Invalid page token.');
  return name;
}
