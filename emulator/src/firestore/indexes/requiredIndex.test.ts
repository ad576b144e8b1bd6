import { describe, expect, it } from 'vitest';
import type { FieldOperator, UnaryOperator } from '../../model/filterOperator.js';
import type { Value } from '../../model/value.js';
import { planQuery } from '../query/plan.js';
import type { Filter, StructuredQuery } from '../query/structuredQuery.js';
import { parseIndexConfig, type CompositeIndex, type IndexConfig } from './indexConfig.js';
import { missingIndex } from './requiredIndex.js';

const db = { projectId: 'p', database: '(default)' };
const int: Value = { integerValue: 1n };
const list: Value = { arrayValue: { values: [int] } };

const field = (path: string, op: FieldOperator, value: Value = int): Filter => ({
  fieldFilter: { field: { fieldPath: path }, op, value },
});
const unary = (path: string, op: UnaryOperator): Filter => ({
  unaryFilter: { field: { fieldPath: path }, op },
});
const and = (...filters: Filter[]): Filter => ({ compositeFilter: { op: 'AND', filters } });
const or = (...filters: Filter[]): Filter => ({ compositeFilter: { op: 'OR', filters } });
const asc = (path: string) => ({ field: { fieldPath: path }, direction: 'ASCENDING' as const });
const desc = (path: string) => ({ field: { fieldPath: path }, direction: 'DESCENDING' as const });

interface Shape {
  where?: Filter;
  orderBy?: StructuredQuery['orderBy'];
  group?: boolean;
}
const plan = ({ where, orderBy, group }: Shape) =>
  planQuery(db, group ? '' : 'lists/l1', {
    from: [{ collectionId: 'c', allDescendants: group === true }],
    ...(where ? { where } : {}),
    ...(orderBy ? { orderBy } : {}),
  });

const none: IndexConfig = { indexes: [], fieldOverrides: [] };
const needed = (shape: Shape, config: IndexConfig = none) => missingIndex(plan(shape), config);
const composite = (queryScope: CompositeIndex['queryScope'], ...fields: CompositeIndex['fields']) =>
  ({ collectionGroup: 'c', queryScope, fields }) satisfies CompositeIndex;
const A = 'ASCENDING' as const;
const D = 'DESCENDING' as const;

describe('queries the automatic single-field indexes serve', () => {
  it.each<[string, Shape]>([
    ['no filter and no order', {}],
    ['one equality', { where: field('a', 'EQUAL') }],
    [
      'equalities on several fields (index merging)',
      { where: and(field('a', 'EQUAL'), field('b', 'EQUAL'), unary('c', 'IS_NULL')) },
    ],
    ['an in filter', { where: field('a', 'IN', list) }],
    ['an in filter and an equality', { where: and(field('a', 'IN', list), field('b', 'EQUAL')) }],
    ['one array-contains', { where: field('t', 'ARRAY_CONTAINS') }],
    ['one array-contains-any', { where: field('t', 'ARRAY_CONTAINS_ANY', list) }],
    ['one range filter', { where: field('a', 'GREATER_THAN') }],
    [
      'a range on one field from both sides',
      { where: and(field('a', 'GREATER_THAN'), field('a', 'LESS_THAN')) },
    ],
    ['not-equal', { where: field('a', 'NOT_EQUAL') }],
    ['not-in', { where: field('a', 'NOT_IN', list) }],
    ['one descending orderBy', { orderBy: [desc('a')] }],
    [
      'a range and an orderBy on the same field',
      { where: field('a', 'LESS_THAN'), orderBy: [desc('a')] },
    ],
    [
      'an orderBy with the implicit name order spelled out',
      { orderBy: [desc('a'), desc('__name__')] },
    ],
    ['name order only, descending', { orderBy: [desc('__name__')] }],
    [
      'an equality and name order descending',
      { where: field('a', 'EQUAL'), orderBy: [desc('__name__')] },
    ],
    [
      'an equality and an orderBy on the same field',
      { where: field('a', 'EQUAL'), orderBy: [asc('a')] },
    ],
    [
      'an equality with a filter on __name__',
      {
        where: and(
          field('a', 'EQUAL'),
          field('__name__', 'GREATER_THAN', {
            referenceValue: 'projects/p/databases/(default)/documents/lists/l1/c/x',
          }),
        ),
      },
    ],
    [
      'OR of equalities on different fields',
      { where: or(field('a', 'EQUAL'), field('b', 'EQUAL')) },
    ],
    ['a map field equality', { where: field('due.date', 'EQUAL') }],
  ])('%s', (_, shape) => {
    expect(needed(shape)).toBeNull();
  });
});

