/**
 * The gRPC adapter: google.firestore.v1.Firestore handlers for @grpc/grpc-js that decode, call
 * FirestoreService and encode. Undecodable messages become INVALID_ARGUMENT (grpc-js alone would
 * answer INTERNAL), and every failure is a status, never a crash.
 */
import type {
  Metadata,
  MethodDefinition,
  Server,
  ServerDuplexStream,
  ServerUnaryCall,
  ServerWritableStream,
  ServiceDefinition,
  StatusObject,
  UntypedServiceImplementation,
  sendUnaryData,
} from '@grpc/grpc-js';
import { Code, FirestoreError, invalidArgument, toFirestoreError } from '../errors.js';
import { callerFromAuthorization, type Caller } from '../security/caller.js';
import type { FirestoreService } from '../service.js';
import type { StreamSession, StreamSink } from '../service_types.js';
import { loadFirestoreService } from './proto_definition.js';
import { grpc } from './runtime.js';
import { requests, responses } from './wire_messages.js';
import type { Wire } from './wire_values.js';

const DECODE_ERROR = Symbol('decode error');
type Decoded = Wire & { [DECODE_ERROR]?: string };

function statusOf(error: unknown): Partial<StatusObject> {
  const e = toFirestoreError(error);
  return {
    code: e.code as number as StatusObject['code'],
    details: e.message,
    metadata: new grpc.Metadata(),
  };
}

function decoded(request: Decoded): Wire {
  if (request[DECODE_ERROR] !== undefined)
    throw invalidArgument(`Malformed request: ${request[DECODE_ERROR]}`);
  return request;
}

function callerOf(metadata: Metadata): Caller {
  const header = metadata.get('authorization')[0];
  return callerFromAuthorization(typeof header === 'string' ? header : header?.toString());
}

/** Wraps deserializers so a malformed message reaches the handler as an INVALID_ARGUMENT. */
function tolerantDefinition(definition: ServiceDefinition): ServiceDefinition {
  const result: Record<string, MethodDefinition<unknown, unknown>> = {};
  for (const [name, method] of Object.entries(definition)) {
    result[name] = {
      ...method,
      requestDeserialize: (buffer: Buffer) => {
        try {
          return method.requestDeserialize(buffer);
        } catch (error) {
          return { [DECODE_ERROR]: (error as Error).message };
        }
      },
    };
  }
  return result;
}

type Unary = (call: ServerUnaryCall<Decoded, Wire>, callback: sendUnaryData<Wire>) => void;
type ServerStream = (call: ServerWritableStream<Decoded, Wire>) => void;
type Bidi = (call: ServerDuplexStream<Decoded, Wire>) => void;

function unary<Req, Res>(
  decode: (w: Wire) => Req,
  run: (caller: Caller, request: Req) => Promise<Res>,
  encode: (r: Res) => Wire,
): Unary {
  return (call, callback) => {
    Promise.resolve()
      .then(() => run(callerOf(call.metadata), decode(decoded(call.request))))
      .then(
        (response) => callback(null, encode(response)),
        (error) => callback(statusOf(error)),
      );
  };
}

function serverStream<Req, Res>(
  decode: (w: Wire) => Req,
  run: (caller: Caller, request: Req) => Promise<Res[]>,
  encode: (r: Res) => Wire,
): ServerStream {
  return (call) => {
    Promise.resolve()
      .then(() => run(callerOf(call.metadata), decode(decoded(call.request))))
      .then(
        (items) => {
          for (const item of items) call.write(encode(item));
          call.end();
        },
        (error) => call.emit('error', statusOf(error)),
      );
  };
}

