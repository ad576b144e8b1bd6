/**
 * One TCP port for every wire, like Google's emulator: each connection's first bytes decide.
 * The HTTP/2 connection preface ("PRI * HTTP/2.0") goes to grpc-js, anything else (HTTP/1.1:
 * REST, WebChannel, control endpoints) to a node:http server.
 */
import {
  createServer as createHttpServer,
  type RequestListener,
  type Server as HttpServer,
} from 'node:http';
import { createServer as createNetServer, type Server as NetServer, type Socket } from 'node:net';
import * as grpc from '@grpc/grpc-js';
import type { Server as GrpcServer } from '@grpc/grpc-js';

const PREFACE = Buffer.from('PRI * HTTP/2.0');

export interface PortServer {
  readonly host: string;
  readonly port: number;
  close(): Promise<void>;
}

export async function listenOnePort(options: {
  host: string;
  port: number;
  grpcServer: GrpcServer;
  http: RequestListener;
}): Promise<PortServer> {
  const injector = options.grpcServer.createConnectionInjector(
    grpc.ServerCredentials.createInsecure(),
  );
  const http: HttpServer = createHttpServer({ keepAliveTimeout: 5_000 }, options.http);
  const sockets = new Set<Socket>();

  const route = (socket: Socket): void => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    let received = Buffer.alloc(0);
    const onData = (chunk: Buffer): void => {
      received = Buffer.concat([received, chunk]);
      const n = Math.min(received.length, PREFACE.length);
      const isHttp2 = received.subarray(0, n).equals(PREFACE.subarray(0, n));
      if (isHttp2 && received.length < PREFACE.length) return;
      socket.off('data', onData);
      socket.pause();
      // Both servers take over a socket with unread data: http2 feeds what is buffered to its
      // session before reading the handle, node:http parses it like fresh input.
      socket.unshift(received);
      if (isHttp2) injector.injectConnection(socket);
      else {
        http.emit('connection', socket);
        socket.resume();
      }
    };
    socket.on('data', onData);
  };

  const server: NetServer = createNetServer({ noDelay: true }, route);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  return {
    host: options.host,
    port,
    close: async () => {
      injector.drain(0);
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      injector.destroy();
      http.close();
      options.grpcServer.forceShutdown();
    },
  };
}
