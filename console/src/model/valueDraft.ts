/**
 * What the value editor holds while a person types (text per field, nested drafts for arrays and
 * maps) and its conversion to a Firestore value, checked as Firestore checks a write: one clear
 * message per problem, located by field path, and no value at all while any problem remains, so
 * nothing is ever written half.
 */
import {
  arrayItems,
  mapFields,
  typeOf,
  vectorNumbers,
  vectorValue,
  type Fields,
  type Value,
  type ValueType,
} from './firestoreValue';
import {
  fieldNameProblem,
  formatFieldPath,
  hasLoneSurrogate,
  parsePath,
  utf8Length,
} from './names';
import { parseTimestamp } from './timestamp';

export type TextType =
  'string' | 'integer' | 'double' | 'timestamp' | 'bytes' | 'reference' | 'vector';

export type Draft =
  | { type: 'null' }
  | { type: 'boolean'; value: boolean }
  | { type: TextType; text: string }
  | { type: 'geopoint'; latitude: string; longitude: string }
  | { type: 'array'; items: Draft[] }
  | { type: 'map'; entries: DraftEntry[] };

export interface DraftEntry {
  key: string;
  value: Draft;
}

export interface DraftProblem {
  /** Where, as a field path with array indexes: `address.city`, `tags[2]`; '' for the whole value. */
  at: string;
  message: string;
}

export type Converted<T> = { ok: true; value: T } | { ok: false; problems: DraftProblem[] };

/** The database a value is written to: references must point into it. */
export interface DatabaseScope {
  projectId: string;
  database: string;
}

/** Firestore: a document is at most 1 MiB, of which a lone string or bytes value may use all but 89 bytes. */
export const MAX_VALUE_BYTES = 1_048_487;
export const MAX_DEPTH = 20;
export const MAX_VECTOR_DIMENSIONS = 2048;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

const TEXT_TYPES: readonly ValueType[] = [
  'string',
  'integer',
  'double',
  'timestamp',
  'bytes',
  'reference',
  'vector',
];

export function isTextType(type: ValueType): type is TextType {
  return TEXT_TYPES.includes(type);
}

/** A fresh draft of `type`; text carries over between text types so a retyped value is not lost. */
export function draftOfType(type: ValueType, from?: Draft): Draft {
  if (isTextType(type)) return { type, text: from && 'text' in from ? from.text : '' };
  switch (type) {
    case 'null':
      return { type };
    case 'boolean':
      return { type, value: from?.type === 'boolean' ? from.value : false };
    case 'geopoint':
      return { type, latitude: '0', longitude: '0' };
    case 'array':
      return { type, items: [] };
    case 'map':
      return { type, entries: [] };
  }
  throw new Error(`unknown type ${type satisfies never}`);
}

export function draftOf(value: Value): Draft {
  const type = typeOf(value);
  switch (type) {
    case 'null':
      return { type };
    case 'boolean':
      return { type, value: (value as { booleanValue: boolean }).booleanValue };
    case 'integer':
      return { type, text: (value as { integerValue: string }).integerValue };
    case 'double':
      return { type, text: String((value as { doubleValue: number | string }).doubleValue) };
    case 'timestamp':
      return { type, text: (value as { timestampValue: string }).timestampValue };
    case 'string':
      return { type, text: (value as { stringValue: string }).stringValue };
    case 'bytes':
      return { type, text: (value as { bytesValue: string }).bytesValue };
    case 'reference':
      return { type, text: referenceText((value as { referenceValue: string }).referenceValue) };
    case 'geopoint': {
      const point = (value as { geoPointValue: { latitude?: number; longitude?: number } })
        .geoPointValue;
      return {
        type,
        latitude: String(point.latitude ?? 0),
        longitude: String(point.longitude ?? 0),
      };
    }
    case 'vector':
      return { type, text: vectorNumbers(mapFields(value)).join(', ') };
    case 'array':
      return { type, items: arrayItems(value).map(draftOf) };
    case 'map':
      return { type, entries: entriesOf(mapFields(value)) };
  }
}

export function entriesOf(fields: Fields): DraftEntry[] {
  return Object.entries(fields).map(([key, value]) => ({ key, value: draftOf(value) }));
}

/** A reference is edited as its path inside the database (`users/alice`). */
function referenceText(name: string): string {
  const at = name.indexOf('/documents/');
  return at < 0 ? name : name.slice(at + '/documents/'.length);
}

