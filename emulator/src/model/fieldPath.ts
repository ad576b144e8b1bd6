/**
 * Field paths as Firestore writes them: segments joined by dots, a segment that is not a simple
 * identifier quoted in backticks with `\` escaping backticks and backslashes (`a.`b.c`.d`).
 */
import { invalidArgument } from './errors.js';

export type FieldPath = string[];

const SIMPLE = /^[_a-zA-Z][_a-zA-Z0-9]*$/;
const MAX_FIELD_PATH_BYTES = 1500;

export function parseFieldPath(text: string): FieldPath {
  if (typeof text !== 'string' || text === '') throw invalidArgument('Invalid field path: empty.');
  if (Buffer.byteLength(text) > MAX_FIELD_PATH_BYTES)
    throw invalidArgument(`Field path is too long: ${text.slice(0, 40)}...`);
  const segments: string[] = [];
  let current = '';
  let quoted = false;
  let wasQuoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (quoted) {
      if (c === '\\') {
        const next = text[i + 1];
        if (next === undefined)
          throw invalidArgument(`Invalid field path: ${text} ends with an escape.`);
        current += next;
        i++;
      } else if (c === '`') {
        quoted = false;
      } else {
        current += c;
      }
    } else if (c === '`') {
      if (current !== '') throw invalidArgument(`Invalid field path: ${text}`);
      quoted = true;
      wasQuoted = true;
    } else if (c === '.') {
      if (current === '' && !wasQuoted)
        throw invalidArgument(`Invalid field path: ${text} has an empty segment.`);
      segments.push(current);
      current = '';
      wasQuoted = false;
    } else {
      if (wasQuoted) throw invalidArgument(`Invalid field path: ${text}`);
      current += c;
    }
  }
  if (quoted) throw invalidArgument(`Invalid field path: ${text} has an unterminated backtick.`);
  if (current === '' && !wasQuoted)
    throw invalidArgument(`Invalid field path: ${text} has an empty segment.`);
  segments.push(current);
  return segments;
}

export function quoteSegment(segment: string): string {
  return SIMPLE.test(segment)
    ? segment
    : '`' + segment.replace(/\\/g, '\\\\').replace(/`/g, '\\`') + '`';
}

export function formatFieldPath(path: FieldPath): string {
  return path.map(quoteSegment).join('.');
}

export const NAME_FIELD = '__name__';

export function isNameField(path: FieldPath): boolean {
  return path.length === 1 && path[0] === NAME_FIELD;
}

export function isPrefixOf(prefix: FieldPath, path: FieldPath): boolean {
  return prefix.length <= path.length && prefix.every((s, i) => s === path[i]);
}
