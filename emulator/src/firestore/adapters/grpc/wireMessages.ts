/**
 * Request and response messages between their protobuf forms (see protoDefinition.ts) and
 * api/messages.ts. Requests are validated structurally here (types of fields); semantics are the
 * service's job. Responses are built in encodable form: enums as numbers, bytes as Uint8Arrays,
 * absent fields left undefined (encoding skips them; object spreads to omit them cost more than
 * the encoding).
 */
import { invalidArgument } from '../../../model/errors.js';
import type { Precondition, Write } from '../../documents/mutation.js';
import type { FieldTransform } from '../../documents/transform.js';
import type {
  Aggregation,
  Cursor,
  Filter,
  StructuredAggregationQuery,
  StructuredQuery,
} from '../../query/structuredQuery.js';
import type * as T from '../../api/messages.js';
import {
  fieldsFromWire,
  fieldsToWire,
  int64FromWire,
  timestampFromWire,
  timestampToWire,
  valueFromWire,
  valuesFromWire,
  valueToWire,
  type Wire,
} from './wireValues.js';

const obj = (raw: unknown, what: string): Wire => {
  if (raw === undefined || raw === null) return {};
  if (typeof raw !== 'object' || Array.isArray(raw)) throw invalidArgument(`Invalid ${what}.`);
  return raw as Wire;
};
const list = (raw: unknown, what: string): unknown[] => {
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw)) throw invalidArgument(`Invalid ${what}.`);
  return raw;
};
const str = (raw: unknown): string => (typeof raw === 'string' ? raw : '');
const bytes = (raw: unknown): Uint8Array | undefined =>
  raw instanceof Uint8Array && raw.length > 0 ? raw : undefined;

function mask(raw: unknown): T.DocumentMask | undefined {
  if (raw === undefined || raw === null) return undefined;
  return { fieldPaths: list(obj(raw, 'mask')['fieldPaths'], 'field paths').map(str) };
}

function precondition(raw: unknown): Precondition | undefined {
  if (raw === undefined || raw === null) return undefined;
  const p = obj(raw, 'precondition');
  if (p['conditionType'] === 'exists') return { exists: p['exists'] === true };
  if (p['conditionType'] === 'updateTime')
    return { updateTime: timestampFromWire(p['updateTime']) };
  return undefined;
}

function transactionOptions(raw: unknown): T.TransactionOptions | undefined {
  if (raw === undefined || raw === null) return undefined;
  const o = obj(raw, 'transaction options');
  if (o['mode'] === 'readOnly') {
    const ro = obj(o['readOnly'], 'read-only options');
    return { readOnly: ro['readTime'] ? { readTime: timestampFromWire(ro['readTime']) } : {} };
  }
  const rw = obj(o['readWrite'], 'read-write options');
  const retry = bytes(rw['retryTransaction']);
  return { readWrite: retry ? { retryTransaction: retry } : {} };
}

function consistency<R extends T.ReadConsistency>(w: Wire, request: R): R {
  const txn = bytes(w['transaction']);
  if (txn) request.transaction = txn;
  if (w['newTransaction'])
    request.newTransaction = transactionOptions(w['newTransaction']) as T.TransactionOptions;
  if (w['readTime']) request.readTime = timestampFromWire(w['readTime']);
  return request;
}

function fieldTransform(raw: unknown): FieldTransform {
  const t = obj(raw, 'field transform');
  const result: FieldTransform = { fieldPath: str(t['fieldPath']) };
  switch (t['transformType']) {
    case 'setToServerValue':
      result.setToServerValue = t['setToServerValue'] as 'REQUEST_TIME';
      break;
    case 'increment':
    case 'maximum':
    case 'minimum':
      result[t['transformType']] = valueFromWire(t[t['transformType']]);
      break;
    case 'appendMissingElements':
    case 'removeAllFromArray':
      result[t['transformType']] = valuesFromWire(obj(t[t['transformType']], 'array')['values']);
      break;
    default:
      throw invalidArgument('A field transform needs a transform type.');
  }
  return result;
}

export function writeFromWire(raw: unknown): Write {
  const w = obj(raw, 'write');
  const write: Write = {};
  if (w['operation'] === 'update') {
    const doc = obj(w['update'], 'document');
    write.update = { name: str(doc['name']), fields: fieldsFromWire(doc['fields']) };
  } else if (w['operation'] === 'delete') {
    write.delete = str(w['delete']);
  } else if (w['operation'] === 'verify') {
    write.verify = str(w['verify']);
  } else if (w['operation'] === 'transform') {
    const t = obj(w['transform'], 'document transform');
    write.transform = {
      document: str(t['document']),
      fieldTransforms: list(t['fieldTransforms'], 'field transforms').map(fieldTransform),
    };
  } else {
    throw invalidArgument('A write needs an update, delete or transform operation.');
  }
  const updateMask = mask(w['updateMask']);
  if (updateMask) write.updateMask = updateMask.fieldPaths;
  const transforms = list(w['updateTransforms'], 'update transforms');
  if (transforms.length > 0) write.updateTransforms = transforms.map(fieldTransform);
  const pre = precondition(w['currentDocument']);
  if (pre) write.currentDocument = pre;
  return write;
}