describe('queries that need a composite index', () => {
  it.each<[string, Shape, CompositeIndex]>([
    [
      'equality with an orderBy on another field',
      { where: field('a', 'EQUAL'), orderBy: [asc('b')] },
      composite('COLLECTION', { fieldPath: 'a', order: A }, { fieldPath: 'b', order: A }),
    ],
    [
      'equality with a range on another field',
      { where: and(field('b', 'EQUAL'), field('a', 'LESS_THAN')) },
      composite('COLLECTION', { fieldPath: 'b', order: A }, { fieldPath: 'a', order: A }),
    ],
    [
      'in with an orderBy on another field',
      { where: field('a', 'IN', list), orderBy: [desc('b')] },
      composite('COLLECTION', { fieldPath: 'a', order: A }, { fieldPath: 'b', order: D }),
    ],
    [
      'array-contains with an equality',
      { where: and(field('t', 'ARRAY_CONTAINS'), field('a', 'EQUAL')) },
      composite(
        'COLLECTION',
        { fieldPath: 'a', order: A },
        { fieldPath: 't', arrayConfig: 'CONTAINS' },
      ),
    ],
    [
      'array-contains with an orderBy',
      { where: field('t', 'ARRAY_CONTAINS'), orderBy: [desc('b')] },
      composite(
        'COLLECTION',
        { fieldPath: 't', arrayConfig: 'CONTAINS' },
        { fieldPath: 'b', order: D },
      ),
    ],
    [
      'orderBy on two fields',
      { orderBy: [asc('a'), desc('b')] },
      composite('COLLECTION', { fieldPath: 'a', order: A }, { fieldPath: 'b', order: D }),
    ],
    [
      'ranges on two fields (orders in field-path order)',
      { where: and(field('b', 'GREATER_THAN'), field('a', 'LESS_THAN')) },
      composite('COLLECTION', { fieldPath: 'a', order: A }, { fieldPath: 'b', order: A }),
    ],
    [
      'a range and an orderBy on another field',
      { where: field('a', 'GREATER_THAN'), orderBy: [asc('b')] },
      composite('COLLECTION', { fieldPath: 'b', order: A }, { fieldPath: 'a', order: A }),
    ],
    [
      'an orderBy with name the other way',
      { orderBy: [asc('a'), desc('__name__')] },
      composite('COLLECTION', { fieldPath: 'a', order: A }, { fieldPath: '__name__', order: D }),
    ],
    [
      'a collection-group query with equality and order',
      { where: field('a', 'EQUAL'), orderBy: [asc('b')], group: true },
      composite('COLLECTION_GROUP', { fieldPath: 'a', order: A }, { fieldPath: 'b', order: A }),
    ],
  ])('%s', (_, shape, index) => {
    expect(needed(shape)).toEqual({ kind: 'composite', index });
    // ...and the index it names serves it.
    expect(needed(shape, { indexes: [index], fieldOverrides: [] })).toBeNull();
  });

  // Indexes on a and on b, both ordered by c: each serves one equality, together both.
  const onA = composite('COLLECTION', { fieldPath: 'a', order: A }, { fieldPath: 'c', order: A });
  const onB = composite('COLLECTION', { fieldPath: 'b', order: A }, { fieldPath: 'c', order: A });

  it('needs an index for each branch of an OR', () => {
    const shape: Shape = {
      where: or(field('a', 'EQUAL'), field('b', 'EQUAL')),
      orderBy: [asc('c')],
    };
    expect(needed(shape)).toEqual({ kind: 'composite', index: onA });
    expect(needed(shape, { indexes: [onA], fieldOverrides: [] })).toEqual({
      kind: 'composite',
      index: onB,
    });
    expect(needed(shape, { indexes: [onA, onB], fieldOverrides: [] })).toBeNull();
  });

  it('is served by an index with its equality fields in another order and a trailing __name__', () => {
    const shape: Shape = {
      where: and(field('a', 'EQUAL'), field('b', 'EQUAL')),
      orderBy: [desc('c')],
    };
    const index = composite(
      'COLLECTION',
      { fieldPath: 'b', order: D },
      { fieldPath: 'a', order: A },
      { fieldPath: 'c', order: D },
      { fieldPath: '__name__', order: D },
    );
    expect(needed(shape)).not.toBeNull();
    expect(needed(shape, { indexes: [index], fieldOverrides: [] })).toBeNull();
  });

  it('is served by merging indexes that share the orders', () => {
    const shape: Shape = {
      where: and(field('a', 'EQUAL'), field('b', 'EQUAL')),
      orderBy: [asc('c')],
    };
    expect(needed(shape, { indexes: [onA], fieldOverrides: [] })).not.toBeNull();
    expect(needed(shape, { indexes: [onA, onB], fieldOverrides: [] })).toBeNull();
  });

  it('is not served by an index of another scope, collection, order or with a field too many', () => {
    const shape: Shape = { where: field('a', 'EQUAL'), orderBy: [asc('b')] };
    const wrong: CompositeIndex[] = [
      composite('COLLECTION_GROUP', { fieldPath: 'a', order: A }, { fieldPath: 'b', order: A }),
      {
        ...composite('COLLECTION', { fieldPath: 'a', order: A }, { fieldPath: 'b', order: A }),
        collectionGroup: 'other',
      },
      composite('COLLECTION', { fieldPath: 'b', order: A }, { fieldPath: 'a', order: A }),
      composite(
        'COLLECTION',
        { fieldPath: 'a', order: A },
        { fieldPath: 'b', order: A },
        { fieldPath: 'x', order: A },
      ),
      composite(
        'COLLECTION',
        { fieldPath: 'a', arrayConfig: 'CONTAINS' },
        { fieldPath: 'b', order: A },
      ),
    ];
    for (const index of wrong)
      expect(needed(shape, { indexes: [index], fieldOverrides: [] })).not.toBeNull();
  });
});

