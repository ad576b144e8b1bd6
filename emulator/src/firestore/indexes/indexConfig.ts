/**
 * firestore.indexes.json as `firebase deploy` reads it: composite `indexes` and single-field
 * `fieldOverrides`. Read and checked here, with an error that names the entry at fault.
 */
import { readFile } from 'node:fs/promises';

export type Direction = 'ASCENDING' | 'DESCENDING';
export type QueryScope = 'COLLECTION' | 'COLLECTION_GROUP';

/** One field of a composite index: ordered, or an array-contains field. */
export type IndexField =
  { fieldPath: string; order: Direction } | { fieldPath: string; arrayConfig: 'CONTAINS' };

export interface CompositeIndex {
  collectionGroup: string;
  queryScope: QueryScope;
  fields: IndexField[];
}

/** One single-field index of a field override. */
export type SingleFieldIndex =
  | { order: Direction; queryScope: QueryScope }
  | { arrayConfig: 'CONTAINS'; queryScope: QueryScope };

/** Replaces the automatic single-field indexes of one field (`indexes: []` exempts it). */
export interface FieldOverride {
  collectionGroup: string;
  fieldPath: string;
  ttl?: boolean;
  indexes: SingleFieldIndex[];
}

/** The vector field of a vector index, the index's last field. */
export interface VectorIndexField {
  fieldPath: string;
  vectorConfig: { dimension: number; flat: Record<string, never> };
}

/** A vector index (findNearest): the pre-filter fields, then the vector field last. */
export interface VectorIndex {
  collectionGroup: string;
  queryScope: QueryScope;
  fields: [...IndexField[], VectorIndexField];
}

export interface IndexConfig {
  indexes: CompositeIndex[];
  fieldOverrides: FieldOverride[];
  /** Set when the file declares vector indexes. */
  vectorIndexes?: VectorIndex[];
}

export const NO_INDEXES: IndexConfig = { indexes: [], fieldOverrides: [] };

const DIRECTIONS = ['ASCENDING', 'DESCENDING'];
const SCOPES = ['COLLECTION', 'COLLECTION_GROUP'];

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function nonEmptyString(value: unknown, where: string): string {
  if (typeof value !== 'string' || value === '')
    throw new Error(`${where} must be a non-empty string.`);
  return value;
}

function scope(value: unknown, where: string): QueryScope {
  // firebase-tools defaults a missing queryScope to COLLECTION.
  if (value === undefined) return 'COLLECTION';
  if (typeof value !== 'string' || !SCOPES.includes(value))
    throw new Error(`${where}.queryScope must be COLLECTION or COLLECTION_GROUP.`);
  return value as QueryScope;
}

function orderOrContains(
  entry: Record<string, unknown>,
  where: string,
): { order: Direction } | { arrayConfig: 'CONTAINS' } {
  if (entry.order !== undefined && entry.arrayConfig !== undefined)
    throw new Error(`${where} has both order and arrayConfig.`);
  if (entry.arrayConfig !== undefined) {
    if (entry.arrayConfig !== 'CONTAINS') throw new Error(`${where}.arrayConfig must be CONTAINS.`);
    return { arrayConfig: 'CONTAINS' };
  }
  if (typeof entry.order !== 'string' || !DIRECTIONS.includes(entry.order))
    throw new Error(`${where}.order must be ASCENDING or DESCENDING.`);
  return { order: entry.order as Direction };
}

const MAX_VECTOR_DIMENSION = 2048;

function vectorConfig(raw: unknown, where: string): VectorIndexField['vectorConfig'] {
  if (!isObject(raw)) throw new Error(`${where}.vectorConfig must be an object.`);
  const dimension = raw.dimension;
  if (
    typeof dimension !== 'number' ||
    !Number.isInteger(dimension) ||
    dimension < 1 ||
    dimension > MAX_VECTOR_DIMENSION
  )
    throw new Error(
      `${where}.vectorConfig.dimension must be an integer from 1 to ${MAX_VECTOR_DIMENSION}.`,
    );
  if (!isObject(raw.flat)) throw new Error(`${where}.vectorConfig.flat must be an object ({}).`);
  return { dimension, flat: {} };
}

