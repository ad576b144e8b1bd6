/**
 * The servers bench/firestore.ts measures, each run as `node <built file> <target>` in a child
 * process of its own. This entry loads nothing but the server it is asked for, so that the
 * child's time from process start until ready is the server's own (Node's boot included), not the
 * bench's.
 *
 * - `hearth`: this emulator's Firestore.
 * - `peer`: the npm package `@firestore-emulator/server`.
 * - `none`: a gRPC server with the same service definition that does no work at all: Commit and
 *   BatchGetDocuments answer at once with a fixed response of the usual size. No server can do
 *   less, so its figures are the most any server could reach with the bench's client on this
 *   machine; the bench prints them as the ceiling.
 *
 * Once ready, the child writes one JSON line `{ port, sinceProcessStart, startCall }` on stdout;
 * then each line on stdin asks for the CPU time (µs) it has used so far, answered as `{ cpu }`.
 */
import { createServer } from 'node:net';
import type * as Grpc from '@grpc/grpc-js';

export type ServerTarget = 'hearth' | 'peer' | 'none';

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** A server that answers the two RPCs the ceiling rows use, doing nothing else. */
async function startNothingServer(): Promise<number> {
  const grpc = await import('@grpc/grpc-js');
  const { loadFirestoreService } =
    await import('../../emulator/src/firestore/grpc/proto_definition.js');
  const time = { seconds: 1_700_000_000, nanos: 0 };
  const server = new grpc.Server();
  server.addService(loadFirestoreService(), {
    Commit(
      call: Grpc.ServerUnaryCall<{ writes?: unknown[] }, unknown>,
      callback: Grpc.sendUnaryData<unknown>,
    ) {
      const writeResults = (call.request.writes ?? []).map(() => ({ updateTime: time }));
      callback(null, { writeResults, commitTime: time });
    },
    BatchGetDocuments(call: Grpc.ServerWritableStream<{ documents?: string[] }, unknown>) {
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

async function start(target: ServerTarget): Promise<number> {
  switch (target) {
    case 'hearth': {
      const { startFirestore } = await import('../../emulator/src/firestore/index.js');
      return (await startFirestore({ port: 0, log: () => {} })).port;
    }
    case 'peer': {
      const { FirestoreServer } = await import('@firestore-emulator/server');
      const port = await freePort();
      await new FirestoreServer().start(port);
      return port;
    }
    case 'none':
      return startNothingServer();
  }
}

const target = process.argv[2] as ServerTarget;
const started = performance.now();
const port = await start(target);
const readyMs = performance.now();
process.stdout.write(
  `${JSON.stringify({ port, sinceProcessStart: readyMs, startCall: readyMs - started })}\n`,
);
process.stdin.on('data', () => {
  const { user, system } = process.cpuUsage();
  process.stdout.write(`${JSON.stringify({ cpu: user + system })}\n`);
});