function fieldRef(raw: unknown): { fieldPath: string } {
  return { fieldPath: str(obj(raw, 'field reference')['fieldPath']) };
}

function filterFromWire(raw: unknown, depth = 0): Filter {
  if (depth > 100) throw invalidArgument('Filter is nested too deeply.');
  const f = obj(raw, 'filter');
  switch (f['filterType']) {
    case 'compositeFilter': {
      const c = obj(f['compositeFilter'], 'composite filter');
      return {
        compositeFilter: {
          op: c['op'] as 'AND' | 'OR',
          filters: list(c['filters'], 'filters').map((x) => filterFromWire(x, depth + 1)),
        },
      };
    }
    case 'fieldFilter': {
      const c = obj(f['fieldFilter'], 'field filter');
      if (c['value'] === undefined) throw invalidArgument('A field filter needs a value.');
      return {
        fieldFilter: {
          field: fieldRef(c['field']),
          op: c['op'] as never,
          value: valueFromWire(c['value']),
        },
      };
    }
    case 'unaryFilter': {
      const c = obj(f['unaryFilter'], 'unary filter');
      return { unaryFilter: { op: c['op'] as never, field: fieldRef(c['field']) } };
    }
    default:
      throw invalidArgument('A filter needs a composite, field or unary filter.');
  }
}

function cursor(raw: unknown): Cursor | undefined {
  if (raw === undefined || raw === null) return undefined;
  const c = obj(raw, 'cursor');
  return { values: valuesFromWire(c['values']), before: c['before'] === true };
}

export function structuredQueryFromWire(raw: unknown): StructuredQuery {
  const q = obj(raw, 'structured query');
  if (q['findNearest'])
    throw invalidArgument('Vector search (find_nearest) is not supported by this emulator.');
  const query: StructuredQuery = {
    from: list(q['from'], 'from').map((x) => {
      const s = obj(x, 'collection selector');
      return { collectionId: str(s['collectionId']), allDescendants: s['allDescendants'] === true };
    }),
    orderBy: list(q['orderBy'], 'order by').map((x) => {
      const o = obj(x, 'order');
      return {
        field: fieldRef(o['field']),
        direction: (o['direction'] ?? 'DIRECTION_UNSPECIFIED') as 'ASCENDING',
      };
    }),
  };
  if (q['select'])
    query.select = {
      fields: list(obj(q['select'], 'projection')['fields'], 'projection fields').map(fieldRef),
    };
  if (q['where']) query.where = filterFromWire(q['where']);
  const startAt = cursor(q['startAt']);
  if (startAt) query.startAt = startAt;
  const endAt = cursor(q['endAt']);
  if (endAt) query.endAt = endAt;
  if (q['offset'] !== undefined) query.offset = Number(q['offset']);
  if (q['limit'] !== undefined && q['limit'] !== null)
    query.limit = Number(obj(q['limit'], 'limit')['value'] ?? 0);
  return query;
}

function aggregationQueryFromWire(raw: unknown): StructuredAggregationQuery {
  const q = obj(raw, 'structured aggregation query');
  const aggregations = list(q['aggregations'], 'aggregations').map((x): Aggregation => {
    const a = obj(x, 'aggregation');
    const result: Aggregation = { alias: str(a['alias']) };
    if (a['operator'] === 'count') {
      const upTo = obj(a['count'], 'count')['upTo'];
      result.count =
        upTo === undefined || upTo === null
          ? {}
          : { upTo: int64FromWire(obj(upTo, 'up_to')['value'] ?? '0', 'up_to') };
    } else if (a['operator'] === 'sum') {
      result.sum = { field: fieldRef(obj(a['sum'], 'sum')['field']) };
    } else if (a['operator'] === 'avg') {
      result.avg = { field: fieldRef(obj(a['avg'], 'avg')['field']) };
    }
    return result;
  });
  return { structuredQuery: structuredQueryFromWire(q['structuredQuery']), aggregations };
}