describe('collection-group queries and field overrides', () => {
  const override = (
    fieldPath: string,
    indexes: IndexConfig['fieldOverrides'][number]['indexes'],
  ): IndexConfig => ({
    indexes: [],
    fieldOverrides: [{ collectionGroup: 'c', fieldPath, indexes }],
  });

  it('a scan in name order needs no index', () => {
    expect(needed({ group: true })).toBeNull();
    expect(needed({ group: true, orderBy: [asc('__name__')] })).toBeNull();
  });

  it('an equality needs a collection-group single-field index, which an override enables', () => {
    expect(needed({ group: true, where: field('a', 'EQUAL') })).toEqual({
      kind: 'singleField',
      collectionGroup: 'c',
      fieldPath: 'a',
      index: { order: A, queryScope: 'COLLECTION_GROUP' },
    });
    const enabled = override('a', [{ order: D, queryScope: 'COLLECTION_GROUP' }]);
    expect(needed({ group: true, where: field('a', 'EQUAL') }, enabled)).toBeNull();
  });

  it('array-contains needs the collection-group CONTAINS index', () => {
    const shape: Shape = { group: true, where: field('t', 'ARRAY_CONTAINS') };
    expect(
      needed(shape, override('t', [{ order: A, queryScope: 'COLLECTION_GROUP' }])),
    ).toMatchObject({
      kind: 'singleField',
      index: { arrayConfig: 'CONTAINS', queryScope: 'COLLECTION_GROUP' },
    });
    expect(
      needed(shape, override('t', [{ arrayConfig: 'CONTAINS', queryScope: 'COLLECTION_GROUP' }])),
    ).toBeNull();
  });

  it('an orderBy on an exempt field of one collection needs its index back', () => {
    const exempt = override('a', []);
    expect(needed({ orderBy: [desc('a')] }, exempt)).toMatchObject({
      kind: 'singleField',
      fieldPath: 'a',
      index: { order: D, queryScope: 'COLLECTION' },
    });
    expect(needed({ orderBy: [desc('b')] }, exempt)).toBeNull();
    expect(
      needed({ orderBy: [desc('a')] }, override('a', [{ order: A, queryScope: 'COLLECTION' }])),
    ).toBeNull();
  });
});

