/**
 * What the decoders read a message through, whatever wire it came by. A wire supplies one
 * implementation: proto3 JSON for REST and WebChannel (../json/jsonReader.ts), protobuf for gRPC
 * (../grpc/protoReader.ts). Each reads fields by their lowerCamelCase names and answers a field
 * that is not set as undefined (or empty, for repeated fields and maps); each throws
 * INVALID_ARGUMENT naming the field's path for a value its wire cannot mean, and rejects a set
 * field that the decoder did not read. What a request means is decided once, by the decoders.
 */
import { invalidArgument } from '../../../model/errors.js';
import type { Timestamp } from '../../../model/value.js';

/** An enum of the API: its value names and the numbers the proto gives them. */
export type ProtoEnum<Name extends string> = Readonly<Record<Name, number>>;

export interface MessageReader {
  /** The message's place in the request, for error messages ('' for the request itself). */
  readonly path: string;
  fieldPath(name: string): string;
  /** Whether the field is set. JSON's null unsets a field, but for Value.nullValue it is the value. */
  has(name: string): boolean;
  /** The one field of `names` that is set, if any; more than one is INVALID_ARGUMENT. */
  oneof(names: readonly string[]): string | undefined;

  string(name: string): string | undefined;
  boolean(name: string): boolean | undefined;
  int32(name: string): number | undefined;
  int64(name: string): bigint | undefined;
  double(name: string): number | undefined;
  bytes(name: string): Uint8Array | undefined;
  timestamp(name: string): Timestamp | undefined;
  /** A google.protobuf.Int32Value: the bare number in JSON, a message with `value` on protobuf. */
  int32Value(name: string): number | undefined;
  /** A google.protobuf.Int64Value, likewise. */
  int64Value(name: string): bigint | undefined;
  /** A google.protobuf.DoubleValue, likewise. */
  doubleValue(name: string): number | undefined;
  /** An enum by name; proto3 JSON also allows its number. Unknown values are INVALID_ARGUMENT. */
  enumValue<Name extends string>(name: string, values: ProtoEnum<Name>): Name | undefined;

  message<T>(name: string, decode: (reader: MessageReader) => T): T | undefined;
  messages<T>(name: string, decode: (reader: MessageReader) => T): T[];
  strings(name: string): string[];
  /** A map<string, Message> field. */
  messageMap<T>(name: string, decode: (reader: MessageReader) => T): Record<string, T>;
  /** A map<string, string> field. */
  stringMap(name: string): Record<string, string>;
}

/** A string field that must be set and not empty. */
export function requiredString(reader: MessageReader, name: string): string {
  const value = reader.string(name);
  if (!value) throw invalidArgument(`Missing required field '${reader.fieldPath(name)}'.`);
  return value;
}

/** The name an enum gives `number`, if it has one. */
export function enumName<Name extends string>(
  values: ProtoEnum<Name>,
  number: number,
): Name | undefined {
  for (const name in values) if (values[name] === number) return name;
  return undefined;
}