function bidi<Req, Res>(
  decode: (w: Wire) => Req,
  open: (caller: Caller, sink: StreamSink<Res>) => StreamSession<Req>,
  encode: (r: Res) => Wire,
): Bidi {
  return (call) => {
    let finished = false;
    let caller: Caller;
    try {
      caller = callerOf(call.metadata);
    } catch (error) {
      call.emit('error', statusOf(error));
      return;
    }
    const fail = (error: unknown): void => {
      if (finished) return;
      finished = true;
      session.close();
      call.emit('error', statusOf(error));
    };
    const session: StreamSession<Req> = open(caller, {
      send: (response) => {
        if (!finished) call.write(encode(response));
      },
      fail,
    });
    let queue = Promise.resolve();
    call.on('data', (raw: Decoded) => {
      queue = queue.then(async () => {
        if (finished) return;
        try {
          await session.handle(decode(decoded(raw)));
        } catch (error) {
          fail(error);
        }
      });
    });
    const close = (): void => {
      session.close();
      if (!finished) {
        finished = true;
        call.end();
      }
    };
    call.on('end', () => void queue.then(close));
    call.on('cancelled', () => {
      finished = true;
      session.close();
    });
    call.on('error', () => {
      finished = true;
      session.close();
    });
  };
}

/** Registers the Firestore service on a grpc-js server. */
export function addFirestoreService(server: Server, service: FirestoreService): void {
  const notSupported: Unary = (_call, callback) =>
    callback({ code: grpc.status.UNIMPLEMENTED, details: 'Not supported by this emulator.' });
  const handlers: Record<string, Unary | ServerStream | Bidi> = {
    GetDocument: unary(
      requests.getDocument,
      (c, r) => service.getDocument(c, r),
      responses.document,
    ),
    ListDocuments: unary(
      requests.listDocuments,
      (c, r) => service.listDocuments(c, r),
      responses.listDocuments,
    ),
    CreateDocument: unary(
      requests.createDocument,
      (c, r) => service.createDocument(c, r),
      responses.document,
    ),
    UpdateDocument: unary(
      requests.updateDocument,
      (c, r) => service.updateDocument(c, r),
      responses.document,
    ),
    DeleteDocument: unary(
      requests.deleteDocument,
      (c, r) => service.deleteDocument(c, r),
      () => ({}),
    ),
    BatchGetDocuments: serverStream(
      requests.batchGetDocuments,
      (c, r) => service.batchGetDocuments(c, r),
      responses.batchGet,
    ),
    BeginTransaction: unary(
      requests.beginTransaction,
      (c, r) => service.beginTransactionRpc(c, r),
      responses.beginTransaction,
    ),
    Commit: unary(requests.commit, (c, r) => service.commit(c, r), responses.commit),
    Rollback: unary(
      requests.rollback,
      (c, r) => service.rollback(c, r),
      () => ({}),
    ),
    RunQuery: serverStream(requests.runQuery, (c, r) => service.runQuery(c, r), responses.runQuery),
    RunAggregationQuery: serverStream(
      requests.runAggregationQuery,
      (c, r) => service.runAggregationQuery(c, r),
      responses.runAggregationQuery,
    ),
    BatchWrite: unary(
      requests.batchWrite,
      (c, r) => service.batchWrite(c, r),
      responses.batchWrite,
    ),
    ListCollectionIds: unary(
      requests.listCollectionIds,
      (c, r) => service.listCollectionIds(c, r),
      responses.listCollectionIds,
    ),
    Listen: bidi(requests.listen, (c, sink) => service.openListen(c, sink), responses.listen),
    Write: bidi(requests.write, (c, sink) => service.openWrite(c, sink), responses.write),
    PartitionQuery: notSupported,
    ExecutePipeline: ((call: ServerWritableStream<Decoded, Wire>) =>
      call.emit(
        'error',
        statusOf(
          new FirestoreError(Code.UNIMPLEMENTED, 'Pipelines are not supported by this emulator.'),
        ),
      )) as ServerStream,
  };
  server.addService(
    tolerantDefinition(loadFirestoreService()),
    handlers as UntypedServiceImplementation,
  );
}