/** Where a map's field sits, as problems name it: `address.city`, `` address.`post code` ``. */
export function fieldAt(at: string, key: string): string {
  const field = formatFieldPath([key]);
  return at === '' ? field : `${at}.${field}`;
}

/** Where an array's item sits, as problems name it: `tags[2]`. */
export function itemAt(at: string, index: number): string {
  return `${at}[${index}]`;
}

class Checker {
  readonly problems: DraftProblem[] = [];

  constructor(private readonly scope: DatabaseScope) {}

  problem(at: string, message: string): undefined {
    this.problems.push({ at, message });
    return undefined;
  }

  value(draft: Draft, at: string, depth: number, inArray: boolean): Value | undefined {
    switch (draft.type) {
      case 'null':
        return { nullValue: null };
      case 'boolean':
        return { booleanValue: draft.value };
      case 'string':
        return this.string(draft.text, at);
      case 'integer':
        return this.integer(draft.text, at);
      case 'double': {
        const n = this.double(draft.text, at, 'A double');
        return n === undefined ? undefined : { doubleValue: encodeDouble(n) };
      }
      case 'timestamp': {
        const parsed = parseTimestamp(draft.text);
        return parsed.ok ? { timestampValue: parsed.value } : this.problem(at, parsed.message);
      }
      case 'bytes':
        return this.bytes(draft.text, at);
      case 'reference':
        return this.reference(draft.text, at);
      case 'geopoint':
        return this.geopoint(draft.latitude, draft.longitude, at);
      case 'vector':
        return this.vector(draft.text, at);
      case 'array':
        return this.array(draft.items, at, depth, inArray);
      case 'map': {
        if (depth > MAX_DEPTH) return this.tooDeep(at);
        const fields = this.fields(draft.entries, at, depth + 1);
        return fields && { mapValue: { fields } };
      }
    }
  }

  fields(entries: DraftEntry[], at: string, depth: number): Fields | undefined {
    const fields: Fields = {};
    const seen = new Set<string>();
    let valid = true;
    for (const entry of entries) {
      const path = fieldAt(at, entry.key);
      const problem = fieldNameProblem(entry.key);
      if (problem) {
        this.problem(path, problem);
        valid = false;
        continue;
      }
      if (seen.has(entry.key)) {
        this.problem(path, `Two fields are named "${entry.key}": a map's field names are unique.`);
        valid = false;
        continue;
      }
      seen.add(entry.key);
      const value = this.value(entry.value, path, depth, false);
      if (value === undefined) valid = false;
      else fields[entry.key] = value;
    }
    return valid ? fields : undefined;
  }

  private tooDeep(at: string): undefined {
    return this.problem(
      at,
      `Firestore allows at most ${MAX_DEPTH} levels of maps and arrays inside a document.`,
    );
  }

  private array(items: Draft[], at: string, depth: number, inArray: boolean): Value | undefined {
    if (inArray)
      return this.problem(
        at,
        'An array cannot hold another array directly (Firestore refuses it): put the inner array in a map.',
      );
    if (depth > MAX_DEPTH) return this.tooDeep(at);
    const values: Value[] = [];
    let valid = true;
    for (const [i, item] of items.entries()) {
      const value = this.value(item, itemAt(at, i), depth + 1, true);
      if (value === undefined) valid = false;
      else values.push(value);
    }
    return valid ? { arrayValue: { values } } : undefined;
  }

  private string(text: string, at: string): Value | undefined {
    if (hasLoneSurrogate(text))
      return this.problem(at, 'A string must be valid UTF-8 (it has a lone surrogate).');
    if (utf8Length(text) > MAX_VALUE_BYTES)
      return this.problem(
        at,
        `A string can be at most ${MAX_VALUE_BYTES.toLocaleString('en-US')} bytes.`,
      );
    return { stringValue: text };
  }

  private integer(text: string, at: string): Value | undefined {
    const trimmed = text.trim();
    if (!/^[+-]?\d+$/.test(trimmed))
      return this.problem(
        at,
        `"${text}" is not an integer: use digits only, such as 42 or -7 (for fractions, choose double).`,
      );
    const n = BigInt(trimmed);
    if (n < INT64_MIN || n > INT64_MAX)
      return this.problem(
        at,
        `${trimmed} is outside the 64-bit integers Firestore stores (${INT64_MIN} to ${INT64_MAX}).`,
      );
    return { integerValue: n.toString() };
  }

