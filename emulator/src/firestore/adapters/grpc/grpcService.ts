/**
 * The gRPC adapter: google.firestore.v1.Firestore handlers for @grpc/grpc-js that decode, call
 * FirestoreService and encode. Undecodable messages become INVALID_ARGUMENT (grpc-js alone would
 * answer INTERNAL), and every failure is a status, never a crash.
 */
import * as grpc from '@grpc/grpc-js';
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
import { Code, FirestoreError, invalidArgument, toFirestoreError } from '../../../model/errors.js';
import { callerFromAuthorization, type Caller } from '../../security/caller.js';
import type { FirestoreService } from '../../service/firestoreService.js';
import { methods, type ServiceMethod } from '../../service/methods.js';
import type { StreamSession, StreamSink } from '../../api/messages.js';
import { loadFirestoreService } from './protoDefinition.js';
import { requests, responses } from './wireMessages.js';
import type { Wire } from './wireValues.js';

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
/** An RPC's handler, once given the service that answers it. */
type On<Handler> = (service: FirestoreService) => Handler;

/** A method opening a bidirectional stream. */
type StreamOpener<Req, Res> = (
  this: FirestoreService,
  caller: Caller,
  sink: StreamSink<Res>,
) => StreamSession<Req>;

function unary<Req, Res>(
  decode: (w: Wire) => Req,
  method: ServiceMethod<Req, Res>,
  encode: (r: Res) => Wire,
): On<Unary> {
  return (service) => (call, callback) => {
    // Encoding is inside the chain too: whatever fails answers this call, never the process.
    Promise.resolve()
      .then(() => method.call(service, callerOf(call.metadata), decode(decoded(call.request))))
      .then(encode)
      .then(
        (response) => callback(null, response),
        (error) => callback(statusOf(error)),
      );
  };
}

function serverStream<Req, Res>(
  decode: (w: Wire) => Req,
  method: ServiceMethod<Req, Res[]>,
  encode: (r: Res) => Wire,
): On<ServerStream> {
  return (service) => (call) => {
    Promise.resolve()
      .then(() => method.call(service, callerOf(call.metadata), decode(decoded(call.request))))
      .then((items) => items.map(encode))
      .then(
        (responses) => {
          for (const response of responses) call.write(response);
          call.end();
        },
        (error) => call.emit('error', statusOf(error)),
      );
  };
}

function bidi<Req, Res>(
  decode: (w: Wire) => Req,
  open: StreamOpener<Req, Res>,
  encode: (r: Res) => Wire,
): On<Bidi> {
  return (service) => (call) => {
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
    const session: StreamSession<Req> = open.call(service, caller, {
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
    call.on('end', () => void queue.then(close).catch(fail));
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

const empty = (): Wire => ({});

const notSupported: Unary = (_call, callback) =>
  callback({ code: grpc.status.UNIMPLEMENTED, details: 'Not supported by this emulator.' });

const pipelinesNotSupported: ServerStream = (call) =>
  call.emit(
    'error',
    statusOf(
      new FirestoreError(Code.UNIMPLEMENTED, 'Pipelines are not supported by this emulator.'),
    ),
  );

/** Every RPC of the service: how its requests decode, what answers them, how responses encode. */
const RPCS: Record<string, On<Unary | ServerStream | Bidi>> = {
  GetDocument: unary(requests.getDocument, methods.getDocument, responses.document),
  ListDocuments: unary(requests.listDocuments, methods.listDocuments, responses.listDocuments),
  CreateDocument: unary(requests.createDocument, methods.createDocument, responses.document),
  UpdateDocument: unary(requests.updateDocument, methods.updateDocument, responses.document),
  DeleteDocument: unary(requests.deleteDocument, methods.deleteDocument, empty),
  BatchGetDocuments: serverStream(
    requests.batchGetDocuments,
    methods.batchGetDocuments,
    responses.batchGet,
  ),
  BeginTransaction: unary(
    requests.beginTransaction,
    methods.beginTransactionRpc,
    responses.beginTransaction,
  ),
  Commit: unary(requests.commit, methods.commit, responses.commit),
  Rollback: unary(requests.rollback, methods.rollback, empty),
  RunQuery: serverStream(requests.runQuery, methods.runQuery, responses.runQuery),
  RunAggregationQuery: serverStream(
    requests.runAggregationQuery,
    methods.runAggregationQuery,
    responses.runAggregationQuery,
  ),
  BatchWrite: unary(requests.batchWrite, methods.batchWrite, responses.batchWrite),
  ListCollectionIds: unary(
    requests.listCollectionIds,
    methods.listCollectionIds,
    responses.listCollectionIds,
  ),
  Listen: bidi(requests.listen, methods.openListen, responses.listen),
  Write: bidi(requests.write, methods.openWrite, responses.write),
  PartitionQuery: () => notSupported,
  ExecutePipeline: () => pipelinesNotSupported,
};

/** Registers the Firestore service on a grpc-js server. */
export function addFirestoreService(server: Server, service: FirestoreService): void {
  const handlers: UntypedServiceImplementation = {};
  for (const [name, handlerOn] of Object.entries(RPCS)) handlers[name] = handlerOn(service);
  server.addService(tolerantDefinition(loadFirestoreService()), handlers);
}
