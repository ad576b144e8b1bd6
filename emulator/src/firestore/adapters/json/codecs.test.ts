import { describe, expect, it } from 'vitest';
import { Code, FirestoreError } from '../../../model/errors.js';
import type { Value } from '../../../model/value.js';
import { encodeValue } from '../../../model/json.js';
import type { MessageReader } from '../decode/reader.js';
import * as decode from '../decode/requests.js';
import * as streams from '../decode/streams.js';
import * as values from '../decode/value.js';
import { bindPath } from '../rest/transcoding.js';
import { readJson } from './jsonReader.js';
import { encodeListenResponse, encodeRunQueryResponse, encodeWriteResponse } from './responses.js';
import { encodeError } from './status.js';

/** A REST request: the body decoded as JSON, `field` bound to the URL's resource. */
const rest =
  <Field extends string, Req extends Record<Field, string>>(
    field: Field,
    decodeRequest: (reader: MessageReader) => Req,
  ) =>
  (json: unknown, resource: string): Req => {
    const request = readJson(json, '', decodeRequest);
    bindPath(request, field, resource);
    return request;
  };
const decodeCommitRequest = rest('database', decode.decodeCommitRequest);
const decodeBatchGetRequest = rest('database', decode.decodeBatchGetRequest);
const decodeRunQueryRequest = rest('parent', decode.decodeRunQueryRequest);
const decodeRunAggregationQueryRequest = rest('parent', decode.decodeRunAggregationQueryRequest);
const decodeListenRequest = (json: unknown) => readJson(json, '', streams.decodeListenRequest);
const decodeWriteRequest = (json: unknown) => readJson(json, '', streams.decodeWriteRequest);
const decodeValue = (json: unknown, path: string) => readJson(json, path, values.decodeValue);

const DB = 'projects/demo-hearth/databases/(default)';
const ROOT = `${DB}/documents`;

function rejects(action: () => unknown, pattern: RegExp): void {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(FirestoreError);
    expect((error as FirestoreError).code).toBe(Code.INVALID_ARGUMENT);
    expect((error as FirestoreError).message).toMatch(pattern);
    return;
  }
  expect.fail('expected INVALID_ARGUMENT');
}

describe('Value', () => {
  const every: [unknown, Value][] = [
    [{ nullValue: null }, { nullValue: null }],
    [{ booleanValue: true }, { booleanValue: true }],
    [{ integerValue: '-9007199254740993' }, { integerValue: -9007199254740993n }],
    [{ doubleValue: 'NaN' }, { doubleValue: NaN }],
    [{ doubleValue: 2.5 }, { doubleValue: 2.5 }],
    [
      { timestampValue: '2024-05-01T10:00:00.123456Z' },
      { timestampValue: { seconds: 1714557600, nanos: 123_456_000 } },
    ],
    [{ stringValue: 'héllo' }, { stringValue: 'héllo' }],
    [{ bytesValue: 'AAE=' }, { bytesValue: new Uint8Array([0, 1]) }],
    [{ referenceValue: `${ROOT}/a/b` }, { referenceValue: `${ROOT}/a/b` }],
    [
      { geoPointValue: { latitude: 1.5, longitude: -2 } },
      { geoPointValue: { latitude: 1.5, longitude: -2 } },
    ],
    [{ arrayValue: {} }, { arrayValue: { values: [] } }],
    [
      { arrayValue: { values: [{ integerValue: '1' }, { mapValue: {} }] } },
      { arrayValue: { values: [{ integerValue: 1n }, { mapValue: { fields: {} } }] } },
    ],
    [
      { mapValue: { fields: { a: { stringValue: 'x' } } } },
      { mapValue: { fields: { a: { stringValue: 'x' } } } },
    ],
  ];

  it.each(every)('decodes and re-encodes %j', (json, value) => {
    expect(decodeValue(json, 'v')).toEqual(value);
    expect(encodeValue(value)).toEqual(json);
  });

  it('accepts the snake_case names and the NULL_VALUE enum name', () => {
    expect(decodeValue({ integer_value: 7 }, 'v')).toEqual({ integerValue: 7n });
    expect(decodeValue({ nullValue: 'NULL_VALUE' }, 'v')).toEqual({ nullValue: null });
  });

  it('rejects values with no type, two types, unknown fields, bad scalars, and runaway nesting', () => {
    rejects(() => decodeValue({}, 'v'), /no value type/);
    rejects(() => decodeValue({ stringValue: 'a', booleanValue: true }, 'v'), /more than one/);
    rejects(() => decodeValue({ mapValue: { fields: {}, extra: 1 } }, 'v'), /Unknown name "extra"/);
    rejects(() => decodeValue({ integerValue: 'twelve' }, 'v'), /TYPE_INT64/);
    rejects(() => decodeValue([], 'v'), /Expected an object/);
    let deep: unknown = { nullValue: null };
    for (let i = 0; i < 100; i++) deep = { arrayValue: { values: [deep] } };
    rejects(() => decodeValue(deep, 'v'), /nested too deeply/);
  });
});