export const requests = {
  getDocument(w: Wire): T.GetDocumentRequest {
    const r = consistency<T.GetDocumentRequest>(w, { name: str(w['name']) });
    const m = mask(w['mask']);
    if (m) r.mask = m;
    return r;
  },
  listDocuments(w: Wire): T.ListDocumentsRequest {
    const r = consistency<T.ListDocumentsRequest>(w, {
      parent: str(w['parent']),
      collectionId: str(w['collectionId']),
    });
    if (w['pageSize'] !== undefined) r.pageSize = Number(w['pageSize']);
    if (w['pageToken']) r.pageToken = str(w['pageToken']);
    if (w['orderBy']) r.orderBy = str(w['orderBy']);
    const m = mask(w['mask']);
    if (m) r.mask = m;
    if (w['showMissing'] === true) r.showMissing = true;
    return r;
  },
  createDocument(w: Wire): T.CreateDocumentRequest {
    const r: T.CreateDocumentRequest = {
      parent: str(w['parent']),
      collectionId: str(w['collectionId']),
      documentId: str(w['documentId']),
      document: { fields: fieldsFromWire(obj(w['document'], 'document')['fields']) },
    };
    const m = mask(w['mask']);
    if (m) r.mask = m;
    return r;
  },
  updateDocument(w: Wire): T.UpdateDocumentRequest {
    const doc = obj(w['document'], 'document');
    const r: T.UpdateDocumentRequest = {
      document: { name: str(doc['name']), fields: fieldsFromWire(doc['fields']) },
    };
    const updateMask = mask(w['updateMask']);
    if (updateMask) r.updateMask = updateMask;
    const m = mask(w['mask']);
    if (m) r.mask = m;
    const pre = precondition(w['currentDocument']);
    if (pre) r.currentDocument = pre;
    return r;
  },
  deleteDocument(w: Wire): T.DeleteDocumentRequest {
    const r: T.DeleteDocumentRequest = { name: str(w['name']) };
    const pre = precondition(w['currentDocument']);
    if (pre) r.currentDocument = pre;
    return r;
  },
  batchGetDocuments(w: Wire): T.BatchGetDocumentsRequest {
    const r = consistency<T.BatchGetDocumentsRequest>(w, {
      database: str(w['database']),
      documents: list(w['documents'], 'documents').map(str),
    });
    const m = mask(w['mask']);
    if (m) r.mask = m;
    return r;
  },
  beginTransaction(w: Wire): T.BeginTransactionRequest {
    const r: T.BeginTransactionRequest = { database: str(w['database']) };
    const options = transactionOptions(w['options']);
    if (options) r.options = options;
    return r;
  },
  commit(w: Wire): T.CommitRequest {
    const r: T.CommitRequest = {
      database: str(w['database']),
      writes: list(w['writes'], 'writes').map(writeFromWire),
    };
    const txn = bytes(w['transaction']);
    if (txn) r.transaction = txn;
    return r;
  },
  rollback(w: Wire): T.RollbackRequest {
    return {
      database: str(w['database']),
      transaction: bytes(w['transaction']) ?? new Uint8Array(),
    };
  },
  runQuery(w: Wire): T.RunQueryRequest {
    if (w['explainOptions'])
      throw invalidArgument('Query explain is not supported by this emulator.');
    return consistency<T.RunQueryRequest>(w, {
      parent: str(w['parent']),
      structuredQuery: structuredQueryFromWire(w['structuredQuery']),
    });
  },
  runAggregationQuery(w: Wire): T.RunAggregationQueryRequest {
    if (w['explainOptions'])
      throw invalidArgument('Query explain is not supported by this emulator.');
    return consistency<T.RunAggregationQueryRequest>(w, {
      parent: str(w['parent']),
      structuredAggregationQuery: aggregationQueryFromWire(w['structuredAggregationQuery']),
    });
  },
  batchWrite(w: Wire): T.BatchWriteRequest {
    return { database: str(w['database']), writes: list(w['writes'], 'writes').map(writeFromWire) };
  },
  listCollectionIds(w: Wire): T.ListCollectionIdsRequest {
    const r: T.ListCollectionIdsRequest = { parent: str(w['parent']) };
    if (w['pageSize'] !== undefined) r.pageSize = Number(w['pageSize']);
    if (w['pageToken']) r.pageToken = str(w['pageToken']);
    if (w['readTime']) r.readTime = timestampFromWire(w['readTime']);
    return r;
  },
  listen(w: Wire): T.ListenRequest {
    const r: T.ListenRequest = { database: str(w['database']) };
    if (w['targetChange'] === 'removeTarget') {
      r.removeTarget = Number(w['removeTarget']);
      return r;
    }
    if (w['targetChange'] !== 'addTarget') return r;
    const t = obj(w['addTarget'], 'target');
    const target: T.Target = { targetId: Number(t['targetId'] ?? 0) };
    if (t['targetType'] === 'query') {
      const q = obj(t['query'], 'query target');
      target.query = {
        parent: str(q['parent']),
        structuredQuery: structuredQueryFromWire(q['structuredQuery']),
      };
    } else if (t['targetType'] === 'documents') {
      target.documents = {
        documents: list(obj(t['documents'], 'documents target')['documents'], 'documents').map(str),
      };
    }
    const token = bytes(t['resumeToken']);
    if (token) target.resumeToken = token;
    if (t['readTime']) target.readTime = timestampFromWire(t['readTime']);
    if (t['once'] === true) target.once = true;
    r.addTarget = target;
    return r;
  },
  write(w: Wire): T.WriteRequest {
    const r: T.WriteRequest = { database: str(w['database']) };
    if (w['streamId']) r.streamId = str(w['streamId']);
    const writes = list(w['writes'], 'writes');
    if (writes.length > 0) r.writes = writes.map(writeFromWire);
    const token = bytes(w['streamToken']);
    if (token) r.streamToken = token;
    return r;
  },
};

