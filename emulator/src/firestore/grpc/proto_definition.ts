/**
 * The google.firestore.v1.Firestore service definition for grpc-js, from the protobuf JSON
 * descriptor that @google-cloud/firestore ships, built with protobufjs' light runtime: parsing
 * .proto files, or @grpc/proto-loader's reflection descriptors, would cost start-up time for
 * nothing. Messages decode the way proto-loader would (int64 as strings, enums as names, bytes as
 * Buffers, oneof names set), which is the form wire_messages.ts reads.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import protobuf from 'protobufjs/light.js';
import type { MethodDefinition, ServiceDefinition } from '@grpc/grpc-js';

const require = createRequire(import.meta.url);

function descriptorPath(): string {
  // The package's `exports` hide build/protos; resolve its entry point and walk to the folder.
  let dir = dirname(require.resolve('@google-cloud/firestore'));
  while (!dir.endsWith('build')) dir = dirname(dir);
  return join(dir, 'protos', 'v1.json');
}

type Descriptor = {
  nested?: Record<string, Descriptor>;
  fields?: Record<string, unknown>;
  oneofs?: Record<string, { oneof: string[] }>;
};

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

const CONVERSION: protobuf.IConversionOptions = {
  longs: String,
  enums: String,
  bytes: Buffer,
  defaults: false,
  oneofs: true,
};

function codec(type: protobuf.Type): {
  serialize(value: object): Buffer;
  deserialize(bytes: Buffer): object;
} {
  return {
    serialize: (value) => Buffer.from(type.encode(type.fromObject(value)).finish()),
    deserialize: (bytes) => type.toObject(type.decode(bytes), CONVERSION),
  };
}

export function loadFirestoreService(): ServiceDefinition {
  const json = JSON.parse(readFileSync(descriptorPath(), 'utf8')) as Descriptor;
  addVerifyWrite(json);
  const service = protobuf.Root.fromJSON(json as protobuf.INamespace).lookupService(
    'google.firestore.v1.Firestore',
  );
  const definition: Record<string, MethodDefinition<object, object>> = {};
  for (const method of service.methodsArray) {
    method.resolve();
    const request = codec(method.resolvedRequestType as protobuf.Type);
    const response = codec(method.resolvedResponseType as protobuf.Type);
    definition[method.name] = {
      path: `/google.firestore.v1.Firestore/${method.name}`,
      requestStream: method.requestStream === true,
      responseStream: method.responseStream === true,
      requestSerialize: request.serialize,
      requestDeserialize: request.deserialize,
      responseSerialize: response.serialize,
      responseDeserialize: response.deserialize,
    };
  }
  return definition;
}