describe('requests', () => {
  it('decodes a commit as the web SDK sends it, including transforms and preconditions', () => {
    const request = decodeCommitRequest(
      {
        writes: [
          {
            update: { name: `${ROOT}/todos/t1`, fields: { n: { integerValue: '1' } } },
            updateMask: { fieldPaths: ['n'] },
            updateTransforms: [
              { fieldPath: 'at', setToServerValue: 'REQUEST_TIME' },
              { fieldPath: 'tags', appendMissingElements: { values: [{ stringValue: 'a' }] } },
              { fieldPath: 'count', increment: { integerValue: '2' } },
            ],
            currentDocument: { exists: true },
          },
          { delete: `${ROOT}/todos/t2`, currentDocument: { updateTime: '2024-01-01T00:00:00Z' } },
          { verify: `${ROOT}/todos/t3`, currentDocument: { exists: false } },
        ],
      },
      DB,
    );
    expect(request).toEqual({
      database: DB,
      writes: [
        {
          update: { name: `${ROOT}/todos/t1`, fields: { n: { integerValue: 1n } } },
          updateMask: ['n'],
          updateTransforms: [
            { fieldPath: 'at', setToServerValue: 'REQUEST_TIME' },
            { fieldPath: 'tags', appendMissingElements: [{ stringValue: 'a' }] },
            { fieldPath: 'count', increment: { integerValue: 2n } },
          ],
          currentDocument: { exists: true },
        },
        {
          delete: `${ROOT}/todos/t2`,
          currentDocument: { updateTime: { seconds: 1704067200, nanos: 0 } },
        },
        { verify: `${ROOT}/todos/t3`, currentDocument: { exists: false } },
      ],
    });
  });

  it('rejects a body naming another database, a write with two operations, and a bad precondition', () => {
    rejects(
      () => decodeCommitRequest({ database: 'projects/x/databases/(default)', writes: [] }, DB),
      /does not match/,
    );
    rejects(() => decodeCommitRequest({ writes: [{ delete: 'a', verify: 'b' }] }, DB), /oneof/);
    rejects(
      () =>
        decodeCommitRequest({ writes: [{ delete: 'a', currentDocument: { exists: 'yes' } }] }, DB),
      /TYPE_BOOL/,
    );
  });

  it('decodes a batchGet with a new transaction', () => {
    expect(
      decodeBatchGetRequest({ documents: [`${ROOT}/a/b`], newTransaction: { readWrite: {} } }, DB),
    ).toEqual({
      database: DB,
      documents: [`${ROOT}/a/b`],
      newTransaction: { readWrite: {} },
    });
    rejects(
      () =>
        decodeBatchGetRequest(
          { documents: [], transaction: 'AA==', readTime: '2024-01-01T00:00:00Z' },
          DB,
        ),
      /oneof/,
    );
  });

  it('decodes queries with composite filters, cursors, order, limit and aggregations', () => {
    const structuredQuery = {
      from: [{ collectionId: 'todos', allDescendants: true }],
      where: {
        compositeFilter: {
          op: 'OR',
          filters: [
            {
              fieldFilter: {
                field: { fieldPath: 'done' },
                op: 'EQUAL',
                value: { booleanValue: false },
              },
            },
            { unaryFilter: { field: { fieldPath: 'dueAt' }, op: 'IS_NULL' } },
          ],
        },
      },
      orderBy: [{ field: { fieldPath: 'priority' }, direction: 'DESCENDING' }],
      startAt: { values: [{ integerValue: '3' }], before: true },
      limit: 10,
    };
    expect(decodeRunQueryRequest({ structuredQuery }, ROOT)).toEqual({
      parent: ROOT,
      structuredQuery: {
        ...structuredQuery,
        startAt: { values: [{ integerValue: 3n }], before: true },
      },
    });
    const aggregation = decodeRunAggregationQueryRequest(
      {
        structuredAggregationQuery: {
          structuredQuery: { from: [{ collectionId: 'todos' }] },
          aggregations: [
            { alias: 'aggregate_0', count: { upTo: '5' } },
            { alias: 'aggregate_1', sum: { field: { fieldPath: 'n' } } },
          ],
        },
      },
      ROOT,
    );
    expect(aggregation.structuredAggregationQuery.aggregations).toEqual([
      { alias: 'aggregate_0', count: { upTo: 5n } },
      { alias: 'aggregate_1', sum: { field: { fieldPath: 'n' } } },
    ]);
    rejects(
      () =>
        decodeRunQueryRequest(
          {
            structuredQuery: {
              where: {
                fieldFilter: { field: { fieldPath: 'a' }, op: 'LIKE', value: { nullValue: null } },
              },
            },
          },
          ROOT,
        ),
      /not one of/,
    );
    rejects(() => decodeRunQueryRequest({}, ROOT), /structuredQuery/);
  });

  it('encodes streamed query results without default fields', () => {
    expect(encodeRunQueryResponse({ readTime: { seconds: 1, nanos: 0 }, done: true })).toEqual({
      readTime: '1970-01-01T00:00:01Z',
      done: true,
    });
  });
});

