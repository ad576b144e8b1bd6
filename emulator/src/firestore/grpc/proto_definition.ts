/**
 * The google.firestore.v1.Firestore service definition, from the protobuf JSON descriptor that
 * @google-cloud/firestore ships (parsing a JSON descriptor is several times faster than .proto
 * files, which matters for start-up time).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import * as protoLoader from '@grpc/proto-loader';
import type { ServiceDefinition } from '@grpc/grpc-js';

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

export function loadFirestoreService(): ServiceDefinition {
  const json = JSON.parse(readFileSync(descriptorPath(), 'utf8')) as Descriptor;
  addVerifyWrite(json);
  const definition = protoLoader.fromJSON(json as Parameters<typeof protoLoader.fromJSON>[0], {
    keepCase: false,
    longs: String,
    enums: String,
    bytes: Buffer,
    defaults: false,
    oneofs: true,
  });
  return definition['google.firestore.v1.Firestore'] as ServiceDefinition;
}