/** A composite entry with a `vectorConfig` field: that field must be its last. */
function vectorIndex(
  raw: Record<string, unknown>,
  fields: unknown[],
  collectionGroup: string,
  where: string,
): VectorIndex {
  const last = fields.length - 1;
  const prefix = fields.slice(0, last).map((field: unknown, j): IndexField => {
    const at = `${where}.fields[${j}]`;
    if (!isObject(field)) throw new Error(`${at} must be an object.`);
    if (field.vectorConfig !== undefined)
      throw new Error(`${at}: a vector index's vectorConfig field must be its last field.`);
    return {
      fieldPath: nonEmptyString(field.fieldPath, `${at}.fieldPath`),
      ...orderOrContains(field, at),
    };
  });
  const at = `${where}.fields[${last}]`;
  const vector = fields[last] as Record<string, unknown>;
  return {
    collectionGroup,
    queryScope: scope(raw.queryScope, where),
    fields: [
      ...prefix,
      {
        fieldPath: nonEmptyString(vector.fieldPath, `${at}.fieldPath`),
        vectorConfig: vectorConfig(vector.vectorConfig, at),
      },
    ],
  };
}

/**
 * Reads each entry of an optional array of objects, in order, naming it `${where}[i]` in errors:
 * `indexes`, `fieldOverrides[0].indexes`.
 */
function readEntries<T>(
  list: unknown,
  where: string,
  read: (entry: Record<string, unknown>, at: string) => T,
): T[] {
  const entries = list ?? [];
  if (!Array.isArray(entries)) throw new Error(`${where} must be an array.`);
  return entries.map((entry: unknown, i) => {
    const at = `${where}[${i}]`;
    if (!isObject(entry)) throw new Error(`${at} must be an object.`);
    return read(entry, at);
  });
}

/** Checks a parsed firestore.indexes.json. */
export function parseIndexConfig(json: unknown): IndexConfig {
  if (!isObject(json)) throw new Error('The index file must hold a JSON object.');
  const indexes: CompositeIndex[] = [];
  const vectorIndexes: VectorIndex[] = [];
  readEntries(json.indexes, 'indexes', (raw, where) => {
    const collectionGroup = nonEmptyString(
      raw.collectionGroup ?? raw.collectionId,
      `${where}.collectionGroup`,
    );
    if (!Array.isArray(raw.fields) || raw.fields.length === 0)
      throw new Error(`${where}.fields must be a non-empty array.`);
    if (raw.fields.some((field) => isObject(field) && field.vectorConfig !== undefined)) {
      vectorIndexes.push(vectorIndex(raw, raw.fields as unknown[], collectionGroup, where));
      return;
    }
    const fields = raw.fields.map((field: unknown, j): IndexField => {
      const at = `${where}.fields[${j}]`;
      if (!isObject(field)) throw new Error(`${at} must be an object.`);
      return {
        fieldPath: nonEmptyString(field.fieldPath, `${at}.fieldPath`),
        ...orderOrContains(field, at),
      };
    });
    indexes.push({ collectionGroup, queryScope: scope(raw.queryScope, where), fields });
  });
  const fieldOverrides = readEntries(json.fieldOverrides, 'fieldOverrides', (raw, where) => {
    const override: FieldOverride = {
      collectionGroup: nonEmptyString(raw.collectionGroup, `${where}.collectionGroup`),
      fieldPath: nonEmptyString(raw.fieldPath, `${where}.fieldPath`),
      indexes: readEntries(raw.indexes, `${where}.indexes`, (entry, at) => ({
        ...orderOrContains(entry, at),
        queryScope: scope(entry.queryScope, at),
      })),
    };
    if (raw.ttl !== undefined) override.ttl = raw.ttl === true;
    return override;
  });
  return vectorIndexes.length > 0
    ? { indexes, fieldOverrides, vectorIndexes }
    : { indexes, fieldOverrides };
}

/** Reads and checks an index file; the error names the file and the entry at fault. */
export async function readIndexConfig(file: string): Promise<IndexConfig> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new Error(`Cannot read the index file ${file}: ${(error as Error).message}`, {
      cause: error,
    });
  }
  try {
    return parseIndexConfig(JSON.parse(text));
  } catch (error) {
    throw new Error(`The index file ${file} is not valid: ${(error as Error).message}`, {
      cause: error,
    });
  }
}
