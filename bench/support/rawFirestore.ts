/**
 * A bare gRPC client for bench/firestore.ts: Commit and BatchGetDocuments straight through
 * @grpc/grpc-js with the emulator's own message codecs, no SDK. firebase-admin spends more CPU per
 * call than either server, so its figures show the client; these show what a server sustains.
 */
import * as grpc from '@grpc/grpc-js';
import { loadFirestoreService } from '../../emulator/src/firestore/grpc/proto_definition.js';

type Wire = Record<string, unknown>;

export interface RawFirestore {
  /** Sets `raw/{id}` to `{ n: id }`. */
  set(id: number): Promise<void>;
  /** Reads `raw/{id}`. */
  get(id: number): Promise<void>;
  close(): void;
}

export function rawFirestore(port: number, projectId: string): RawFirestore {
  const definition = loadFirestoreService();
  const client = new grpc.Client(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
  const database = `projects/${projectId}/databases/(default)`;
  const name = (id: number) => `${database}/documents/raw/${id}`;
  const metadata = new grpc.Metadata();
  metadata.set('authorization', 'Bearer owner');
  const method = (rpc: string) => definition[rpc] as grpc.MethodDefinition<Wire, Wire>;
  const commit = method('Commit');
  const batchGet = method('BatchGetDocuments');
  return {
    set: (id) =>
      new Promise((resolve, reject) => {
        const request = {
          database,
          writes: [{ update: { name: name(id), fields: { n: { integerValue: String(id) } } } }],
        };
        client.makeUnaryRequest(
          commit.path,
          commit.requestSerialize,
          commit.responseDeserialize,
          request,
          metadata,
          (error) => (error ? reject(error) : resolve()),
        );
      }),
    get: (id) =>
      new Promise((resolve, reject) => {
        const call = client.makeServerStreamRequest(
          batchGet.path,
          batchGet.requestSerialize,
          batchGet.responseDeserialize,
          { database, documents: [name(id)] },
          metadata,
        );
        call.on('data', () => undefined);
        call.on('error', reject);
        call.on('end', resolve);
      }),
    close: () => client.close(),
  };
}