describe("Hearth's own queries against its firestore.indexes.json", () => {
  const config = parseIndexConfig({
    indexes: [
      {
        collectionGroup: 'todos',
        queryScope: 'COLLECTION',
        fields: [
          { fieldPath: 'done', order: A },
          { fieldPath: 'order', order: A },
        ],
      },
      {
        collectionGroup: 'todos',
        queryScope: 'COLLECTION_GROUP',
        fields: [
          { fieldPath: 'done', order: A },
          { fieldPath: 'memberIds', arrayConfig: 'CONTAINS' },
          { fieldPath: 'due.date', order: A },
        ],
      },
    ],
    fieldOverrides: [],
  });
  const todos = (shape: StructuredQuery, group = false) =>
    missingIndex(
      planQuery(db, group ? '' : 'lists/l1', {
        from: [{ collectionId: 'todos', allDescendants: group }],
        ...shape,
      }),
      config,
    );

  it('serves the due views, a page of open to-dos and the last to-do', () => {
    const due = and(
      field('done', 'EQUAL', { booleanValue: false }),
      field('memberIds', 'ARRAY_CONTAINS', { stringValue: 'u' }),
      field('due.date', 'LESS_THAN_OR_EQUAL', { stringValue: '2026-12-04' }),
    );
    expect(todos({ where: due, orderBy: [asc('due.date')] }, true)).toBeNull();
    expect(
      todos({
        where: field('done', 'EQUAL', { booleanValue: false }),
        orderBy: [asc('order'), asc('__name__')],
      }),
    ).toBeNull();
    expect(todos({ orderBy: [desc('order')], limit: 1 })).toBeNull();
  });

  it('refuses the due views without their collection-group index', () => {
    const due = and(
      field('done', 'EQUAL', { booleanValue: false }),
      field('memberIds', 'ARRAY_CONTAINS', { stringValue: 'u' }),
    );
    expect(
      missingIndex(
        planQuery(db, '', {
          from: [{ collectionId: 'todos', allDescendants: true }],
          where: due,
          orderBy: [asc('due.date')],
        }),
        none,
      ),
    ).toMatchObject({ kind: 'composite' });
  });
});

describe('parseIndexConfig', () => {
  it('names the entry at fault', () => {
    expect(() =>
      parseIndexConfig({
        indexes: [{ collectionGroup: 'c', fields: [{ fieldPath: 'a', order: 'UP' }] }],
      }),
    ).toThrow('indexes[0].fields[0].order must be ASCENDING or DESCENDING.');
    expect(() => parseIndexConfig({ fieldOverrides: [{ fieldPath: 'a' }] })).toThrow(
      'fieldOverrides[0].collectionGroup',
    );
    expect(() => parseIndexConfig([])).toThrow('JSON object');
  });

  it('reads a missing queryScope as COLLECTION and vector indexes apart (vectorIndex.ts)', () => {
    expect(
      parseIndexConfig({
        indexes: [
          {
            collectionGroup: 'c',
            fields: [
              { fieldPath: 'a', order: 'ASCENDING' },
              { fieldPath: 'b', arrayConfig: 'CONTAINS' },
            ],
          },
          {
            collectionGroup: 'c',
            queryScope: 'COLLECTION',
            fields: [{ fieldPath: 'v', vectorConfig: { dimension: 3, flat: {} } }],
          },
        ],
      }),
    ).toEqual({
      indexes: [
        {
          collectionGroup: 'c',
          queryScope: 'COLLECTION',
          fields: [
            { fieldPath: 'a', order: 'ASCENDING' },
            { fieldPath: 'b', arrayConfig: 'CONTAINS' },
          ],
        },
      ],
      fieldOverrides: [],
      vectorIndexes: [
        {
          collectionGroup: 'c',
          queryScope: 'COLLECTION',
          fields: [{ fieldPath: 'v', vectorConfig: { dimension: 3, flat: {} } }],
        },
      ],
    });
  });
});
