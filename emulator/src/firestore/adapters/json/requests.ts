/**
 * The unary RPCs' requests and responses in proto3 JSON. Request bodies are what REST carries: the
 * resource the URL names (database or parent) comes from the path and may be repeated in the body
 * only with the same value.
 */
import { invalidArgument } from '../../../model/errors.js';
import type * as T from '../../api/messages.js';
import { decodeConsistency, decodeDocumentMask, decodeTransactionOptions } from './document.js';
import { decodeStructuredAggregationQuery, decodeStructuredQuery } from './query.js';
import { MessageReader } from './reader.js';
import { parseString } from './scalars.js';
import { encodeStatus } from './status.js';
import { decodeWrite, encodeWriteResult } from './write.js';
import { encodeDocument, formatBytes, formatTimestamp, encodeFields } from '../../../model/json.js';

/** Reads the path-bound field if the body repeats it; it must agree with the URL. */
function pathField(reader: MessageReader, name: string, fromPath: string): string {
  const repeated = reader.string(name);
  if (repeated !== undefined && repeated !== fromPath) {
    throw invalidArgument(
      `The request body's ${name} "${repeated}" does not match the URL's "${fromPath}".`,
    );
  }
  return fromPath;
}

export function decodeCommitRequest(json: unknown, database: string): T.CommitRequest {
  return MessageReader.read(json, '', (reader) => {
    const transaction = reader.bytes('transaction');
    return {
      database: pathField(reader, 'database', database),
      writes: reader.messages('writes', decodeWrite),
      ...(transaction?.length ? { transaction } : {}),
    };
  });
}

export function decodeBatchWriteRequest(json: unknown, database: string): T.BatchWriteRequest {
  return MessageReader.read(json, '', (reader) => {
    reader.map('labels', parseString);
    return {
      database: pathField(reader, 'database', database),
      writes: reader.messages('writes', decodeWrite),
    };
  });
}

export function decodeBatchGetRequest(json: unknown, database: string): T.BatchGetDocumentsRequest {
  return MessageReader.read(json, '', (reader) => {
    const mask = reader.message('mask', decodeDocumentMask);
    return {
      database: pathField(reader, 'database', database),
      documents: reader.repeated('documents', parseString),
      ...(mask ? { mask } : {}),
      ...decodeConsistency(reader),
    };
  });
}

export function decodeRunQueryRequest(json: unknown, parent: string): T.RunQueryRequest {
  return MessageReader.read(json, '', (reader) => {
    const structuredQuery = reader.message('structuredQuery', decodeStructuredQuery);
    if (!structuredQuery) throw invalidArgument("Missing required field 'structuredQuery'.");
    return {
      parent: pathField(reader, 'parent', parent),
      structuredQuery,
      ...decodeConsistency(reader),
    };
  });
}

export function decodeRunAggregationQueryRequest(
  json: unknown,
  parent: string,
): T.RunAggregationQueryRequest {
  return MessageReader.read(json, '', (reader) => {
    const structuredAggregationQuery = reader.message(
      'structuredAggregationQuery',
      decodeStructuredAggregationQuery,
    );
    if (!structuredAggregationQuery)
      throw invalidArgument("Missing required field 'structuredAggregationQuery'.");
    return {
      parent: pathField(reader, 'parent', parent),
      structuredAggregationQuery,
      ...decodeConsistency(reader),
    };
  });
}

export function decodeBeginTransactionRequest(
  json: unknown,
  database: string,
): T.BeginTransactionRequest {
  return MessageReader.read(json, '', (reader) => {
    const options = reader.message('options', decodeTransactionOptions);
    return { database: pathField(reader, 'database', database), ...(options ? { options } : {}) };
  });
}

export function decodeRollbackRequest(json: unknown, database: string): T.RollbackRequest {
  return MessageReader.read(json, '', (reader) => ({
    database: pathField(reader, 'database', database),
    transaction: reader.bytes('transaction') ?? new Uint8Array(),
  }));
}

export function decodeListCollectionIdsRequest(
  json: unknown,
  parent: string,
): T.ListCollectionIdsRequest {
  return MessageReader.read(json, '', (reader) => {
    const pageSize = reader.int32('pageSize');
    const pageToken = reader.string('pageToken');
    const readTime = reader.timestamp('readTime');
    return {
      parent: pathField(reader, 'parent', parent),
      ...(pageSize !== undefined ? { pageSize } : {}),
      ...(pageToken ? { pageToken } : {}),
      ...(readTime ? { readTime } : {}),
    };
  });
}

export function encodeCommitResponse(response: T.CommitResponse): Record<string, unknown> {
  return {
    ...(response.writeResults.length > 0
      ? { writeResults: response.writeResults.map(encodeWriteResult) }
      : {}),
    commitTime: formatTimestamp(response.commitTime),
  };
}

export function encodeBatchWriteResponse(response: T.BatchWriteResponse): Record<string, unknown> {
  return {
    writeResults: response.writeResults.map(encodeWriteResult),
    status: response.status.map(encodeStatus),
  };
}

export function encodeBatchGetResponse(
  response: T.BatchGetDocumentsResponse,
): Record<string, unknown> {
  return {
    ...(response.found ? { found: encodeDocument(response.found) } : {}),
    ...(response.missing !== undefined ? { missing: response.missing } : {}),
    ...(response.transaction?.length ? { transaction: formatBytes(response.transaction) } : {}),
    readTime: formatTimestamp(response.readTime),
  };
}

export function encodeRunQueryResponse(response: T.RunQueryResponse): Record<string, unknown> {
  return {
    ...(response.transaction?.length ? { transaction: formatBytes(response.transaction) } : {}),
    ...(response.document ? { document: encodeDocument(response.document) } : {}),
    ...(response.readTime ? { readTime: formatTimestamp(response.readTime) } : {}),
    ...(response.skippedResults ? { skippedResults: response.skippedResults } : {}),
    ...(response.done ? { done: true } : {}),
  };
}

export function encodeRunAggregationQueryResponse(
  response: T.RunAggregationQueryResponse,
): Record<string, unknown> {
  return {
    result: { aggregateFields: encodeFields(response.result.aggregateFields) },
    ...(response.transaction?.length ? { transaction: formatBytes(response.transaction) } : {}),
    readTime: formatTimestamp(response.readTime),
  };
}

export function encodeBeginTransactionResponse(
  response: T.BeginTransactionResponse,
): Record<string, unknown> {
  return { transaction: formatBytes(response.transaction) };
}

export function encodeListDocumentsResponse(
  response: T.ListDocumentsResponse,
): Record<string, unknown> {
  return {
    ...(response.documents.length > 0 ? { documents: response.documents.map(encodeDocument) } : {}),
    ...(response.nextPageToken ? { nextPageToken: response.nextPageToken } : {}),
  };
}

export function encodeListCollectionIdsResponse(
  response: T.ListCollectionIdsResponse,
): Record<string, unknown> {
  return {
    ...(response.collectionIds.length > 0 ? { collectionIds: response.collectionIds } : {}),
    ...(response.nextPageToken ? { nextPageToken: response.nextPageToken } : {}),
  };
}
