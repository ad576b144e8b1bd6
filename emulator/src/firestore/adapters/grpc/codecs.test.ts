/**
 * Messages through the real codecs, as a client sends and reads them: requests encoded the way a
 * client does and decoded into the internal form; responses built by responses.ts, encoded,
 * and decoded the way a client does.
 */
import { describe, expect, it } from 'vitest';
import type { MethodDefinition } from '@grpc/grpc-js';
import type { Value } from '../../../model/value.js';
import * as decode from '../decode/requests.js';
import { readJson } from '../json/jsonReader.js';
import { loadFirestoreService } from './protoDefinition.js';
import { readProto } from './protoReader.js';
import { responses, type Wire } from './responses.js';

const service = loadFirestoreService();
const method = (name: string): MethodDefinition<Wire, Wire> =>
  service[name] as MethodDefinition<Wire, Wire>;

const NAME = 'projects/p/databases/(default)/documents/c/d';
const INT64 = ['0', '1', '-1', '9007199254740993', '9223372036854775807', '-9223372036854775808'];

describe('requests', () => {
  it('read int64 values and timestamps exactly, at both ends of the range', () => {
    const commit = method('Commit');
    const fields = Object.fromEntries(INT64.map((n, i) => [`n${i}`, { integerValue: n }]));
    const bytes = commit.requestSerialize({
      database: 'projects/p/databases/(default)',
      writes: [
        {
          update: { name: NAME, fields },
          currentDocument: { updateTime: { seconds: '-62135596800', nanos: 1 } },
        },
      ],
    });
    const [write] = readProto(commit.requestDeserialize(bytes), decode.decodeCommitRequest).writes;
    expect(Object.values(write?.update?.fields ?? {})).toEqual(
      INT64.map((n) => ({ integerValue: BigInt(n) })),
    );
    expect(write?.currentDocument).toEqual({
      updateTime: { seconds: -62135596800, nanos: 1 },
    });
  });

  it('read enums by name and oneofs by the field set, as the JSON wire reads the same query', () => {
    const runQuery = method('RunQuery');
    const request = {
      parent: 'projects/p/databases/(default)/documents',
      structuredQuery: {
        from: [{ collectionId: 'c' }],
        where: {
          fieldFilter: {
            field: { fieldPath: 'a' },
            op: 'LESS_THAN',
            value: { nullValue: 'NULL_VALUE' },
          },
        },
        orderBy: [{ field: { fieldPath: 'a' }, direction: 'DESCENDING' }],
        limit: { value: 3 },
      },
    };
    const bytes = runQuery.requestSerialize(request);
    const decoded = readProto(runQuery.requestDeserialize(bytes), decode.decodeRunQueryRequest);
    expect(decoded.structuredQuery).toEqual({
      from: [{ collectionId: 'c' }],
      where: {
        fieldFilter: { field: { fieldPath: 'a' }, op: 'LESS_THAN', value: { nullValue: null } },
      },
      orderBy: [{ field: { fieldPath: 'a' }, direction: 'DESCENDING' }],
      limit: 3,
    });
    const json = { ...request, structuredQuery: { ...request.structuredQuery, limit: 3 } };
    expect(decoded).toEqual(readJson(json, '', decode.decodeRunQueryRequest));
  });

  it('read enums by number, numbered as the proto numbers them', () => {
    const runQuery = method('RunQuery');
    const bytes = runQuery.requestSerialize({
      parent: 'projects/p/databases/(default)/documents',
      structuredQuery: { where: { unaryFilter: { op: 2, field: { fieldPath: 'a' } } } },
    });
    const decoded = readProto(runQuery.requestDeserialize(bytes), decode.decodeRunQueryRequest);
    expect(decoded.structuredQuery.where).toEqual({
      unaryFilter: { op: 'IS_NAN', field: { fieldPath: 'a' } },
    });
  });
});

describe('responses', () => {
  it('carry every value type as a client decodes it', () => {
    const fields: Record<string, Value> = {
      nil: { nullValue: null },
      yes: { booleanValue: true },
      ...Object.fromEntries(INT64.map((n, i) => [`n${i}`, { integerValue: BigInt(n) }])),
      pi: { doubleValue: 3.25 },
      at: { timestampValue: { seconds: 253402300799, nanos: 999_999_999 } },
      s: { stringValue: 'é' },
      b: { bytesValue: new Uint8Array([1, 2, 255]) },
      ref: { referenceValue: NAME },
      geo: { geoPointValue: { latitude: -90, longitude: 180 } },
      list: { arrayValue: { values: [{ nullValue: null }, { integerValue: -5n }] } },
      map: { mapValue: { fields: { inner: { stringValue: 'x' } } } },
    };
    const getDocument = method('GetDocument');
    const wire = responses.document({
      name: NAME,
      fields,
      createTime: { seconds: 1, nanos: 2 },
      updateTime: { seconds: 3, nanos: 4 },
    });
    const decoded = getDocument.responseDeserialize(getDocument.responseSerialize(wire));
    expect(decoded).toEqual({
      name: NAME,
      fields: {
        nil: { nullValue: 'NULL_VALUE', valueType: 'nullValue' },
        yes: { booleanValue: true, valueType: 'booleanValue' },
        ...Object.fromEntries(
          INT64.map((n, i) => [`n${i}`, { integerValue: n, valueType: 'integerValue' }]),
        ),
        pi: { doubleValue: 3.25, valueType: 'doubleValue' },
        at: {
          timestampValue: { seconds: '253402300799', nanos: 999_999_999 },
          valueType: 'timestampValue',
        },
        s: { stringValue: 'é', valueType: 'stringValue' },
        b: { bytesValue: Buffer.from([1, 2, 255]), valueType: 'bytesValue' },
        ref: { referenceValue: NAME, valueType: 'referenceValue' },
        geo: { geoPointValue: { latitude: -90, longitude: 180 }, valueType: 'geoPointValue' },
        list: {
          arrayValue: {
            values: [
              { nullValue: 'NULL_VALUE', valueType: 'nullValue' },
              { integerValue: '-5', valueType: 'integerValue' },
            ],
          },
          valueType: 'arrayValue',
        },
        map: {
          mapValue: { fields: { inner: { stringValue: 'x', valueType: 'stringValue' } } },
          valueType: 'mapValue',
        },
      },
      createTime: { seconds: '1', nanos: 2 },
      updateTime: { seconds: '3', nanos: 4 },
    });
  });

  it('name target change types and carry tokens and transactions as bytes', () => {
    const listen = method('Listen');
    const change = listen.responseDeserialize(
      listen.responseSerialize(
        responses.listen({
          targetChange: {
            targetChangeType: 'CURRENT',
            targetIds: [1, 2],
            resumeToken: new Uint8Array([7, 8]),
            readTime: { seconds: 5, nanos: 0 },
          },
        }),
      ),
    );
    expect(change).toEqual({
      targetChange: {
        targetChangeType: 'CURRENT',
        targetIds: [1, 2],
        resumeToken: Buffer.from([7, 8]),
        readTime: { seconds: '5', nanos: 0 },
      },
      responseType: 'targetChange',
    });
    const batchGet = method('BatchGetDocuments');
    const found = batchGet.responseDeserialize(
      batchGet.responseSerialize(
        responses.batchGet({
          missing: NAME,
          transaction: new Uint8Array([9]),
          readTime: { seconds: 6, nanos: 7 },
        }),
      ),
    );
    expect(found).toEqual({
      missing: NAME,
      result: 'missing',
      transaction: Buffer.from([9]),
      readTime: { seconds: '6', nanos: 7 },
    });
  });
});
