/**
 * The Hearth Console's server, on the Emulator UI's port: the console's built files, the stack's
 * description (`/api/config`: project, and each emulator's host and port from firebase.json and
 * the firebase-tools hub; `/api/health`: which of them accept connections), and the routes that
 * span the emulators: the bridge's delivery log and export and import of the whole stack's data.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import type { DeliveryRecord } from '../bridge/index.js';
import type { EmulatorAddress } from '../config.js';
import { streamLog } from '../observe/eventStream.js';
import type { RingLog } from '../observe/ringLog.js';
import { DataError, exportStack, importStack, type DataParts } from './stackData.js';
import { StaticFiles } from './staticFiles.js';

export interface ConsoleServerOptions {
  host: string;
  /** 0 picks a free port. */
  port: number;
  projectId: string;
  /** The console's built files (console/dist). */
  consoleDir: string;
  /** Every emulator firebase.json names, by name. */
  addresses: Record<string, EmulatorAddress>;
  hubOrigin?: string;
  /** Null when this process runs no bridge (Google's emulators deliver their own events). */
  deliveries: RingLog<DeliveryRecord> | null;
  data: DataParts;
}

export interface ConsoleServer {
  readonly host: string;
  readonly port: number;
  readonly url: string;
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 64 * 1024;

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res
    .writeHead(status, { 'Content-Type': 'application/json; charset=utf-8' })
    .end(JSON.stringify(body));
}

function sendError(res: ServerResponse, status: number, message: string): void {
  sendJson(res, status, { error: { code: status, message } });
}

/** What firebase-tools' hub says is running: its emulators' addresses, by name. */
async function hubEmulators(
  hubOrigin: string | undefined,
): Promise<Record<string, EmulatorAddress>> {
  if (!hubOrigin) return {};
  try {
    const response = await fetch(`${hubOrigin}/emulators`, { signal: AbortSignal.timeout(2000) });
    const listing = (await response.json()) as Record<string, { host?: string; port?: number }>;
    const addresses: Record<string, EmulatorAddress> = {};
    for (const [name, info] of Object.entries(listing))
      if (typeof info?.host === 'string' && typeof info.port === 'number')
        addresses[name] = { host: info.host, port: info.port };
    return addresses;
  } catch {
    return {};
  }
}

/** Whether something accepts connections at the address (any protocol: the logging emulator speaks WebSocket only). */
function listening({ host, port }: EmulatorAddress): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const done = (up: boolean) => {
      socket.destroy();
      resolve(up);
    };
    socket.setTimeout(1000, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

async function readJsonBody(req: IncomingMessage): Promise<Record<string, unknown>> {
  // Only JSON, which a page on another site cannot send without asking first (CORS preflight).
  if (!String(req.headers['content-type'] ?? '').startsWith('application/json'))
    throw new DataError('Send the request as application/json.');
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new DataError('The request body is too large.');
    chunks.push(chunk as Buffer);
  }
  try {
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
    if (typeof body === 'object' && body !== null && !Array.isArray(body))
      return body as Record<string, unknown>;
  } catch {
    // Reported below.
  }
  throw new DataError('The request body is not a JSON object.');
}

const DELIVERIES = /^\/emulator\/v1\/projects\/([^/]+)\/deliveries$/;
const DATA = /^\/emulator\/v1\/projects\/([^/]+):(export|import)$/;

export async function startConsoleServer(options: ConsoleServerOptions): Promise<ConsoleServer> {
  const files = new StaticFiles(options.consoleDir);
  /** firebase.json's emulators, what the hub says runs, and this server. */
  const emulators = async (): Promise<Record<string, EmulatorAddress>> => ({
    ...options.addresses,
    ...(await hubEmulators(options.hubOrigin)),
    ui: { host: options.host, port: server.port() },
  });

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const { pathname } = url;
    if (req.method === 'GET' && pathname === '/api/config') {
      return sendJson(res, 200, {
        projectId: options.projectId,
        emulators: await emulators(),
        bridge: options.deliveries !== null,
      });
    }
    if (req.method === 'GET' && pathname === '/api/health') {
      const entries = Object.entries(await emulators());
      const up = await Promise.all(entries.map(([, address]) => listening(address)));
      return sendJson(res, 200, Object.fromEntries(entries.map(([name], i) => [name, up[i]])));
    }
    const deliveries = DELIVERIES.exec(pathname);
    if (deliveries && req.method === 'GET') {
      const log = options.deliveries;
      if (req.headers.accept?.includes('text/event-stream')) {
        if (!log) return sendError(res, 404, 'This emulator runs no triggers bridge.');
        return streamLog(req, res, log, 'delivery', (entry) => entry);
      }
      const latest = new Map<number, DeliveryRecord>();
      if (log) for (const [, entry] of log.since(0)) latest.set(entry.id, entry);
      return sendJson(res, 200, { deliveries: [...latest.values()].reverse() });
    }
    const data = DATA.exec(pathname);
    if (data && req.method === 'POST') {
      // A page of another origin must not reach the disk through this route.
      if (req.headers.origin && req.headers.origin !== `http://${req.headers.host}`)
        return sendError(res, 403, 'Export and import are only taken from the console itself.');
      try {
        const body = await readJsonBody(req);
        const origins = {
          projectId: decodeURIComponent(data[1] as string),
          hubOrigin: options.hubOrigin,
          authOrigin: addressOrigin(options.addresses['auth']),
        };
        const result =
          data[2] === 'export'
            ? await exportStack(options.data, origins, body['path'])
            : await importStack(options.data, origins, body['path']);
        return sendJson(res, 200, result);
      } catch (error) {
        return sendError(res, error instanceof DataError ? 400 : 500, (error as Error).message);
      }
    }
    if (req.method === 'GET' || req.method === 'HEAD') return files.serve(req, res, pathname);
    sendError(res, 404, `No route for ${req.method} ${pathname}`);
  }

  const http: Server = createServer((req, res) => {
    route(req, res).catch((error: unknown) => {
      if (res.headersSent) res.destroy();
      else sendError(res, 500, (error as Error).message);
    });
  });
  http.on('clientError', (_error, socket) => socket.destroy());
  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(options.port, options.host, () => {
      http.off('error', reject);
      resolve();
    });
  });
  const server = { port: () => (http.address() as AddressInfo).port };
  return {
    host: options.host,
    port: server.port(),
    url: `http://${options.host}:${server.port()}`,
    close: async () => {
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}

function addressOrigin(address: EmulatorAddress | undefined): string | undefined {
  return address ? `http://${address.host}:${address.port}` : undefined;
}
