/**
 * A bare gRPC client for bench/firestore.ts: Commit and BatchGetDocuments through the emulator
 * suites' raw client (@grpc/grpc-js with the emulator's own codecs), no SDK. firebase-admin spends
 * more CPU per call than either server, so its figures show the client; these show the server.
 */
import { rawClient } from '../../emulator/test/firestoreGrpcClient.js';
import { fieldFilter, int, orderBy } from '../../emulator/test/wireMessages.js';

export interface RawFirestore {
  /** Sets `raw/{id}` to `{ n: id % 100 }`. */
  set(id: number): Promise<void>;
  /** Reads `raw/{id}`. */
  get(id: number): Promise<void>;
  /** Ten documents of `raw` with `n >= i % 90`, ordered by `n`. */
  query(i: number): Promise<void>;
  close(): void;
}

/** `token`: the caller's bearer token; the default, `owner`, is an admin, whom rules do not judge. */
export function rawFirestore(port: number, projectId: string, token = 'owner'): RawFirestore {
  const client = rawClient(`127.0.0.1:${port}`);
  const database = `projects/${projectId}/databases/(default)`;
  const name = (id: number) => `${database}/documents/raw/${id}`;
  return {
    async set(id) {
      await client.unary(
        'Commit',
        {
          database,
          writes: [{ update: { name: name(id), fields: { n: int(id % 100) } } }],
        },
        token,
      );
    },
    async get(id) {
      await client.stream('BatchGetDocuments', { database, documents: [name(id)] }, token);
    },
    async query(i) {
      await client.stream(
        'RunQuery',
        {
          parent: `${database}/documents`,
          structuredQuery: {
            from: [{ collectionId: 'raw' }],
            where: fieldFilter('n', 'GREATER_THAN_OR_EQUAL', int(i % 90)),
            orderBy: [orderBy('n', 'ASCENDING')],
            limit: { value: 10 },
          },
        },
        token,
      );
    },
    close: () => client.close(),
  };
}

/** An ID token as the Auth emulator signs them (not at all): what a signed-in client sends. */
export function unsignedIdToken(uid: string): string {
  const part = (json: object) => Buffer.from(JSON.stringify(json)).toString('base64url');
  return `${part({ alg: 'none', typ: 'JWT' })}.${part({ sub: uid, user_id: uid, email: `${uid}@example.com` })}.`;
}
