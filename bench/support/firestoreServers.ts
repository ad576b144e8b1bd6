/**
 * The servers bench/firestore.ts measures, each run as `node <built file> <target>` in a child
 * process of its own. This entry loads nothing but the server it is asked for, so that the
 * child's time from process start until ready is the server's own (Node's boot included), not the
 * bench's.
 *
 * - `hearth`: this emulator's Firestore; a next argument names an export folder to import at start.
 * - `peer`: the npm package `@firestore-emulator/server`.
 * - `none`: a gRPC server that does no work at all (noopFirestore.ts), whose figures are the
 *   most any server could reach with the bench's client on this machine.
 * - `rules`: this emulator's Firestore enforcing the rules file named by the next argument.
 * - `indexes`: this emulator's Firestore enforcing the indexes file named by the next argument
 *   (queries without their composite index fail, as in production); with `declared` after it,
 *   the same indexes built and planned on, not enforced.
 *
 * Once ready, the child writes one JSON line `{ port, sinceProcessStart, startCall }` on stdout;
 * then each line on stdin asks for the CPU time (µs) it has used so far, answered as `{ cpu }`; a
 * line `gc` first runs a full garbage collection (when node was given --expose-gc). When stdin
 * closes, the server exits.
 */
import { createServer } from 'node:net';

export type ServerTarget = 'hearth' | 'peer' | 'none';
export type ServerKind = ServerTarget | 'rules' | 'indexes';

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

async function start(target: ServerKind): Promise<number> {
  switch (target) {
    case 'hearth':
    case 'rules':
    case 'indexes': {
      const { startFirestore } = await import('../../emulator/src/firestore/index.js');
      const file = process.argv[3];
      const extra =
        target === 'rules'
          ? { rulesFile: file }
          : target === 'indexes'
            ? { enforceIndexes: process.argv[4] !== 'declared', indexesFile: file }
            : file
              ? { importDir: file }
              : {};
      return (await startFirestore({ port: 0, log: () => {}, ...extra })).port;
    }
    case 'peer': {
      const { FirestoreServer } = await import('@firestore-emulator/server');
      const port = await freePort();
      await new FirestoreServer().start(port);
      return port;
    }
    case 'none': {
      const { startNoopFirestore } = await import('./noopFirestore.js');
      return startNoopFirestore();
    }
  }
}

const target = process.argv[2] as ServerKind;
const started = performance.now();
const port = await start(target);
const readyMs = performance.now();
process.stdout.write(
  `${JSON.stringify({ port, sinceProcessStart: readyMs, startCall: readyMs - started })}\n`,
);
process.stdin.on('data', (chunk: Buffer) => {
  if (chunk.toString().startsWith('gc')) (globalThis as { gc?: () => void }).gc?.();
  const { user, system } = process.cpuUsage();
  process.stdout.write(`${JSON.stringify({ cpu: user + system })}\n`);
});
// The bench closing stdin ends the server normally (so that `--cpu-prof` writes its profile).
process.stdin.on('end', () => process.exit(0));