describe('stream messages', () => {
  it('decodes listen requests with targets, resume tokens and labels', () => {
    expect(
      decodeListenRequest({
        database: DB,
        addTarget: {
          documents: { documents: [`${ROOT}/a/b`] },
          targetId: 2,
          resumeToken: 'AAAB',
          expectedCount: 1,
        },
        labels: { 'goog-listen-tags': 'existence-filter-mismatch' },
      }),
    ).toEqual({
      database: DB,
      addTarget: {
        documents: { documents: [`${ROOT}/a/b`] },
        targetId: 2,
        resumeToken: new Uint8Array([0, 0, 1]),
        expectedCount: 1,
      },
    });
    expect(decodeListenRequest({ database: DB, removeTarget: 2 })).toEqual({
      database: DB,
      removeTarget: 2,
    });
    rejects(
      () =>
        decodeListenRequest({
          database: DB,
          addTarget: { targetId: 1, resumeToken: 'AA==', readTime: '2024-01-01T00:00:00Z' },
        }),
      /oneof/,
    );
  });

  it('encodes listen responses as the SDK reads them', () => {
    expect(
      encodeListenResponse({
        targetChange: {
          targetChangeType: 'NO_CHANGE',
          targetIds: [],
          readTime: { seconds: 2, nanos: 5000 },
        },
      }),
    ).toEqual({
      targetChange: { readTime: '1970-01-01T00:00:02.000005Z' },
    });
    expect(
      encodeListenResponse({
        targetChange: {
          targetChangeType: 'REMOVE',
          targetIds: [4],
          cause: { code: Code.PERMISSION_DENIED, message: 'denied' },
        },
      }),
    ).toEqual({
      targetChange: {
        targetChangeType: 'REMOVE',
        targetIds: [4],
        cause: { code: 7, message: 'denied' },
      },
    });
    expect(
      encodeListenResponse({
        documentChange: {
          document: {
            name: `${ROOT}/a/b`,
            fields: {},
            createTime: { seconds: 1, nanos: 0 },
            updateTime: { seconds: 1, nanos: 0 },
          },
          targetIds: [2],
          removedTargetIds: [],
        },
      }),
    ).toEqual({
      documentChange: {
        document: {
          name: `${ROOT}/a/b`,
          createTime: '1970-01-01T00:00:01Z',
          updateTime: '1970-01-01T00:00:01Z',
        },
        targetIds: [2],
      },
    });
    expect(
      encodeListenResponse({
        documentDelete: {
          document: `${ROOT}/a/b`,
          removedTargetIds: [2],
          readTime: { seconds: 3, nanos: 0 },
        },
      }),
    ).toEqual({
      documentDelete: {
        document: `${ROOT}/a/b`,
        removedTargetIds: [2],
        readTime: '1970-01-01T00:00:03Z',
      },
    });
  });

  it('decodes write-stream requests, of which only the first names the database', () => {
    expect(decodeWriteRequest({ database: DB })).toEqual({ database: DB });
    expect(
      decodeWriteRequest({ streamToken: 'AQ==', writes: [{ delete: `${ROOT}/a/b` }] }),
    ).toEqual({
      database: '',
      streamToken: new Uint8Array([1]),
      writes: [{ delete: `${ROOT}/a/b` }],
    });
    expect(
      encodeWriteResponse({ streamId: 's', streamToken: new Uint8Array([1]), writeResults: [] }),
    ).toEqual({ streamId: 's', streamToken: 'AQ==' });
  });
});

describe('errors', () => {
  it('answers with the HTTP status of the code and the status name the SDK maps back', () => {
    expect(encodeError(new FirestoreError(Code.ABORTED, 'contention'))).toEqual({
      httpStatus: 409,
      body: { error: { code: 409, message: 'contention', status: 'ABORTED' } },
    });
    expect(encodeError(new Error('boom')).httpStatus).toBe(500);
  });
});
