/**
 * Clients for what no SDK sends: gRPC calls framed by hand over HTTP/2 (any compressed flag, any
 * `grpc-encoding`, any bytes), and WebChannel sessions spoken by hand.
 */
import { connect, type ClientHttp2Session } from 'node:http2';
import type { MethodDefinition } from '@grpc/grpc-js';
import { loadFirestoreService } from '../../src/firestore/adapters/grpc/protoDefinition.js';

type Wire = Record<string, unknown>;

const definition = loadFirestoreService();

function method(name: string): MethodDefinition<Wire, Wire> {
  return definition[name] as MethodDefinition<Wire, Wire>;
}

/** A request message of `rpc` serialized as the tests' raw client does (proto-loader's form). */
export function requestBytes(rpc: string, request: Wire): Buffer {
  return method(rpc).requestSerialize(request);
}

/**
 * `bytes` with every occurrence of the ASCII `marker` replaced by `replacement`, which must have
 * the same length so that every length prefix around it stays right: how a test puts bytes no
 * JavaScript string encodes to (invalid UTF-8) inside an otherwise valid message.
 */
export function spliceBytes(bytes: Buffer, marker: string, replacement: Buffer): Buffer {
  if (replacement.length !== Buffer.byteLength(marker))
    throw new Error('The replacement must have the marker’s length.');
  const out = Buffer.from(bytes);
  let at = out.indexOf(marker);
  if (at < 0) throw new Error(`Marker ${marker} not found.`);
  while (at >= 0) {
    replacement.copy(out, at);
    at = out.indexOf(marker, at + replacement.length);
  }
  return out;
}

/** One length-prefixed gRPC message; `declaredLength` may lie about the payload. */
export function grpcFrame(
  payload: Buffer,
  options: { compressed?: boolean; declaredLength?: number } = {},
): Buffer {
  const frame = Buffer.alloc(5 + payload.length);
  frame[0] = options.compressed ? 1 : 0;
  frame.writeUInt32BE(options.declaredLength ?? payload.length, 1);
  payload.copy(frame, 5);
  return frame;
}

export interface GrpcStatus {
  code: number;
  message: string;
  /** The response messages received before the status, decoded. */
  messages: Wire[];
}

export interface GrpcExchange {
  send(frame: Buffer): void;
  end(): void;
  /** The first `count` response messages, once they have arrived. */
  received(count: number): Promise<Wire[]>;
  readonly status: Promise<GrpcStatus>;
}

/** Opens a call to `rpc` and leaves the framing to the test. */
export function grpcExchange(
  hostPort: string,
  rpc: string,
  headers: Record<string, string> = {},
): GrpcExchange {
  const session: ClientHttp2Session = connect(`http://${hostPort}`);
  session.on('error', () => undefined);
  const stream = session.request({
    ':method': 'POST',
    ':path': method(rpc).path,
    'content-type': 'application/grpc',
    te: 'trailers',
    authorization: 'Bearer owner',
    ...headers,
  });
  const messages: Wire[] = [];
  const waiters: { count: number; resolve: (messages: Wire[]) => void }[] = [];
  let buffered = Buffer.alloc(0);
  stream.on('data', (chunk: Buffer) => {
    buffered = Buffer.concat([buffered, chunk]);
    while (buffered.length >= 5 && buffered.length >= 5 + buffered.readUInt32BE(1)) {
      const length = buffered.readUInt32BE(1);
      messages.push(method(rpc).responseDeserialize(buffered.subarray(5, 5 + length)));
      buffered = buffered.subarray(5 + length);
    }
    for (const waiter of waiters.filter((w) => messages.length >= w.count))
      waiter.resolve(messages.slice(0, waiter.count));
  });
  // The status arrives with the trailers (or trailers-only headers), which may come while the
  // client has not half-closed: the call is over then, whatever the client still holds open.
  const status = new Promise<GrpcStatus>((resolve, reject) => {
    const read = (fields: Record<string, unknown>): void => {
      if (fields['grpc-status'] === undefined) return;
      const code = Number(fields['grpc-status']);
      const message = decodeURIComponent(String(fields['grpc-message'] ?? ''));
      resolve({ code, message, messages });
      stream.close();
      session.close();
    };
    stream.on('response', read);
    stream.on('trailers', read);
    stream.on('error', reject);
    stream.on('close', () => {
      session.close();
      reject(new Error(`${rpc}: the stream closed without a status.`));
    });
  });
  return {
    send: (frame) => void stream.write(frame),
    end: () => void stream.end(),
    received: (count) =>
      messages.length >= count
        ? Promise.resolve(messages.slice(0, count))
        : new Promise((resolve) => waiters.push({ count, resolve })),
    status,
  };
}

