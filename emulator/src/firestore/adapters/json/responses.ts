/**
 * The API's responses in proto3 JSON: REST's answers and WebChannel's stream messages. Fields
 * holding their default (empty lists, zero, false) are left out, as Google's JSON front end does.
 */
import type * as api from '../../api/messages.js';
import {
  encodeDocument,
  encodeFields,
  encodeValue,
  formatBytes,
  formatTimestamp,
} from '../../../model/json.js';
import { encodeStatus } from './status.js';

function encodeWriteResult(result: api.WriteResult): Record<string, unknown> {
  return {
    ...(result.updateTime ? { updateTime: formatTimestamp(result.updateTime) } : {}),
    ...(result.transformResults.length > 0
      ? { transformResults: result.transformResults.map(encodeValue) }
      : {}),
  };
}

export function encodeCommitResponse(response: api.CommitResponse): Record<string, unknown> {
  return {
    ...(response.writeResults.length > 0
      ? { writeResults: response.writeResults.map(encodeWriteResult) }
      : {}),
    commitTime: formatTimestamp(response.commitTime),
  };
}

export function encodeBatchWriteResponse(
  response: api.BatchWriteResponse,
): Record<string, unknown> {
  return {
    writeResults: response.writeResults.map(encodeWriteResult),
    status: response.status.map(encodeStatus),
  };
}

export function encodeBatchGetResponse(
  response: api.BatchGetDocumentsResponse,
): Record<string, unknown> {
  return {
    ...(response.found ? { found: encodeDocument(response.found) } : {}),
    ...(response.missing !== undefined ? { missing: response.missing } : {}),
    ...(response.transaction?.length ? { transaction: formatBytes(response.transaction) } : {}),
    readTime: formatTimestamp(response.readTime),
  };
}

export function encodeRunQueryResponse(response: api.RunQueryResponse): Record<string, unknown> {
  return {
    ...(response.transaction?.length ? { transaction: formatBytes(response.transaction) } : {}),
    ...(response.document ? { document: encodeDocument(response.document) } : {}),
    ...(response.readTime ? { readTime: formatTimestamp(response.readTime) } : {}),
    ...(response.skippedResults ? { skippedResults: response.skippedResults } : {}),
    ...(response.done ? { done: true } : {}),
  };
}

export function encodeRunAggregationQueryResponse(
  response: api.RunAggregationQueryResponse,
): Record<string, unknown> {
  return {
    result: { aggregateFields: encodeFields(response.result.aggregateFields) },
    ...(response.transaction?.length ? { transaction: formatBytes(response.transaction) } : {}),
    readTime: formatTimestamp(response.readTime),
  };
}

export function encodeBeginTransactionResponse(
  response: api.BeginTransactionResponse,
): Record<string, unknown> {
  return { transaction: formatBytes(response.transaction) };
}

export function encodeListDocumentsResponse(
  response: api.ListDocumentsResponse,
): Record<string, unknown> {
  return {
    ...(response.documents.length > 0 ? { documents: response.documents.map(encodeDocument) } : {}),
    ...(response.nextPageToken ? { nextPageToken: response.nextPageToken } : {}),
  };
}

export function encodeListCollectionIdsResponse(
  response: api.ListCollectionIdsResponse,
): Record<string, unknown> {
  return {
    ...(response.collectionIds.length > 0 ? { collectionIds: response.collectionIds } : {}),
    ...(response.nextPageToken ? { nextPageToken: response.nextPageToken } : {}),
  };
}

export function encodeListenResponse(response: api.ListenResponse): Record<string, unknown> {
  if (response.targetChange) {
    const change = response.targetChange;
    return {
      targetChange: {
        ...(change.targetChangeType !== 'NO_CHANGE'
          ? { targetChangeType: change.targetChangeType }
          : {}),
        ...(change.targetIds.length > 0 ? { targetIds: change.targetIds } : {}),
        ...(change.cause ? { cause: encodeStatus(change.cause) } : {}),
        ...(change.resumeToken?.length ? { resumeToken: formatBytes(change.resumeToken) } : {}),
        ...(change.readTime ? { readTime: formatTimestamp(change.readTime) } : {}),
      },
    };
  }
  if (response.documentChange) {
    const change = response.documentChange;
    return {
      documentChange: {
        document: encodeDocument(change.document),
        ...(change.targetIds.length > 0 ? { targetIds: change.targetIds } : {}),
        ...(change.removedTargetIds.length > 0
          ? { removedTargetIds: change.removedTargetIds }
          : {}),
      },
    };
  }
  if (response.filter) return { filter: { ...response.filter } };
  const gone = response.documentDelete ?? response.documentRemove;
  if (!gone) throw new Error('A listen response sets no response type.');
  return {
    [response.documentDelete ? 'documentDelete' : 'documentRemove']: {
      document: gone.document,
      ...(gone.removedTargetIds.length > 0 ? { removedTargetIds: gone.removedTargetIds } : {}),
      readTime: formatTimestamp(gone.readTime),
    },
  };
}

export function encodeWriteResponse(response: api.WriteResponse): Record<string, unknown> {
  return {
    streamId: response.streamId,
    streamToken: formatBytes(response.streamToken),
    ...(response.writeResults.length > 0
      ? { writeResults: response.writeResults.map(encodeWriteResult) }
      : {}),
    ...(response.commitTime ? { commitTime: formatTimestamp(response.commitTime) } : {}),
  };
}
