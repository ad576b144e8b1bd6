/**
 * The WebChannel server over Node's HTTP/1.1 request and response: session creation, forward
 * POSTs, backchannel GETs in streaming (`CI=0`) and long-polling (`CI=1`) mode, and termination.
 * It knows nothing of Firestore; each session is handed to a ChannelHandler as a message stream.
 *
 * Every request gets an answer: a stale or unknown session is `400 Unknown SID` (which the client
 * treats as fatal and starts a new channel), a malformed request is `400` and ends its session.
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { answerPreflight, setCorsHeaders } from '../http/cors.js';
import { FramingError, parseForwardBody, parseHeaderBlock } from './framing.js';
import {
  Session,
  type Backchannel,
  type ChannelListener,
  type ChannelStream,
  type SessionTimings,
} from './session.js';

export type { ChannelListener, ChannelStream } from './session.js';

/** Accepts a new session (returning its listener) or refuses it (undefined: answered 404). */
export type ChannelHandler = (stream: ChannelStream) => ChannelListener | undefined;

export interface WebChannelOptions extends Partial<SessionTimings> {
  /** Largest forward POST body accepted. */
  maxBodyBytes?: number;
}

const DEFAULT_TIMINGS: SessionTimings = {
  keepAliveMs: 30_000,
  longPollHoldMs: 30_000,
  idleTimeoutMs: 60_000,
  maxStreamingChars: 1 << 20,
};
const DEFAULT_MAX_BODY_BYTES = 64 << 20;
const HTTP_HEADERS_PARAM = '$httpHeaders';
const SESSION_ID_PARAM = 'X-HTTP-Session-Id';

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export class WebChannelTransport {
  private readonly sessions = new Map<string, Session>();
  private readonly timings: SessionTimings;
  private readonly maxBodyBytes: number;

  constructor(
    private readonly handler: ChannelHandler,
    options: WebChannelOptions = {},
  ) {
    const { maxBodyBytes, ...timings } = options;
    this.timings = { ...DEFAULT_TIMINGS, ...definedOnly(timings) };
    this.maxBodyBytes = maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  }

  get sessionCount(): number {
    return this.sessions.size;
  }

  /** Serves one request whose path the router matched as a channel path. */
  handle(req: IncomingMessage, res: ServerResponse): void {
    if (answerPreflight(req, res)) return;
    setCorsHeaders(req, res);
    req.socket.setNoDelay(true);
    this.dispatch(req, res).catch((error: unknown) => {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      const status =
        error instanceof HttpError ? error.status : error instanceof FramingError ? 400 : 500;
      const message = error instanceof Error ? error.message : String(error);
      reply(res, status, `Bad Request: ${message}`);
    });
  }

  /** Ends every session (server shutdown); held backchannels are answered. */
  close(): void {
    for (const session of [...this.sessions.values()]) session.end();
  }

  private async dispatch(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const params = url.searchParams;
    const sid = params.get('SID');
    const type = params.get('TYPE');

    if (sid === null) {
      if (req.method !== 'POST') throw new HttpError(400, 'a channel starts with a POST');
      return this.open(req, res, url);
    }
    const session = this.sessions.get(sid);
    if (!session) {
      // The client looks for this text (not at offset 0) to tell a lost session from a failure.
      reply(
        res,
        400,
        '<html><body>Bad Request: Unknown SID</body></html>',
        'text/html; charset=utf-8',
      );
      return;
    }
    if (type === 'terminate') {
      session.end();
      reply(res, 200, '');
      return;
    }
    if (req.method === 'GET' && params.get('RID') === 'rpc')
      return this.attachBackchannel(res, session, params);
    if (req.method === 'POST') return this.forward(req, res, session, params);
    session.end();
    throw new HttpError(400, `unexpected ${req.method} request`);
  }

  private async open(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const body = parseForwardBody(await this.readBody(req));
    const headers = {
      ...stringHeaders(req),
      ...parseHeaderBlock(url.searchParams.get(HTTP_HEADERS_PARAM) ?? ''),
      ...body.headers,
    };
    const session = new Session(
      randomId(),
      url.pathname,
      url.searchParams,
      headers,
      this.timings,
      (ended) => this.sessions.delete(ended.id),
    );
    const listener = this.handler(session);
    if (!listener) {
      reply(res, 404, `Not Found: ${url.pathname}`);
      return;
    }
    session.listen(listener);
    this.sessions.set(session.id, session);
    await endingOnError(session, () => session.receive(body.maps, undefined));
    if (url.searchParams.has(SESSION_ID_PARAM)) res.setHeader(SESSION_ID_PARAM, randomId());
    reply(res, 200, session.handshakeChunk());
  }

  private async forward(
    req: IncomingMessage,
    res: ServerResponse,
    session: Session,
    params: URLSearchParams,
  ): Promise<void> {
    const answer = await endingOnError(session, async () => {
      const body = parseForwardBody(await this.readBody(req));
      return session.receive(body.maps, optionalArrayId(params.get('AID')));
    });
    reply(res, 200, answer);
  }

  private async attachBackchannel(
    res: ServerResponse,
    session: Session,
    params: URLSearchParams,
  ): Promise<void> {
    const acknowledged = await endingOnError(session, () => requiredArrayId(params.get('AID')));
    const streaming = params.get('CI') !== '1';
    const holdText = params.get('TO');
    const maxHoldMs =
      holdText !== null && /^\d{1,9}$/.test(holdText) ? Number(holdText) : undefined;
    res.writeHead(200, responseHeaders('text/plain; charset=utf-8'));
    res.flushHeaders();
    const backchannel: Backchannel = {
      streaming,
      ...(maxHoldMs === undefined ? {} : { maxHoldMs }),
      write: (chunk) => res.write(chunk),
      end: () => res.end(),
    };
    res.on('close', () => session.backchannelGone(backchannel));
    session.attachBackchannel(backchannel, acknowledged);
  }

  private readBody(req: IncomingMessage): Promise<string> {
    return new Promise((resolve, reject) => {
      const chunks: Buffer[] = [];
      let size = 0;
      req.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > this.maxBodyBytes) {
          reject(new HttpError(413, `request body larger than ${this.maxBodyBytes} bytes`));
          req.destroy();
          return;
        }
        chunks.push(chunk);
      });
      req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
      req.on('error', reject);
      req.on('close', () => {
        if (!req.complete) reject(new HttpError(400, 'request body truncated'));
      });
    });
  }
}

