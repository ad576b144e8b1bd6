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

export interface IndexConfig {
  indexes: CompositeIndex[];
  fieldOverrides: FieldOverride[];
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

/** Checks a parsed firestore.indexes.json; vector indexes (`vectorConfig`) are skipped. */
export function parseIndexConfig(json: unknown): IndexConfig {
  if (!isObject(json)) throw new Error('The index file must hold a JSON object.');
  const indexes: CompositeIndex[] = [];
  const rawIndexes = json.indexes ?? [];
  if (!Array.isArray(rawIndexes)) throw new Error('indexes must be an array.');
  rawIndexes.forEach((raw: unknown, i) => {
    const where = `indexes[${i}]`;
    if (!isObject(raw)) throw new Error(`${where} must be an object.`);
    const collectionGroup = nonEmptyString(
      raw.collectionGroup ?? raw.collectionId,
      `${where}.collectionGroup`,
    );
    if (!Array.isArray(raw.fields) || raw.fields.length === 0)
      throw new Error(`${where}.fields must be a non-empty array.`);
    if (raw.fields.some((field) => isObject(field) && field.vectorConfig !== undefined)) return;
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
  const fieldOverrides: FieldOverride[] = [];
  const rawOverrides = json.fieldOverrides ?? [];
  if (!Array.isArray(rawOverrides)) throw new Error('fieldOverrides must be an array.');
  rawOverrides.forEach((raw: unknown, i) => {
    const where = `fieldOverrides[${i}]`;
    if (!isObject(raw)) throw new Error(`${where} must be an object.`);
    const rawList = raw.indexes ?? [];
    if (!Array.isArray(rawList)) throw new Error(`${where}.indexes must be an array.`);
    const override: FieldOverride = {
      collectionGroup: nonEmptyString(raw.collectionGroup, `${where}.collectionGroup`),
      fieldPath: nonEmptyString(raw.fieldPath, `${where}.fieldPath`),
      indexes: rawList.map((entry: unknown, j) => {
        const at = `${where}.indexes[${j}]`;
        if (!isObject(entry)) throw new Error(`${at} must be an object.`);
        return { ...orderOrContains(entry, at), queryScope: scope(entry.queryScope, at) };
      }),
    };
    if (raw.ttl !== undefined) override.ttl = raw.ttl === true;
    fieldOverrides.push(override);
  });
  return { indexes, fieldOverrides };
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
