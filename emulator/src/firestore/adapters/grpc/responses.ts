/**
 * Responses in the form protoDefinition.ts encodes without a copy: enums as numbers, int64 as
 * numbers or decimal strings, bytes as Uint8Arrays, timestamps as {seconds, nanos}, absent fields
 * left undefined (encoding skips them; object spreads to omit them cost more than the encoding).
 */
import type * as api from '../../api/messages.js';
import type { Fields, Timestamp, Value } from '../../../model/value.js';

/** A message in encodable form. */
export type Wire = Record<string, unknown>;

/** google.protobuf.NullValue.NULL_VALUE, the only value of its enum. */
const NULL_VALUE = 0;

function timestampToWire(ts: Timestamp): Wire {
  return { seconds: ts.seconds, nanos: ts.nanos };
}

/** A number while exact, which protobufjs writes without parsing; beyond, the decimal string. */
function int64ToWire(value: bigint): number | string {
  const n = Number(value);
  return Number.isSafeInteger(n) ? n : value.toString();
}

function valueToWire(value: Value): Wire {
  if ('nullValue' in value) return { nullValue: NULL_VALUE };
  if ('integerValue' in value) return { integerValue: int64ToWire(value.integerValue) };
  if ('timestampValue' in value) return { timestampValue: timestampToWire(value.timestampValue) };
  if ('bytesValue' in value)
    return {
      bytesValue: Buffer.from(
        value.bytesValue.buffer,
        value.bytesValue.byteOffset,
        value.bytesValue.byteLength,
      ),
    };
  if ('arrayValue' in value)
    return { arrayValue: { values: value.arrayValue.values.map(valueToWire) } };
  if ('mapValue' in value) return { mapValue: { fields: fieldsToWire(value.mapValue.fields) } };
  return value as Wire;
}

function fieldsToWire(fields: Fields): Wire {
  const wire: Wire = {};
  for (const key in fields) wire[key] = valueToWire(fields[key] as Value);
  return wire;
}

function documentToWire(doc: api.Document): Wire {
  const wire: Wire = { name: doc.name, fields: fieldsToWire(doc.fields) };
  if (doc.createTime) wire['createTime'] = timestampToWire(doc.createTime);
  if (doc.updateTime) wire['updateTime'] = timestampToWire(doc.updateTime);
  return wire;
}

function writeResultToWire(result: api.WriteResult): Wire {
  const wire: Wire = { transformResults: result.transformResults.map(valueToWire) };
  if (result.updateTime) wire['updateTime'] = timestampToWire(result.updateTime);
  return wire;
}

const ts = (t: api.Document['createTime']): Wire | undefined =>
  t ? timestampToWire(t) : undefined;

/** google.firestore.v1.TargetChange.TargetChangeType by name. */
const TARGET_CHANGE_TYPES: Record<api.TargetChangeType, number> = {
  NO_CHANGE: 0,
  ADD: 1,
  REMOVE: 2,
  CURRENT: 3,
  RESET: 4,
};

export const responses = {
  document: documentToWire,
  listDocuments: (r: api.ListDocumentsResponse): Wire => ({
    documents: r.documents.map(documentToWire),
    nextPageToken: r.nextPageToken,
  }),
  batchGet: (r: api.BatchGetDocumentsResponse): Wire => ({
    found: r.found ? documentToWire(r.found) : undefined,
    missing: r.missing || undefined,
    transaction: r.transaction,
    readTime: timestampToWire(r.readTime),
  }),
  beginTransaction: (r: api.BeginTransactionResponse): Wire => ({
    transaction: r.transaction,
  }),
  commit: (r: api.CommitResponse): Wire => ({
    writeResults: r.writeResults.map(writeResultToWire),
    commitTime: timestampToWire(r.commitTime),
  }),
  runQuery: (r: api.RunQueryResponse): Wire => ({
    document: r.document ? documentToWire(r.document) : undefined,
    readTime: ts(r.readTime),
    transaction: r.transaction,
    done: r.done || undefined,
  }),
  runAggregationQuery: (r: api.RunAggregationQueryResponse): Wire => ({
    result: { aggregateFields: fieldsToWire(r.result.aggregateFields) },
    readTime: timestampToWire(r.readTime),
    transaction: r.transaction,
  }),
  batchWrite: (r: api.BatchWriteResponse): Wire => ({
    writeResults: r.writeResults.map(writeResultToWire),
    status: r.status,
  }),
  listCollectionIds: (r: api.ListCollectionIdsResponse): Wire => ({
    collectionIds: r.collectionIds,
    nextPageToken: r.nextPageToken,
  }),
  listen(r: api.ListenResponse): Wire {
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
  write: (r: api.WriteResponse): Wire => ({
    streamId: r.streamId,
    streamToken: r.streamToken,
    writeResults: r.writeResults.map(writeResultToWire),
    commitTime: ts(r.commitTime),
  }),
};
