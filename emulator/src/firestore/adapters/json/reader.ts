/**
 * Reads one proto3-JSON message: fields by their lowerCamelCase name or original snake_case name,
 * `null` meaning "not set", and unknown fields rejected as Google's JSON front end rejects them.
 * Errors are INVALID_ARGUMENT naming the field's path, so bad wire input never gets further.
 */
import { invalidArgument } from '../../../model/errors.js';
import type { Timestamp } from '../../../model/value.js';
import {
  parseBool,
  parseBytes,
  parseDouble,
  parseInt32,
  parseInt64,
  parseString,
  parseTimestamp,
} from './scalars.js';

export type JsonObject = Record<string, unknown>;

export function isJsonObject(json: unknown): json is JsonObject {
  return typeof json === 'object' && json !== null && !Array.isArray(json);
}

const snakeCase = (name: string): string => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
const join = (path: string, name: string): string => (path === '' ? name : `${path}.${name}`);

export class MessageReader {
  private readonly used = new Set<string>();

  private constructor(
    private readonly json: JsonObject,
    readonly path: string,
  ) {}

  /** Decodes `json` as a message with `decode`, then rejects any field `decode` did not read. */
  static read<T>(json: unknown, path: string, decode: (reader: MessageReader) => T): T {
    if (!isJsonObject(json)) {
      throw invalidArgument(
        `Invalid JSON payload received. Expected an object at '${path || 'request'}', got ${describe(json)}.`,
      );
    }
    const reader = new MessageReader(json, path);
    const result = decode(reader);
    reader.rejectUnknown();
    return result;
  }

  /** The raw JSON of a field, or undefined when absent or null. */
  raw(name: string): unknown {
    const key = name in this.json ? name : snakeCase(name);
    if (!(key in this.json)) return undefined;
    this.used.add(key);
    const value = this.json[key];
    return value === null ? undefined : value;
  }

  /** Whether the field is present (even as null). */
  has(name: string): boolean {
    return name in this.json || snakeCase(name) in this.json;
  }

  fieldPath(name: string): string {
    return join(this.path, name);
  }

  string(name: string): string | undefined {
    return this.scalar(name, parseString);
  }

  requiredString(name: string): string {
    const value = this.string(name);
    if (value === undefined || value === '')
      throw invalidArgument(`Missing required field '${this.fieldPath(name)}'.`);
    return value;
  }

  boolean(name: string): boolean | undefined {
    return this.scalar(name, parseBool);
  }

  int32(name: string): number | undefined {
    return this.scalar(name, parseInt32);
  }

  int64(name: string): bigint | undefined {
    return this.scalar(name, parseInt64);
  }

  double(name: string): number | undefined {
    return this.scalar(name, parseDouble);
  }

  bytes(name: string): Uint8Array | undefined {
    return this.scalar(name, parseBytes);
  }

  timestamp(name: string): Timestamp | undefined {
    return this.scalar(name, parseTimestamp);
  }

  /** An enum by name (or by number, as proto3 JSON allows). */
  enumValue<T extends string>(name: string, values: readonly T[]): T | undefined {
    const json = this.raw(name);
    if (json === undefined) return undefined;
    const value = typeof json === 'number' ? values[json] : json;
    if (typeof value !== 'string' || !(values as readonly string[]).includes(value)) {
      throw invalidArgument(
        `Invalid value at '${this.fieldPath(name)}', ${JSON.stringify(json)} is not one of ${values.join(', ')}.`,
      );
    }
    return value as T;
  }

  message<T>(name: string, decode: (reader: MessageReader) => T): T | undefined {
    const json = this.raw(name);
    return json === undefined ? undefined : MessageReader.read(json, this.fieldPath(name), decode);
  }

  repeated<T>(name: string, decodeItem: (json: unknown, path: string) => T): T[] {
    const json = this.raw(name);
    if (json === undefined) return [];
    if (!Array.isArray(json))
      throw invalidArgument(
        `Invalid value at '${this.fieldPath(name)}': expected a list, got ${describe(json)}.`,
      );
    return json.map((item, index) => decodeItem(item, `${this.fieldPath(name)}[${index}]`));
  }

  messages<T>(name: string, decode: (reader: MessageReader) => T): T[] {
    return this.repeated(name, (json, path) => MessageReader.read(json, path, decode));
  }

  map<T>(name: string, decodeValue: (json: unknown, path: string) => T): Record<string, T> {
    const json = this.raw(name);
    if (json === undefined) return {};
    if (!isJsonObject(json))
      throw invalidArgument(
        `Invalid value at '${this.fieldPath(name)}': expected a map, got ${describe(json)}.`,
      );
    const result: Record<string, T> = {};
    for (const [key, value] of Object.entries(json))
      result[key] = decodeValue(value, `${this.fieldPath(name)}[${JSON.stringify(key)}]`);
    return result;
  }

  /** Requires at most one of a oneof's fields. */
  oneof(names: readonly string[]): void {
    const present = names.filter(
      (name) => this.has(name) && this.json[name in this.json ? name : snakeCase(name)] !== null,
    );
    if (present.length > 1) {
      throw invalidArgument(
        `Invalid JSON payload received. Fields ${present.map((n) => `'${this.fieldPath(n)}'`).join(' and ')} are a oneof: set at most one.`,
      );
    }
  }

  private scalar<T>(name: string, parse: (json: unknown, path: string) => T): T | undefined {
    const json = this.raw(name);
    return json === undefined ? undefined : parse(json, this.fieldPath(name));
  }

  private rejectUnknown(): void {
    for (const key of Object.keys(this.json)) {
      if (!this.used.has(key)) {
        throw invalidArgument(
          `Invalid JSON payload received. Unknown name ${JSON.stringify(key)} at '${this.path || 'request'}': Cannot find field.`,
        );
      }
    }
  }
}

export function describe(json: unknown): string {
  if (json === null) return 'null';
  if (Array.isArray(json)) return 'a list';
  return typeof json === 'object'
    ? 'an object'
    : `${typeof json} ${JSON.stringify(json)}`.slice(0, 80);
}