export function documentToWire(doc: T.Document): Wire {
  const wire: Wire = { name: doc.name, fields: fieldsToWire(doc.fields) };
  if (doc.createTime) wire['createTime'] = timestampToWire(doc.createTime);
  if (doc.updateTime) wire['updateTime'] = timestampToWire(doc.updateTime);
  return wire;
}

function writeResultToWire(result: T.WriteResult): Wire {
  const wire: Wire = { transformResults: result.transformResults.map(valueToWire) };
  if (result.updateTime) wire['updateTime'] = timestampToWire(result.updateTime);
  return wire;
}

const ts = (t: T.Document['createTime']): Wire | undefined => (t ? timestampToWire(t) : undefined);

/** google.firestore.v1.TargetChange.TargetChangeType by name. */
const TARGET_CHANGE_TYPES: Record<T.TargetChangeType, number> = {
  NO_CHANGE: 0,
  ADD: 1,
  REMOVE: 2,
  CURRENT: 3,
  RESET: 4,
};

export const responses = {
  document: documentToWire,
  listDocuments: (r: T.ListDocumentsResponse): Wire => ({
    documents: r.documents.map(documentToWire),
    nextPageToken: r.nextPageToken,
  }),
  batchGet: (r: T.BatchGetDocumentsResponse): Wire => ({
    found: r.found ? documentToWire(r.found) : undefined,
    missing: r.missing || undefined,
    transaction: r.transaction,
    readTime: timestampToWire(r.readTime),
  }),
  beginTransaction: (r: T.BeginTransactionResponse): Wire => ({
    transaction: r.transaction,
  }),
  commit: (r: T.CommitResponse): Wire => ({
    writeResults: r.writeResults.map(writeResultToWire),
    commitTime: timestampToWire(r.commitTime),
  }),
  runQuery: (r: T.RunQueryResponse): Wire => ({
    document: r.document ? documentToWire(r.document) : undefined,
    readTime: ts(r.readTime),
    transaction: r.transaction,
    done: r.done || undefined,
  }),
  runAggregationQuery: (r: T.RunAggregationQueryResponse): Wire => ({
    result: { aggregateFields: fieldsToWire(r.result.aggregateFields) },
    readTime: timestampToWire(r.readTime),
    transaction: r.transaction,
  }),
  batchWrite: (r: T.BatchWriteResponse): Wire => ({
    writeResults: r.writeResults.map(writeResultToWire),
    status: r.status,
  }),
  listCollectionIds: (r: T.ListCollectionIdsResponse): Wire => ({
    collectionIds: r.collectionIds,
    nextPageToken: r.nextPageToken,
  }),
  listen(r: T.ListenResponse): Wire {
    if (r.targetChange) {
      const c = r.targetChange;
      return {
        targetChange: {
          targetChangeType: TARGET_CHANGE_TYPES[c.targetChangeType],
          targetIds: c.targetIds,
          cause: c.cause,
          resumeToken: c.resumeToken,
          readTime: ts(c.readTime),
        },
      };
    }
    if (r.documentChange) {
      const c = r.documentChange;
      return {
        documentChange: {
          document: documentToWire(c.document),
          targetIds: c.targetIds,
          removedTargetIds: c.removedTargetIds,
        },
      };
    }
    const removal = r.documentDelete ?? r.documentRemove;
    if (removal) {
      const wire = {
        document: removal.document,
        removedTargetIds: removal.removedTargetIds,
        readTime: ts(removal.readTime),
      };
      return r.documentDelete ? { documentDelete: wire } : { documentRemove: wire };
    }
    if (r.filter) return { filter: r.filter };
    return {};
  },
  write: (r: T.WriteResponse): Wire => ({
    streamId: r.streamId,
    streamToken: r.streamToken,
    writeResults: r.writeResults.map(writeResultToWire),
    commitTime: ts(r.commitTime),
  }),
};
