/**
 * Reads one protobuf message for the decoders (../decode/), as protobufjs decodes it: a field is
 * set when the message has it as an own property (repeated fields and maps are always there,
 * empty when unset), enums are numbers, int64 are Longs, bytes are Buffers over the request's
 * memory (copied here, so a stored value does not keep the request alive). Fields the descriptor
 * does not know never get this far: protobuf drops them. Errors name the field's path the way the
 * JSON reader does; the path is only built when an error needs it.
 */
import { invalidArgument } from '../../../model/errors.js';
import { putOwn } from '../../../model/value.js';
import {
  MAX_TIMESTAMP_SECONDS,
  MIN_TIMESTAMP_SECONDS,
  type Timestamp,
} from '../../../model/value.js';
import { enumName, type MessageReader, type ProtoEnum } from '../decode/reader.js';

type Message = Record<string, unknown>;

/** protobufjs' Long: an int64 as two 32-bit halves. */
interface Long {
  low: number;
  high: number;
}

const isLong = (raw: unknown): raw is Long =>
  typeof raw === 'object' &&
  raw !== null &&
  typeof (raw as Long).low === 'number' &&
  typeof (raw as Long).high === 'number';

const join = (path: string, name: string): string => (path === '' ? name : `${path}.${name}`);

/** Decodes a request message with `decode`. */
export function readProto<T>(message: object, decode: (reader: MessageReader) => T): T {
  return decode(new ProtoReader(message as Message, undefined, ''));
}

class ProtoReader implements MessageReader {
  constructor(
    private readonly fields: Message,
    private readonly parent: ProtoReader | undefined,
    /** This message's name in its parent: `field`, `field[2]` or `field["key"]`. */
    private readonly segment: string,
  ) {}

  get path(): string {
    return this.parent === undefined ? this.segment : join(this.parent.path, this.segment);
  }

  fieldPath(name: string): string {
    return join(this.path, name);
  }

  private field(name: string): unknown {
    return Object.hasOwn(this.fields, name) ? this.fields[name] : undefined;
  }

  has(name: string): boolean {
    return this.field(name) != null;
  }

  oneof(names: readonly string[]): string | undefined {
    let found: string | undefined;
    for (const key of Object.keys(this.fields)) {
      if (this.fields[key] == null || !names.includes(key)) continue;
      if (found !== undefined) {
        const present = names.filter((name) => this.has(name));
        throw invalidArgument(
          `Fields ${present.map((n) => `'${this.fieldPath(n)}'`).join(' and ')} are a oneof: set no more than one.`,
        );
      }
      found = key;
    }
    return found;
  }

  private typed<T>(name: string, type: string, check: (raw: unknown) => raw is T): T | undefined {
    const raw = this.field(name);
    if (raw == null) return undefined;
    if (!check(raw)) throw invalidArgument(`Invalid value at '${this.fieldPath(name)}' (${type}).`);
    return raw;
  }

  string(name: string): string | undefined {
    return this.typed(name, 'TYPE_STRING', (raw) => typeof raw === 'string');
  }

  boolean(name: string): boolean | undefined {
    return this.typed(name, 'TYPE_BOOL', (raw) => typeof raw === 'boolean');
  }

  int32(name: string): number | undefined {
    return this.typed(name, 'TYPE_INT32', (raw): raw is number => Number.isInteger(raw));
  }

  double(name: string): number | undefined {
    return this.typed(name, 'TYPE_DOUBLE', (raw) => typeof raw === 'number');
  }

  int64(name: string): bigint | undefined {
    const raw = this.typed(
      name,
      'TYPE_INT64',
      (raw): raw is Long | number => isLong(raw) || Number.isSafeInteger(raw),
    );
    if (raw === undefined) return undefined;
    return isLong(raw)
      ? BigInt.asIntN(64, (BigInt(raw.high) << 32n) | BigInt(raw.low >>> 0))
      : BigInt(raw);
  }

  bytes(name: string): Uint8Array | undefined {
    const raw = this.typed(name, 'TYPE_BYTES', (raw) => raw instanceof Uint8Array);
    return raw === undefined ? undefined : new Uint8Array(raw);
  }

  timestamp(name: string): Timestamp | undefined {
    return this.message(name, (timestamp) => {
      const seconds = Number(timestamp.int64('seconds') ?? 0n);
      const nanos = timestamp.int32('nanos') ?? 0;
      if (
        seconds < MIN_TIMESTAMP_SECONDS ||
        seconds > MAX_TIMESTAMP_SECONDS ||
        nanos < 0 ||
        nanos > 999_999_999
      )
        throw invalidArgument(
          `Invalid value at '${timestamp.path}' (type.googleapis.com/google.protobuf.Timestamp), out of range.`,
        );
      return { seconds, nanos };
    });
  }

  int32Value(name: string): number | undefined {
    return this.message(name, (wrapper) => wrapper.int32('value') ?? 0);
  }

  int64Value(name: string): bigint | undefined {
    return this.message(name, (wrapper) => wrapper.int64('value') ?? 0n);
  }

  doubleValue(name: string): number | undefined {
    return this.message(name, (wrapper) => wrapper.double('value') ?? 0);
  }

  enumValue<Name extends string>(name: string, values: ProtoEnum<Name>): Name | undefined {
    const raw = this.field(name);
    if (raw == null) return undefined;
    const value = typeof raw === 'number' ? enumName(values, raw) : undefined;
    if (value === undefined)
      throw invalidArgument(
        `Invalid value at '${this.fieldPath(name)}', ${JSON.stringify(raw)} is not one of ${Object.keys(values).join(', ')}.`,
      );
    return value;
  }

  message<T>(name: string, decode: (reader: MessageReader) => T): T | undefined {
    const raw = this.field(name);
    if (raw == null) return undefined;
    return decode(new ProtoReader(raw as Message, this, name));
  }

  messages<T>(name: string, decode: (reader: MessageReader) => T): T[] {
    const raw = this.field(name);
    if (!Array.isArray(raw)) return [];
    return raw.map((item: Message | null, index) =>
      decode(new ProtoReader(item ?? {}, this, `${name}[${index}]`)),
    );
  }

  strings(name: string): string[] {
    const raw = this.field(name);
    return Array.isArray(raw) ? (raw as string[]) : [];
  }

  messageMap<T>(name: string, decode: (reader: MessageReader) => T): Record<string, T> {
    const raw = this.field(name) as Record<string, Message | null> | undefined;
    const result: Record<string, T> = {};
    if (raw == null) return result;
    // A map entry without its value holds the value's default: an empty message.
    for (const key of Object.keys(raw))
      putOwn(
        result,
        key,
        decode(new ProtoReader(raw[key] ?? {}, this, `${name}[${JSON.stringify(key)}]`)),
      );
    return result;
  }

  stringMap(name: string): Record<string, string> {
    const raw = this.field(name) as Record<string, string> | undefined;
    return raw == null ? {} : { ...raw };
  }
}
