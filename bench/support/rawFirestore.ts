/**
 * A bare gRPC client for bench/firestore.ts: Commit and BatchGetDocuments through the emulator
 * suites' raw client (@grpc/grpc-js with the emulator's own codecs), no SDK. firebase-admin spends
 * more CPU per call than either server, so its figures show the client; these show the server.
 */
import { rawClient } from '../../emulator/test/firestoreGrpcClient.js';

export interface RawFirestore {
  /** Sets `raw/{id}` to `{ n: id }`. */
  set(id: number): Promise<void>;
  /** Reads `raw/{id}`. */
  get(id: number): Promise<void>;
  close(): void;
}

export function rawFirestore(port: number, projectId: string): RawFirestore {
  const client = rawClient(`127.0.0.1:${port}`);
  const database = `projects/${projectId}/databases/(default)`;
  const name = (id: number) => `${database}/documents/raw/${id}`;
  return {
    async set(id) {
      await client.unary('Commit', {
        database,
        writes: [{ update: { name: name(id), fields: { n: { integerValue: String(id) } } } }],
      });
    },
    async get(id) {
      await client.stream('BatchGetDocuments', { database, documents: [name(id)] });
    },
    close: () => client.close(),
  };
}
