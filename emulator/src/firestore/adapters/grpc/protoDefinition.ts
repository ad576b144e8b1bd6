/**
 * The google.firestore.v1.Firestore service definition for grpc-js, from the protobuf JSON
 * descriptor that @google-cloud/firestore ships, built with protobufjs' light runtime: parsing
 * .proto files, or @grpc/proto-loader's reflection descriptors, would cost start-up time for
 * nothing. Requests are left as protobufjs decodes them, which protoReader.ts reads without a
 * copy; responses are encoded from the encodable form responses.ts writes. Clients (the tests' raw
 * client) send and read proto-loader's forms.
 */
import { isUtf8 } from 'node:buffer';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { MethodDefinition, ServiceDefinition } from '@grpc/grpc-js';
import protobuf from 'protobufjs/light.js';
import type { IConversionOptions, INamespace, Type } from 'protobufjs/light.js';

const require = createRequire(import.meta.url);

function descriptorPath(): string {
  // The package's `exports` hide build/protos; resolve its entry point and walk to the folder.
  let dir = dirname(require.resolve('@google-cloud/firestore'));
  while (!dir.endsWith('build')) dir = dirname(dir);
  return join(dir, 'protos', 'v1.json');
}

interface Descriptor {
  nested?: Record<string, Descriptor>;
  fields?: Record<string, { type: string; id: number }>;
  oneofs?: Record<string, { oneof: string[] }>;
  methods?: Record<string, { requestType: string; responseType: string }>;
}

const SCALARS = new Set([
  'double',
  'float',
  'int32',
  'int64',
  'uint32',
  'uint64',
  'sint32',
  'sint64',
  'fixed32',
  'fixed64',
  'sfixed32',
  'sfixed64',
  'bool',
  'string',
  'bytes',
]);

/**
 * The descriptor cut down to one service and the types it reaches. protobufjs builds a reflection
 * object for everything it is given, and the file also holds the google.api annotations and
 * protobuf's own descriptor messages, which the service never uses: half the types, and of
 * start-up's time in protobufjs.
 */
function reachableFrom(root: Descriptor, service: string): Descriptor {
  const byName = new Map<string, Descriptor>();
  const index = (node: Descriptor, name: string): void => {
    for (const [child, sub] of Object.entries(node.nested ?? {})) {
      const full = name ? `${name}.${child}` : child;
      byName.set(full, sub);
      index(sub, full);
    }
  };
  index(root, '');
  const parentOf = (name: string): string => name.slice(0, Math.max(0, name.lastIndexOf('.')));
  // Protobuf scoping: a name is looked up in the referring scope, then in each enclosing one.
  const resolve = (ref: string, scope: string): string => {
    if (ref.startsWith('.')) return ref.slice(1);
    for (let s = scope; ; s = parentOf(s)) {
      const full = s ? `${s}.${ref}` : ref;
      if (byName.has(full)) return full;
      if (!s) throw new Error(`Unknown type ${ref} referred to in ${scope}.`);
    }
  };
  const kept = new Set<string>();
  const keep = (name: string): void => {
    if (kept.has(name)) return;
    kept.add(name);
    const node = byName.get(name) as Descriptor;
    // A nested type lives inside its enclosing type, which comes along with all its fields.
    if (byName.get(parentOf(name))?.fields) keep(parentOf(name));
    for (const field of Object.values(node.fields ?? {}))
      if (!SCALARS.has(field.type)) keep(resolve(field.type, name));
    for (const method of Object.values(node.methods ?? {})) {
      keep(resolve(method.requestType, name));
      keep(resolve(method.responseType, name));
    }
  };
  keep(service);
  const prune = (node: Descriptor, name: string): Descriptor | undefined => {
    const nested: Record<string, Descriptor> = {};
    for (const [child, sub] of Object.entries(node.nested ?? {})) {
      const pruned = prune(sub, name ? `${name}.${child}` : child);
      if (pruned) nested[child] = pruned;
    }
    if (!kept.has(name) && Object.keys(nested).length === 0) return undefined;
    return { ...node, nested };
  };
  return prune(root, '') ?? {};
}