  private double(text: string, at: string, what: string): number | undefined {
    const trimmed = text.trim();
    if (trimmed === 'NaN') return NaN;
    if (trimmed === 'Infinity' || trimmed === '+Infinity') return Infinity;
    if (trimmed === '-Infinity') return -Infinity;
    if (!DECIMAL.test(trimmed)) {
      this.problem(at, `"${text}" is not a number: write it as 3.14, -2 or 6.02e23.`);
      return undefined;
    }
    const n = Number(trimmed);
    if (!Number.isFinite(n)) {
      this.problem(at, `${what} cannot hold ${trimmed}: it is beyond ±1.8e308.`);
      return undefined;
    }
    return n;
  }

  private bytes(text: string, at: string): Value | undefined {
    const compact = text.replace(/\s+/g, '');
    if (!BASE64.test(compact))
      return this.problem(
        at,
        'Bytes are written in base64 (A–Z, a–z, 0–9, "+", "/", padded with "=" to a multiple of 4 characters).',
      );
    if ((compact.length / 4) * 3 - (compact.match(/=/g)?.length ?? 0) > MAX_VALUE_BYTES)
      return this.problem(
        at,
        `Bytes can be at most ${MAX_VALUE_BYTES.toLocaleString('en-US')} long.`,
      );
    return { bytesValue: compact };
  }

  private reference(text: string, at: string): Value | undefined {
    const { projectId, database } = this.scope;
    const root = `projects/${projectId}/databases/${database}/documents`;
    let path = text.trim();
    if (path.startsWith('projects/')) {
      if (!path.startsWith(`${root}/`))
        return this.problem(
          at,
          `A reference must point into this database (${root}); write just the document path, such as users/alice.`,
        );
      path = path.slice(root.length + 1);
    }
    const parsed = parsePath(path, 'document');
    if (!parsed.ok) return this.problem(at, `Not a document reference: ${parsed.message}`);
    return { referenceValue: `${root}/${parsed.value.join('/')}` };
  }

  private geopoint(latitude: string, longitude: string, at: string): Value | undefined {
    const lat = this.double(latitude, `${at} latitude`, 'A latitude');
    const lng = this.double(longitude, `${at} longitude`, 'A longitude');
    if (lat === undefined || lng === undefined) return undefined;
    if (!(lat >= -90 && lat <= 90))
      return this.problem(at, `Latitude must be between -90 and 90 (got ${latitude}).`);
    if (!(lng >= -180 && lng <= 180))
      return this.problem(at, `Longitude must be between -180 and 180 (got ${longitude}).`);
    return { geoPointValue: { latitude: lat, longitude: lng } };
  }

  private vector(text: string, at: string): Value | undefined {
    const parts = text
      .replace(/^\s*\[|\]\s*$/g, '')
      .split(/[\s,]+/)
      .filter((part) => part !== '');
    if (parts.length === 0)
      return this.problem(at, 'A vector needs at least one number, such as 0.1, 0.2, 0.3.');
    if (parts.length > MAX_VECTOR_DIMENSIONS)
      return this.problem(
        at,
        `A vector has at most ${MAX_VECTOR_DIMENSIONS} dimensions (this one has ${parts.length}).`,
      );
    const numbers: number[] = [];
    for (const [i, part] of parts.entries()) {
      const n = this.double(part, itemAt(at, i), 'A vector');
      if (n === undefined) return undefined;
      if (!Number.isFinite(n))
        return this.problem(itemAt(at, i), 'A vector holds finite numbers only.');
      numbers.push(n);
    }
    return vectorValue(numbers);
  }
}

/** JSON has no NaN or infinities: proto3 JSON spells them as strings. */
function encodeDouble(n: number): number | 'NaN' | 'Infinity' | '-Infinity' {
  if (Number.isNaN(n)) return 'NaN';
  if (n === Infinity) return 'Infinity';
  if (n === -Infinity) return '-Infinity';
  return n;
}

export function toValue(draft: Draft, scope: DatabaseScope, at = ''): Converted<Value> {
  const checker = new Checker(scope);
  const value = checker.value(draft, at, 1, false);
  return value === undefined ? { ok: false, problems: checker.problems } : { ok: true, value };
}

/** A whole document's fields (the top level of the editor). */
export function toFields(entries: DraftEntry[], scope: DatabaseScope): Converted<Fields> {
  const checker = new Checker(scope);
  const fields = checker.fields(entries, '', 1);
  return fields === undefined
    ? { ok: false, problems: checker.problems }
    : { ok: true, value: fields };
}
