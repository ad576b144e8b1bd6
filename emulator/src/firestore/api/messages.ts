/**
 * The Firestore API's requests and responses in internal form: google.firestore.v1 message shapes
 * (camelCase, as the JSON mapping names them) with Values in normal form, int32 wrappers unwrapped,
 * bytes as Uint8Array and timestamps as {seconds, nanos}. Every wire adapter converts to these.
 */
import type { Fields, Timestamp, Value } from '../../model/value.js';
import type { Precondition, Write } from '../documents/mutation.js';
import type { StructuredAggregationQuery, StructuredQuery } from '../query/structuredQuery.js';

export type { Write, Precondition, StructuredQuery, StructuredAggregationQuery };

export interface Document {
  name: string;
  fields: Fields;
  createTime?: Timestamp;
  updateTime?: Timestamp;
}

export interface DocumentMask {
  fieldPaths: string[];
}

export interface TransactionOptions {
  readOnly?: { readTime?: Timestamp };
  readWrite?: { retryTransaction?: Uint8Array };
}

/** The consistency selector shared by read requests (at most one is set). */
export interface ReadConsistency {
  transaction?: Uint8Array;
  newTransaction?: TransactionOptions;
  readTime?: Timestamp;
}

export interface GetDocumentRequest extends ReadConsistency {
  name: string;
  mask?: DocumentMask;
}

export interface ListDocumentsRequest extends ReadConsistency {
  parent: string;
  collectionId: string;
  pageSize?: number;
  pageToken?: string;
  orderBy?: string;
  mask?: DocumentMask;
  showMissing?: boolean;
}
export interface ListDocumentsResponse {
  documents: Document[];
  nextPageToken: string;
}

export interface CreateDocumentRequest {
  parent: string;
  collectionId: string;
  documentId?: string;
  document: { fields: Fields };
  mask?: DocumentMask;
}

export interface UpdateDocumentRequest {
  document: Document;
  updateMask?: DocumentMask;
  mask?: DocumentMask;
  currentDocument?: Precondition;
}

export interface DeleteDocumentRequest {
  name: string;
  currentDocument?: Precondition;
}

export interface BatchGetDocumentsRequest extends ReadConsistency {
  database: string;
  documents: string[];
  mask?: DocumentMask;
}
export interface BatchGetDocumentsResponse {
  found?: Document;
  missing?: string;
  transaction?: Uint8Array;
  readTime: Timestamp;
}

export interface BeginTransactionRequest {
  database: string;
  options?: TransactionOptions;
}
export interface BeginTransactionResponse {
  transaction: Uint8Array;
}

export interface CommitRequest {
  database: string;
  writes: Write[];
  transaction?: Uint8Array;
}
export interface WriteResult {
  updateTime?: Timestamp;
  transformResults: Value[];
}
export interface CommitResponse {
  writeResults: WriteResult[];
  commitTime: Timestamp;
}

export interface RollbackRequest {
  database: string;
  transaction: Uint8Array;
}

export interface RunQueryRequest extends ReadConsistency {
  parent: string;
  structuredQuery: StructuredQuery;
}
export interface RunQueryResponse {
  document?: Document;
  readTime?: Timestamp;
  skippedResults?: number;
  transaction?: Uint8Array;
  done?: boolean;
}

export interface RunAggregationQueryRequest extends ReadConsistency {
  parent: string;
  structuredAggregationQuery: StructuredAggregationQuery;
}
export interface RunAggregationQueryResponse {
  result: { aggregateFields: Fields };
  readTime: Timestamp;
  transaction?: Uint8Array;
}

export interface BatchWriteRequest {
  database: string;
  writes: Write[];
}
export interface Status {
  code: number;
  message: string;
}
export interface BatchWriteResponse {
  writeResults: WriteResult[];
  status: Status[];
}

export interface ListCollectionIdsRequest {
  parent: string;
  pageSize?: number;
  pageToken?: string;
  readTime?: Timestamp;
}
export interface ListCollectionIdsResponse {
  collectionIds: string[];
  nextPageToken: string;
}

export interface Target {
  targetId?: number;
  query?: { parent: string; structuredQuery: StructuredQuery };
  documents?: { documents: string[] };
  resumeToken?: Uint8Array;
  readTime?: Timestamp;
  once?: boolean;
  expectedCount?: number;
}
export interface ListenRequest {
  database: string;
  addTarget?: Target;
  removeTarget?: number;
}
export type TargetChangeType = 'NO_CHANGE' | 'ADD' | 'REMOVE' | 'CURRENT' | 'RESET';
export interface ListenResponse {
  targetChange?: {
    targetChangeType: TargetChangeType;
    targetIds: number[];
    cause?: Status;
    resumeToken?: Uint8Array;
    readTime?: Timestamp;
  };
  documentChange?: { document: Document; targetIds: number[]; removedTargetIds: number[] };
  documentDelete?: { document: string; removedTargetIds: number[]; readTime: Timestamp };
  documentRemove?: { document: string; removedTargetIds: number[]; readTime: Timestamp };
  /** How many documents a resumed target holds, so the client can check what it cached. */
  filter?: { targetId: number; count: number };
}

export interface WriteRequest {
  database: string;
  streamId?: string;
  writes?: Write[];
  streamToken?: Uint8Array;
}
export interface WriteResponse {
  streamId: string;
  streamToken: Uint8Array;
  writeResults: WriteResult[];
  commitTime?: Timestamp;
}

/** A bidirectional stream: the adapter feeds requests in and closes it when the client goes away. */
export interface StreamSession<Request> {
  /** Rejections end the stream with the error's status. */
  handle(request: Request): Promise<void>;
  close(): void;
}

/** Where a stream session sends its responses, or the error that ends it. */
export interface StreamSink<Response> {
  send(response: Response): void;
  fail(error: Error): void;
}