/**
 * The web SDK's transactions send `Write.verify` (field 5), which the server SDK's descriptor
 * lacks; without it protobuf would drop the field and the write would look empty.
 */
function addVerifyWrite(root: Descriptor): void {
  let node: Descriptor | undefined = root;
  for (const name of ['google', 'firestore', 'v1', 'Write']) node = node?.nested?.[name];
  if (!node?.fields || node.fields['verify']) return;
  node.fields['verify'] = { type: 'string', id: 5 };
  node.oneofs?.['operation']?.oneof.push('verify');
}

/** proto-loader's form: int64 as decimal strings. */
const CLIENT_CONVERSION: IConversionOptions = {
  longs: String,
  enums: String,
  bytes: Buffer,
  defaults: false,
  oneofs: true,
};

/** Writer output as grpc-js wants it; protobufjs already writes into a Buffer on Node. */
function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
}

/**
 * protobufjs' reader, except that a string (a value, a map key such as a field name, a resource
 * name) whose bytes are not UTF-8 is an error rather than U+FFFD: the same refusal the JSON wires
 * give a lone surrogate, so no wire stores a name that another wire reads differently.
 */
class Utf8Reader extends protobuf.BufferReader {
  override string(): string {
    const bytes = this.bytes() as Buffer;
    if (!isUtf8(bytes)) throw new Error('a string field is not valid UTF-8.');
    return bytes.toString('utf8');
  }
}

function codec(type: Type): {
  /** Any object protobufjs' fromObject accepts (enum names, int64 as strings): what clients send. */
  serialize(value: object): Buffer;
  /**
   * Objects already in encodable form: enums as numbers, int64 as numbers or decimal strings,
   * bytes as Uint8Arrays. The server's responses are built so (responses.ts), which spares a
   * fromObject copy of every message.
   */
  serializeEncodable(value: object): Buffer;
  /** proto-loader's form, as clients read responses. */
  deserialize(bytes: Buffer): object;
  /** protobufjs' message, as protoReader.ts reads requests. */
  deserializeForServer(bytes: Buffer): object;
} {
  return {
    serialize: (value) => asBuffer(type.encode(type.fromObject(value)).finish()),
    serializeEncodable: (value) => asBuffer(type.encode(value).finish()),
    deserialize: (bytes) => type.toObject(type.decode(bytes), CLIENT_CONVERSION),
    deserializeForServer: (bytes) => type.decode(new Utf8Reader(bytes)),
  };
}

const SERVICE = 'google.firestore.v1.Firestore';

export function loadFirestoreService(): ServiceDefinition {
  const json = JSON.parse(readFileSync(descriptorPath(), 'utf8')) as Descriptor;
  addVerifyWrite(json);
  // Not Root.fromJSON, which also resolves every field's type up front (~30 ms of start-up):
  // protobufjs resolves a type's fields when it first generates that type's encoder or decoder.
  const service = new protobuf.Root()
    .addJSON((reachableFrom(json, SERVICE) as INamespace).nested ?? {})
    .lookupService(SERVICE);
  const definition: Record<string, MethodDefinition<object, object>> = {};
  for (const method of service.methodsArray) {
    method.resolve();
    const request = codec(method.resolvedRequestType as Type);
    const response = codec(method.resolvedResponseType as Type);
    definition[method.name] = {
      path: `/${SERVICE}/${method.name}`,
      requestStream: method.requestStream === true,
      responseStream: method.responseStream === true,
      requestSerialize: request.serialize,
      requestDeserialize: request.deserializeForServer,
      responseSerialize: response.serializeEncodable,
      responseDeserialize: response.deserialize,
    };
  }
  return definition;
}
