import { describe, expect, it } from 'vitest';
import { planQuery } from '../query/plan.js';
import type { Filter, StructuredQuery } from '../query/structuredQuery.js';
import { parseIndexConfig } from './indexConfig.js';
import { missingVectorIndex, requiredVectorIndex, vectorIndexCommand } from './vectorIndex.js';

const db = { projectId: 'p', database: '(default)' };
const vector = (numbers: number[]) => ({
  mapValue: {
    fields: {
      __type__: { stringValue: '__vector__' },
      value: { arrayValue: { values: numbers.map((doubleValue) => ({ doubleValue })) } },
    },
  },
});
const equal = (fieldPath: string): Filter => ({
  fieldFilter: { field: { fieldPath }, op: 'EQUAL', value: { stringValue: 'v' } },
});
const nearest = (where?: Filter, dimension = 3): StructuredQuery => ({
  from: [{ collectionId: 'items' }],
  ...(where ? { where } : {}),
  findNearest: {
    vectorField: { fieldPath: 'embedding' },
    queryVector: vector(new Array<number>(dimension).fill(1)),
    distanceMeasure: 'COSINE',
    limit: 10,
  },
});
const vectorEntry = (dimension: unknown, ...prefix: object[]) => ({
  collectionGroup: 'items',
  queryScope: 'COLLECTION',
  fields: [...prefix, { fieldPath: 'embedding', vectorConfig: { dimension, flat: {} } }],
});

describe('vector indexes in firestore.indexes.json', () => {
  it('are read apart from the composite indexes', () => {
    const config = parseIndexConfig({
      indexes: [vectorEntry(3, { fieldPath: 'category', order: 'ASCENDING' })],
    });
    expect(config.indexes).toEqual([]);
    expect(config.vectorIndexes).toEqual([
      vectorEntry(3, { fieldPath: 'category', order: 'ASCENDING' }),
    ]);
    expect(parseIndexConfig({ indexes: [] })).not.toHaveProperty('vectorIndexes');
  });

  it('refuse a bad dimension, a missing flat config, or the vector field not last', () => {
    expect(() => parseIndexConfig({ indexes: [vectorEntry(0)] })).toThrow(
      'indexes[0].fields[0].vectorConfig.dimension must be an integer from 1 to 2048.',
    );
    expect(() => parseIndexConfig({ indexes: [vectorEntry(2049)] })).toThrow(/from 1 to 2048/);
    expect(() => parseIndexConfig({ indexes: [vectorEntry('3')] })).toThrow(/dimension/);
    expect(() =>
      parseIndexConfig({
        indexes: [
          {
            collectionGroup: 'items',
            fields: [{ fieldPath: 'embedding', vectorConfig: { dimension: 3 } }],
          },
        ],
      }),
    ).toThrow('indexes[0].fields[0].vectorConfig.flat must be an object ({}).');
    expect(() =>
      parseIndexConfig({
        indexes: [
          {
            collectionGroup: 'items',
            fields: [
              { fieldPath: 'embedding', vectorConfig: { dimension: 3, flat: {} } },
              { fieldPath: 'category', order: 'ASCENDING' },
            ],
          },
        ],
      }),
    ).toThrow("indexes[0].fields[0]: a vector index's vectorConfig field must be its last field.");
  });
});

describe('the vector index a findNearest query needs', () => {
  it('is the vector field with the query dimension, led by the pre-filter fields', () => {
    const plan = planQuery(
      db,
      '',
      nearest({ compositeFilter: { op: 'AND', filters: [equal('b'), equal('a')] } }),
    );
    expect(requiredVectorIndex(plan)).toEqual(
      vectorEntry(
        3,
        { fieldPath: 'a', order: 'ASCENDING' },
        { fieldPath: 'b', order: 'ASCENDING' },
      ),
    );
    expect(
      requiredVectorIndex(planQuery(db, '', { from: [{ collectionId: 'items' }] })),
    ).toBeNull();
  });

  it('is served by a declared index of the same field, dimension and pre-filter fields', () => {
    const declared = parseIndexConfig({
      indexes: [vectorEntry(3), vectorEntry(3, { fieldPath: 'a', order: 'DESCENDING' })],
    }).vectorIndexes!;
    expect(missingVectorIndex(planQuery(db, '', nearest()), declared)).toBeNull();
    expect(missingVectorIndex(planQuery(db, '', nearest(equal('a'))), declared)).toBeNull();
    expect(missingVectorIndex(planQuery(db, '', nearest(undefined, 4)), declared)).toEqual(
      vectorEntry(4),
    );
    expect(missingVectorIndex(planQuery(db, '', nearest(equal('b'))), declared)).toEqual(
      vectorEntry(3, { fieldPath: 'b', order: 'ASCENDING' }),
    );
  });

  it('is created by a gcloud command naming a named database', () => {
    expect(vectorIndexCommand({ projectId: 'p', database: 'other' }, vectorEntry(3) as never)).toBe(
      `gcloud firestore indexes composite create --project=p --database=other --collection-group=items --query-scope=COLLECTION --field-config=field-path=embedding,vector-config='{"dimension":"3","flat":"{}"}'`,
    );
  });
});
