/**
 * The gRPC adapter: google.firestore.v1.Firestore handlers for @grpc/grpc-js that decode (the
 * decoders every wire shares, reading protobuf through protoReader.ts), call FirestoreService and
 * encode. Undecodable messages become INVALID_ARGUMENT (grpc-js alone would
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
import { MAX_REQUEST_BYTES, requestTooLarge } from '../../api/requestLimits.js';
import type { MessageReader } from '../decode/reader.js';
import * as decode from '../decode/requests.js';
import { decodeListenRequest, decodeWriteRequest } from '../decode/streams.js';
import { loadFirestoreService } from './protoDefinition.js';
import { readProto } from './protoReader.js';
import { responses, type Wire } from './responses.js';

const DECODE_ERROR = Symbol('decode error');
type Decoded = Wire & { [DECODE_ERROR]?: FirestoreError };

function statusOf(error: unknown): Partial<StatusObject> {
  const e = toFirestoreError(error);
  return {
    code: e.code as number as StatusObject['code'],
    details: e.message,
    metadata: new grpc.Metadata(),
  };
}

/** The request a decoder reads from a deserialized message. */
function decoded<Req>(request: Decoded, decodeRequest: (reader: MessageReader) => Req): Req {
  if (request[DECODE_ERROR] !== undefined) throw request[DECODE_ERROR];
  return readProto(request, decodeRequest);
}

function callerOf(metadata: Metadata): Caller {
  const header = metadata.get('authorization')[0];
  return callerFromAuthorization(typeof header === 'string' ? header : header?.toString());
}

/** Wraps deserializers so an oversized or malformed message reaches the handler as an INVALID_ARGUMENT. */
function tolerantDefinition(definition: ServiceDefinition): ServiceDefinition {
  const result: Record<string, MethodDefinition<unknown, unknown>> = {};
  for (const [name, method] of Object.entries(definition)) {
    result[name] = {
      ...method,
      requestDeserialize: (buffer: Buffer) => {
        // Checked before anything is decoded: an oversized request costs no parsing.
        if (buffer.length > MAX_REQUEST_BYTES) return { [DECODE_ERROR]: requestTooLarge() };
        try {
          return method.requestDeserialize(buffer);
        } catch (error) {
          return {
            [DECODE_ERROR]: invalidArgument(`Malformed request: ${(error as Error).message}`),
          };
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
  decode: (reader: MessageReader) => Req,
  method: ServiceMethod<Req, Res>,
  encode: (r: Res) => Wire,
): On<Unary> {
  return (service) => (call, callback) => {
    // Encoding is inside the chain too: whatever fails answers this call, never the process.
    Promise.resolve()
      .then(() => method.call(service, callerOf(call.metadata), decoded(call.request, decode)))
      .then(encode)
      .then(
        (response) => callback(null, response),
        (error) => callback(statusOf(error)),
      );
  };
}

function serverStream<Req, Res>(
  decode: (reader: MessageReader) => Req,
  method: ServiceMethod<Req, Res[]>,
  encode: (r: Res) => Wire,
): On<ServerStream> {
  return (service) => (call) => {
    Promise.resolve()
      .then(() => method.call(service, callerOf(call.metadata), decoded(call.request, decode)))
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
  decode: (reader: MessageReader) => Req,
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
          await session.handle(decoded(raw, decode));
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
  GetDocument: unary(decode.decodeGetDocumentRequest, methods.getDocument, responses.document),
  ListDocuments: unary(
    decode.decodeListDocumentsRequest,
    methods.listDocuments,
    responses.listDocuments,
  ),
  CreateDocument: unary(
    decode.decodeCreateDocumentRequest,
    methods.createDocument,
    responses.document,
  ),
  UpdateDocument: unary(
    decode.decodeUpdateDocumentRequest,
    methods.updateDocument,
    responses.document,
  ),
  DeleteDocument: unary(decode.decodeDeleteDocumentRequest, methods.deleteDocument, empty),
  BatchGetDocuments: serverStream(
    decode.decodeBatchGetRequest,
    methods.batchGetDocuments,
    responses.batchGet,
  ),
  BeginTransaction: unary(
    decode.decodeBeginTransactionRequest,
    methods.beginTransactionRpc,
    responses.beginTransaction,
  ),
  Commit: unary(decode.decodeCommitRequest, methods.commit, responses.commit),
  Rollback: unary(decode.decodeRollbackRequest, methods.rollback, empty),
  RunQuery: serverStream(decode.decodeRunQueryRequest, methods.runQuery, responses.runQuery),
  RunAggregationQuery: serverStream(
    decode.decodeRunAggregationQueryRequest,
    methods.runAggregationQuery,
    responses.runAggregationQuery,
  ),
  BatchWrite: unary(decode.decodeBatchWriteRequest, methods.batchWrite, responses.batchWrite),
  ListCollectionIds: unary(
    decode.decodeListCollectionIdsRequest,
    methods.listCollectionIds,
    responses.listCollectionIds,
  ),
  Listen: bidi(decodeListenRequest, methods.openListen, responses.listen),
  Write: bidi(decodeWriteRequest, methods.openWrite, responses.write),
  PartitionQuery: () => notSupported,
  ExecutePipeline: () => pipelinesNotSupported,
};

/** Registers the Firestore service on a grpc-js server. */
export function addFirestoreService(server: Server, service: FirestoreService): void {
  const handlers: UntypedServiceImplementation = {};
  for (const [name, handlerOn] of Object.entries(RPCS)) handlers[name] = handlerOn(service);
  server.addService(tolerantDefinition(loadFirestoreService()), handlers);
}
