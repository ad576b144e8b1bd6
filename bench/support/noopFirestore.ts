/**
 * A gRPC server with the Firestore service definition that does no work at all: Commit and
 * BatchGetDocuments answer at once with a fixed response of the usual size; every other RPC is
 * UNIMPLEMENTED. No server can do less, so its figures in bench/firestore.ts are the most any
 * server could reach with the bench's client on this machine: the ceiling.
 */
import * as grpc from '@grpc/grpc-js';
import { loadFirestoreService } from '../../emulator/src/firestore/adapters/grpc/protoDefinition.js';

/** Starts it on a free port of 127.0.0.1, which it answers with. */
export async function startNoopFirestore(): Promise<number> {
  const time = { seconds: 1_700_000_000, nanos: 0 };
  const server = new grpc.Server();
  server.addService(loadFirestoreService(), {
    Commit(
      call: grpc.ServerUnaryCall<{ writes?: unknown[] }, unknown>,
      callback: grpc.sendUnaryData<unknown>,
    ) {
      const writeResults = (call.request.writes ?? []).map(() => ({ updateTime: time }));
      callback(null, { writeResults, commitTime: time });
    },
    BatchGetDocuments(call: grpc.ServerWritableStream<{ documents?: string[] }, unknown>) {
      for (const name of call.request.documents ?? [])
        call.write({
          found: {
            name,
            fields: { n: { integerValue: 1 }, s: { stringValue: 'value 1' } },
            createTime: time,
            updateTime: time,
          },
          readTime: time,
        });
      call.end();
    },
  });
  return new Promise((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (error, port) =>
      error ? reject(error) : resolve(port),
    ),
  );
}
