/**
 * The unary RPCs' requests, from any wire. A resource that REST names in the URL (database,
 * parent, document name) is read here as a field like any other; REST binds the URL's value to
 * it (../rest/restRoutes.ts).
 */
import { invalidArgument } from '../../../model/errors.js';
import type * as api from '../../api/messages.js';
import {
  decodeConsistency,
  decodeDocument,
  decodeDocumentMask,
  decodePrecondition,
  decodeTransactionOptions,
} from './document.js';
import { decodeStructuredAggregationQuery, decodeStructuredQuery } from './query.js';
import type { MessageReader } from './reader.js';
import { decodeWrite } from './write.js';

function refuseExplain(reader: MessageReader): void {
  if (reader.has('explainOptions'))
    throw invalidArgument('Query explain is not supported by this emulator.');
}

export function decodeGetDocumentRequest(reader: MessageReader): api.GetDocumentRequest {
  const mask = reader.message('mask', decodeDocumentMask);
  return {
    name: reader.string('name') ?? '',
    ...(mask ? { mask } : {}),
    ...decodeConsistency(reader, false),
  };
}

export function decodeListDocumentsRequest(reader: MessageReader): api.ListDocumentsRequest {
  const mask = reader.message('mask', decodeDocumentMask);
  const pageSize = reader.int32('pageSize');
  const pageToken = reader.string('pageToken');
  const orderBy = reader.string('orderBy');
  const showMissing = reader.boolean('showMissing');
  return {
    parent: reader.string('parent') ?? '',
    collectionId: reader.string('collectionId') ?? '',
    ...(mask ? { mask } : {}),
    ...(pageSize !== undefined ? { pageSize } : {}),
    ...(pageToken ? { pageToken } : {}),
    ...(orderBy ? { orderBy } : {}),
    ...(showMissing ? { showMissing } : {}),
    ...decodeConsistency(reader, false),
  };
}

export function decodeCreateDocumentRequest(reader: MessageReader): api.CreateDocumentRequest {
  const document = reader.message('document', decodeDocument);
  if (document?.name)
    throw invalidArgument(
      'A document to create is named by its parent and documentId, not by its name field.',
    );
  const documentId = reader.string('documentId');
  const mask = reader.message('mask', decodeDocumentMask);
  return {
    parent: reader.string('parent') ?? '',
    collectionId: reader.string('collectionId') ?? '',
    document: { fields: document?.fields ?? {} },
    ...(documentId ? { documentId } : {}),
    ...(mask ? { mask } : {}),
  };
}

export function decodeUpdateDocumentRequest(reader: MessageReader): api.UpdateDocumentRequest {
  const document = reader.message('document', decodeDocument) ?? { name: '', fields: {} };
  const updateMask = reader.message('updateMask', decodeDocumentMask);
  const mask = reader.message('mask', decodeDocumentMask);
  const currentDocument = reader.message('currentDocument', decodePrecondition);
  return {
    document,
    ...(updateMask ? { updateMask } : {}),
    ...(mask ? { mask } : {}),
    ...(currentDocument ? { currentDocument } : {}),
  };
}

export function decodeDeleteDocumentRequest(reader: MessageReader): api.DeleteDocumentRequest {
  const currentDocument = reader.message('currentDocument', decodePrecondition);
  return { name: reader.string('name') ?? '', ...(currentDocument ? { currentDocument } : {}) };
}

export function decodeCommitRequest(reader: MessageReader): api.CommitRequest {
  const transaction = reader.bytes('transaction');
  return {
    database: reader.string('database') ?? '',
    writes: reader.messages('writes', decodeWrite),
    ...(transaction?.length ? { transaction } : {}),
  };
}

export function decodeBatchWriteRequest(reader: MessageReader): api.BatchWriteRequest {
  reader.stringMap('labels');
  return {
    database: reader.string('database') ?? '',
    writes: reader.messages('writes', decodeWrite),
  };
}

export function decodeBatchGetRequest(reader: MessageReader): api.BatchGetDocumentsRequest {
  const mask = reader.message('mask', decodeDocumentMask);
  return {
    database: reader.string('database') ?? '',
    documents: reader.strings('documents'),
    ...(mask ? { mask } : {}),
    ...decodeConsistency(reader),
  };
}

export function decodeRunQueryRequest(reader: MessageReader): api.RunQueryRequest {
  refuseExplain(reader);
  const structuredQuery = reader.message('structuredQuery', decodeStructuredQuery);
  if (!structuredQuery) throw invalidArgument("Missing required field 'structuredQuery'.");
  return {
    parent: reader.string('parent') ?? '',
    structuredQuery,
    ...decodeConsistency(reader),
  };
}

export function decodeRunAggregationQueryRequest(
  reader: MessageReader,
): api.RunAggregationQueryRequest {
  refuseExplain(reader);
  const structuredAggregationQuery = reader.message(
    'structuredAggregationQuery',
    decodeStructuredAggregationQuery,
  );
  if (!structuredAggregationQuery)
    throw invalidArgument("Missing required field 'structuredAggregationQuery'.");
  return {
    parent: reader.string('parent') ?? '',
    structuredAggregationQuery,
    ...decodeConsistency(reader),
  };
}

export function decodeBeginTransactionRequest(reader: MessageReader): api.BeginTransactionRequest {
  const options = reader.message('options', decodeTransactionOptions);
  return { database: reader.string('database') ?? '', ...(options ? { options } : {}) };
}

export function decodeRollbackRequest(reader: MessageReader): api.RollbackRequest {
  return {
    database: reader.string('database') ?? '',
    transaction: reader.bytes('transaction') ?? new Uint8Array(),
  };
}

export function decodeListCollectionIdsRequest(
  reader: MessageReader,
): api.ListCollectionIdsRequest {
  const pageSize = reader.int32('pageSize');
  const pageToken = reader.string('pageToken');
  const readTime = reader.timestamp('readTime');
  return {
    parent: reader.string('parent') ?? '',
    ...(pageSize !== undefined ? { pageSize } : {}),
    ...(pageToken ? { pageToken } : {}),
    ...(readTime ? { readTime } : {}),
  };
}
