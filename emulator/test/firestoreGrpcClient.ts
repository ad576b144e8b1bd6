/**
 * A raw gRPC client for the Firestore service, for tests that send what no SDK would and for the
 * bench's SDK-free figures. Free of the test runner, so a benchmark can load it.
 */
import * as grpc from '@grpc/grpc-js';
import { loadFirestoreService } from '../src/firestore/adapters/grpc/protoDefinition.js';

type Wire = Record<string, unknown>;

export interface RawClient {
  unary(method: string, request: Wire, token?: string): Promise<Wire>;
  stream(method: string, request: Wire, token?: string): Promise<Wire[]>;
  /** Sends raw bytes as the request of a unary method. */
  unaryBytes(method: string, bytes: Buffer): Promise<unknown>;
  bidi(method: string, token?: string): grpc.ClientDuplexStream<Wire, Wire>;
  close(): void;
}

export function rawClient(hostPort: string): RawClient {
  const definition = loadFirestoreService();
  const Client = grpc.makeGenericClientConstructor(definition, 'Firestore');
  const client = new Client(hostPort, grpc.credentials.createInsecure());
  const metadata = (token = 'owner'): grpc.Metadata => {
    const m = new grpc.Metadata();
    if (token !== '') m.set('authorization', `Bearer ${token}`);
    return m;
  };
  const path = (method: string): string =>
    (definition[method] as grpc.MethodDefinition<unknown, unknown>).path;
  return {
    unary: (method, request, token) =>
      new Promise((resolve, reject) => {
        const d = definition[method] as grpc.MethodDefinition<Wire, Wire>;
        client.makeUnaryRequest(
          d.path,
          d.requestSerialize,
          d.responseDeserialize,
          request,
          metadata(token),
          (e, r) => (e ? reject(e) : resolve(r as Wire)),
        );
      }),
    stream: (method, request, token) =>
      new Promise((resolve, reject) => {
        const d = definition[method] as grpc.MethodDefinition<Wire, Wire>;
        const items: Wire[] = [];
        const call = client.makeServerStreamRequest(
          d.path,
          d.requestSerialize,
          d.responseDeserialize,
          request,
          metadata(token),
        );
        call.on('data', (item: Wire) => items.push(item));
        call.on('error', reject);
        call.on('end', () => resolve(items));
      }),
    unaryBytes: (method, bytes) =>
      new Promise((resolve, reject) => {
        const d = definition[method] as grpc.MethodDefinition<Wire, Wire>;
        client.makeUnaryRequest(
          path(method),
          (b: Buffer) => b,
          d.responseDeserialize,
          bytes,
          metadata(),
          (e, r) => (e ? reject(e) : resolve(r)),
        );
      }),
    bidi: (method, token) => {
      const d = definition[method] as grpc.MethodDefinition<Wire, Wire>;
      return client.makeBidiStreamRequest(
        d.path,
        d.requestSerialize,
        d.responseDeserialize,
        metadata(token),
      );
    },
    close: () => client.close(),
  };
}