/** Sends `frames` as the whole request of `rpc` and waits for the status. */
export function grpcCall(
  hostPort: string,
  rpc: string,
  frames: Buffer[],
  headers: Record<string, string> = {},
): Promise<GrpcStatus> {
  const exchange = grpcExchange(hostPort, rpc, headers);
  for (const frame of frames) exchange.send(frame);
  exchange.end();
  return exchange.status;
}

/** WebChannel (the web SDK's Listen and Write) spoken by hand against `database`. */
export function webChannel(
  base: string,
  database: string,
): {
  /** The channel URL of `rpc`, with its fixed query parameters. */
  url(rpc: string): string;
  /** Opens a channel with its first messages; returns the session id. */
  open(rpc: string, messages: unknown[], headers?: string): Promise<string>;
  /** Sends more messages on an open channel (array ids from `offset`). */
  send(rpc: string, sid: string, offset: number, messages: unknown[]): Promise<number>;
  /** Long polls until `count` payloads have arrived (noops excluded). */
  receive(rpc: string, sid: string, count: number): Promise<unknown[]>;
  /** Long polls until `done` holds for the payloads received so far (noops excluded). */
  receiveUntil(
    rpc: string,
    sid: string,
    done: (payloads: unknown[]) => boolean,
  ): Promise<unknown[]>;
} {
  const channel = (rpc: string): string =>
    `${base}/google.firestore.v1.Firestore/${rpc}/channel?VER=8&database=${encodeURIComponent(database)}`;
  const form = (offset: number, messages: unknown[], headers = ''): string =>
    [
      ...(headers ? [`headers=${encodeURIComponent(headers)}`] : []),
      `count=${messages.length}`,
      `ofs=${offset}`,
      ...messages.map((m, i) => `req${i}___data__=${encodeURIComponent(JSON.stringify(m))}`),
    ].join('&');
  const post = (url: string, body: string): Promise<Response> =>
    fetch(url, {
      method: 'POST',
      body,
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    });
  const receiveUntil = async (
    rpc: string,
    sid: string,
    done: (payloads: unknown[]) => boolean,
  ): Promise<unknown[]> => {
    const payloads: unknown[] = [];
    let aid = 0;
    while (!done(payloads)) {
      const text = await (
        await fetch(`${channel(rpc)}&RID=rpc&SID=${sid}&AID=${aid}&CI=1&TYPE=xmlhttp`)
      ).text();
      for (const [id, payload] of JSON.parse(text.slice(text.indexOf('\n') + 1)) as [
        number,
        unknown[],
      ][]) {
        aid = id;
        if (payload[0] !== 'noop') payloads.push(payload[0]);
      }
    }
    return payloads;
  };
  return {
    url: channel,
    async open(rpc, messages, headers = '') {
      const response = await post(`${channel(rpc)}&RID=1&CVER=22`, form(0, messages, headers));
      const text = await response.text();
      if (response.status !== 200) throw new Error(`open ${rpc}: ${response.status} ${text}`);
      return JSON.parse(text.slice(text.indexOf('\n') + 1))[0][1][1];
    },
    async send(rpc, sid, offset, messages) {
      const response = await post(
        `${channel(rpc)}&SID=${sid}&RID=${offset + 2}`,
        form(offset, messages),
      );
      await response.text();
      return response.status;
    },
    receive: (rpc, sid, count) => receiveUntil(rpc, sid, (payloads) => payloads.length >= count),
    receiveUntil,
  };
}
