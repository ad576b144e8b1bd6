/**
 * The browser's streaming wire: Listen and Write over WebChannel. The transport (webchannel/) turns
 * each channel into a message stream; this adapter joins such a stream to the service's Listen or
 * Write session: requests read as proto3 JSON by the decoders every wire shares (decode/),
 * responses written by json/. Requests are handled one at a time in arrival order, as on gRPC. An error is sent as `{error: {code, message, status}}`, after
 * which the web SDK closes the channel and, where the code allows, opens a new one.
 */
import { MAX_REQUEST_BYTES, requestTooLarge } from '../../api/requestLimits.js';
import { checkJsonText } from '../json/jsonGuard.js';
import type { Route } from '../http/router.js';
import { encodeError } from '../json/status.js';
import type { MessageReader } from '../decode/reader.js';
import { decodeListenRequest, decodeWriteRequest } from '../decode/streams.js';
import { readJson } from '../json/jsonReader.js';
import { encodeListenResponse, encodeWriteResponse } from '../json/responses.js';
import { callerFromAuthorization, type Caller } from '../../security/caller.js';
import type {
  FirestoreService,
  StreamSession,
  StreamSink,
} from '../../service/firestoreService.js';
import {
  WebChannelTransport,
  type ChannelListener,
  type ChannelStream,
  type WebChannelOptions,
} from './transport.js';

const CHANNEL_PATH = /^\/google\.firestore\.v1\.Firestore\/(Listen|Write)\/channel$/;

interface StreamRpc {
  open(stream: ChannelStream, sink: StreamSink<unknown>): StreamSession<unknown>;
}

export interface WebChannelAdapter {
  readonly routes: Route[];
  /** Ends every channel (server shutdown). */
  close(): void;
}

export function webChannelAdapter(
  service: FirestoreService,
  options: WebChannelOptions = {},
): WebChannelAdapter {
  const rpcs: Record<string, StreamRpc> = {
    Listen: streamRpc(
      (caller, sink) => service.openListen(caller, sink),
      decodeListenRequest,
      encodeListenResponse,
    ),
    Write: streamRpc(
      (caller, sink) => service.openWrite(caller, sink),
      decodeWriteRequest,
      encodeWriteResponse,
    ),
  };
  const transport = new WebChannelTransport((stream) => {
    const rpc = CHANNEL_PATH.exec(stream.path)?.[1];
    return rpc === undefined ? undefined : connect(stream, rpcs[rpc] as StreamRpc);
  }, options);
  const handle: Route['handle'] = (req, res) => transport.handle(req, res);
  return {
    routes: [
      { method: 'POST', path: CHANNEL_PATH, handle },
      { method: 'GET', path: CHANNEL_PATH, handle },
    ],
    close: () => transport.close(),
  };
}

/** A service stream behind JSON: the caller from the channel's headers, messages through the codecs. */
function streamRpc<Request, Response>(
  open: (caller: Caller, sink: StreamSink<Response>) => StreamSession<Request>,
  decode: (reader: MessageReader) => Request,
  encode: (response: Response) => unknown,
): StreamRpc {
  return {
    open: (stream, sink) => {
      const session = open(callerFromAuthorization(stream.headers['authorization']), {
        send: (r) => sink.send(encode(r)),
        fail: sink.fail,
      });
      return {
        handle: (json) => session.handle(readJson(json, '', decode)),
        close: () => session.close(),
      };
    },
  };
}

function connect(stream: ChannelStream, rpc: StreamRpc): ChannelListener {
  let finished = false;
  let session: StreamSession<unknown> | undefined;
  const fail = (error: unknown): void => {
    if (finished) return;
    finished = true;
    session?.close();
    stream.send(encodeError(error).body);
    stream.close();
  };
  try {
    session = rpc.open(stream, {
      send: (response) => {
        if (!finished) stream.send(response);
      },
      fail,
    });
  } catch (error) {
    fail(error); // e.g. a malformed Authorization header: UNAUTHENTICATED
  }
  let queue = Promise.resolve();
  return {
    message: (json, size) => {
      queue = queue.then(async () => {
        if (finished || !session) return;
        try {
          if (size > MAX_REQUEST_BYTES) throw requestTooLarge();
          checkJsonText(json);
          await session.handle(json);
        } catch (error) {
          fail(error);
        }
      });
    },
    closed: () => {
      finished = true;
      session?.close();
    },
  };
}