/** Runs `action`; if it fails, the session ends (the client then starts a new one) and it rethrows. */
async function endingOnError<T>(session: Session, action: () => T | Promise<T>): Promise<T> {
  try {
    return await action();
  } catch (error) {
    session.end();
    throw error;
  }
}

function optionalArrayId(text: string | null): number | undefined {
  return text === null ? undefined : requiredArrayId(text);
}

function requiredArrayId(text: string | null): number {
  if (text === null || !/^-?\d{1,9}$/.test(text))
    throw new FramingError(`bad AID: ${JSON.stringify(text)}`);
  return Number(text);
}

function reply(
  res: ServerResponse,
  status: number,
  body: string,
  contentType = 'text/plain; charset=utf-8',
): void {
  res.writeHead(status, responseHeaders(contentType)).end(body);
}

function responseHeaders(contentType: string): Record<string, string> {
  return {
    'Content-Type': contentType,
    'Cache-Control': 'no-cache, no-store',
    'X-Content-Type-Options': 'nosniff',
  };
}

function stringHeaders(req: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (typeof value === 'string') headers[name] = value;
  }
  return headers;
}

function randomId(): string {
  return randomBytes(16).toString('base64url');
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(value).filter(([, entry]) => entry !== undefined),
  ) as Partial<T>;
}
