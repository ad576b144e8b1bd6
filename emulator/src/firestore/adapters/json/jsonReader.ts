/**
 * Reads one proto3-JSON message for the decoders (../decode/): fields by their lowerCamelCase name
 * or original snake_case name, `null` meaning "not set" (but for Value.nullValue, where it is the
 * value), and unknown fields rejected as Google's JSON front end rejects them. Errors are
 * INVALID_ARGUMENT naming the field's path, so bad wire input never gets further.
 */
import { invalidArgument } from '../../../model/errors.js';
import { putOwn, type Timestamp } from '../../../model/value.js';
import { enumName, type MessageReader, type ProtoEnum } from '../decode/reader.js';
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

function isJsonObject(json: unknown): json is JsonObject {
  return typeof json === 'object' && json !== null && !Array.isArray(json);
}

const snakeCase = (name: string): string => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
const join = (path: string, name: string): string => (path === '' ? name : `${path}.${name}`);

/** google.protobuf.NullValue's JSON is null itself; Value.nullValue is the API's one such field. */
const NULL_VALUE_FIELD = 'nullValue';

/** Decodes `json` as a message with `decode`; `path` names it in errors ('' for a request). */
export function readJson<T>(json: unknown, path: string, decode: (reader: MessageReader) => T): T {
  return JsonReader.read(json, path, decode);
}

class JsonReader implements MessageReader {
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
    const reader = new JsonReader(json, path);
    const result = decode(reader);
    reader.rejectUnknown();
    return result;
  }

  private key(name: string): string | undefined {
    if (name in this.json) return name;
    const snake = snakeCase(name);
    return snake in this.json ? snake : undefined;
  }

  /** The raw JSON of a set field, or undefined. */
  private raw(name: string): unknown {
    const key = this.key(name);
    if (key === undefined) return undefined;
    this.used.add(key);
    const value = this.json[key];
    return value === null && name !== NULL_VALUE_FIELD ? undefined : value;
  }

  /** Asking counts as reading: a field set to null that nothing else reads is not unknown. */
  has(name: string): boolean {
    const key = this.key(name);
    if (key === undefined) return false;
    this.used.add(key);
    return this.json[key] !== null || name === NULL_VALUE_FIELD;
  }

  oneof(names: readonly string[]): string | undefined {
    const present = names.filter((name) => this.has(name));
    if (present.length > 1) {
      throw invalidArgument(
        `Fields ${present.map((n) => `'${this.fieldPath(n)}'`).join(' and ')} are a oneof: set no more than one.`,
      );
    }
    return present[0];
  }

  fieldPath(name: string): string {
    return join(this.path, name);
  }

  string(name: string): string | undefined {
    return this.scalar(name, parseString);
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

  /** proto3 JSON writes a wrapper as its bare value. */
  int32Value(name: string): number | undefined {
    return this.int32(name);
  }

  int64Value(name: string): bigint | undefined {
    return this.int64(name);
  }

  doubleValue(name: string): number | undefined {
    return this.double(name);
  }

  enumValue<Name extends string>(name: string, values: ProtoEnum<Name>): Name | undefined {
    const json = this.raw(name);
    if (json === undefined) return undefined;
    const value =
      json === null
        ? enumName(values, 0)
        : typeof json === 'number'
          ? enumName(values, json)
          : json;
    if (typeof value !== 'string' || !Object.hasOwn(values, value)) {
      throw invalidArgument(
        `Invalid value at '${this.fieldPath(name)}', ${JSON.stringify(json)} is not one of ${Object.keys(values).join(', ')}.`,
      );
    }
    return value as Name;
  }

  message<T>(name: string, decode: (reader: MessageReader) => T): T | undefined {
    const json = this.raw(name);
    return json === undefined ? undefined : JsonReader.read(json, this.fieldPath(name), decode);
  }

  messages<T>(name: string, decode: (reader: MessageReader) => T): T[] {
    return this.repeated(name, (json, path) => JsonReader.read(json, path, decode));
  }

  strings(name: string): string[] {
    return this.repeated(name, parseString);
  }

  messageMap<T>(name: string, decode: (reader: MessageReader) => T): Record<string, T> {
    return this.map(name, (json, path) => JsonReader.read(json, path, decode));
  }

  stringMap(name: string): Record<string, string> {
    return this.map(name, parseString);
  }

  private repeated<T>(name: string, decodeItem: (json: unknown, path: string) => T): T[] {
    const json = this.raw(name);
    if (json === undefined) return [];
    if (!Array.isArray(json))
      throw invalidArgument(
        `Invalid value at '${this.fieldPath(name)}': expected a list, got ${describe(json)}.`,
      );
    return json.map((item, index) => decodeItem(item, `${this.fieldPath(name)}[${index}]`));
  }

  private map<T>(name: string, decodeValue: (json: unknown, path: string) => T): Record<string, T> {
    const json = this.raw(name);
    if (json === undefined) return {};
    if (!isJsonObject(json))
      throw invalidArgument(
        `Invalid value at '${this.fieldPath(name)}': expected a map, got ${describe(json)}.`,
      );
    const result: Record<string, T> = {};
    for (const [key, value] of Object.entries(json))
      putOwn(result, key, decodeValue(value, `${this.fieldPath(name)}[${JSON.stringify(key)}]`));
    return result;
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

function describe(json: unknown): string {
  if (json === null) return 'null';
  if (Array.isArray(json)) return 'a list';
  return typeof json === 'object'
    ? 'an object'
    : `${typeof json} ${JSON.stringify(json)}`.slice(0, 80);
}
