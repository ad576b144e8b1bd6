/**
 * findNearest (vector search), exact: every document the query's filters keep (a pre-filter) whose
 * vector field holds a vector of the query vector's dimension is scored, and the `limit` nearest
 * are returned, nearest first. A flat scan: O(n·d) per query for n candidates of dimension d, plus
 * O(n log k) to keep the k nearest in order. Production's vector indexes are flat (exact) too; it
 * reads them instead of every candidate, so only the cost differs.
 *
 * Distances, as the API defines them: EUCLIDEAN √Σ(aᵢ−bᵢ)² and COSINE 1 − a·b/(‖a‖‖b‖), smaller is
 * nearer; DOT_PRODUCT a·b, larger is nearer. `distanceThreshold` keeps distance ≤ threshold
 * (EUCLIDEAN, COSINE) or ≥ threshold (DOT_PRODUCT). Equal distances are ordered by document name
 * (the API leaves their order unspecified). A document whose field is missing, is not a vector,
 * has another dimension or (COSINE) has no magnitude is skipped, as it is not in a vector index.
 */
import { invalidArgument } from '../../model/errors.js';
import { isNameField, parseFieldPath, type FieldPath } from '../../model/fieldPath.js';
import type { Value } from '../../model/value.js';
import { compareResourceNames, isVector } from '../../model/valueOrder.js';
import { getField, setField, type StoredDocument } from '../documents/document.js';
import type { DistanceMeasure, StructuredQuery } from './structuredQuery.js';
import { insertBounded } from './topK.js';

/** query.proto, FindNearest.limit: "a positive integer of no more than 1000". */
export const MAX_NEAREST_LIMIT = 1000;
/** query.proto, FindNearest.query_vector: "a vector of no more than 2048 dimensions". */
export const MAX_VECTOR_DIMENSION = 2048;

export interface NearestSearch {
  field: FieldPath;
  vector: number[];
  measure: DistanceMeasure;
  limit: number;
  resultField?: FieldPath;
  threshold?: number;
}

const MEASURES: readonly DistanceMeasure[] = ['EUCLIDEAN', 'COSINE', 'DOT_PRODUCT'];

/** The numbers of a vector value, or undefined when the value is not a vector of numbers. */
export function vectorNumbers(value: Value | undefined): number[] | undefined {
  if (value === undefined || !isVector(value)) return undefined;
  const inner = (value as { mapValue: { fields: Record<string, Value> } }).mapValue.fields['value'];
  if (!inner || !('arrayValue' in inner)) return undefined;
  const numbers: number[] = [];
  for (const element of inner.arrayValue.values) {
    if ('doubleValue' in element) numbers.push(element.doubleValue);
    else if ('integerValue' in element) numbers.push(Number(element.integerValue));
    else return undefined;
  }
  return numbers;
}

/** Checks a query's findNearest and the clauses it excludes; undefined when it has none. */
export function planNearest(query: StructuredQuery): NearestSearch | undefined {
  const nearest = query.findNearest;
  if (!nearest) return undefined;
  if (query.orderBy && query.orderBy.length > 0)
    throw invalidArgument(
      'A findNearest query cannot also have an order by: its results are ordered by vector distance.',
    );
  if (query.startAt || query.endAt)
    throw invalidArgument('A findNearest query cannot have a cursor (start at or end at).');
  if (query.offset) throw invalidArgument('A findNearest query cannot have an offset.');
  if (!MEASURES.includes(nearest.distanceMeasure))
    throw invalidArgument(
      `findNearest needs a distance measure: EUCLIDEAN, COSINE or DOT_PRODUCT, not ${String(nearest.distanceMeasure)}.`,
    );
  const limit = nearest.limit;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_NEAREST_LIMIT)
    throw invalidArgument(
      `findNearest's limit must be a positive integer of no more than ${MAX_NEAREST_LIMIT}; it is ${limit}.`,
    );
  const field = parseFieldPath(nearest.vectorField?.fieldPath);
  if (isNameField(field))
    throw invalidArgument('findNearest cannot search __name__: it is not a vector.');
  const vector = vectorNumbers(nearest.queryVector);
  // Production's words (seen in googleapis/python-aiplatform#4979).
  if (vector === undefined) throw invalidArgument('Query Value must be of type vector.');
  if (vector.length === 0) throw invalidArgument("findNearest's query vector is empty.");
  if (vector.length > MAX_VECTOR_DIMENSION)
    throw invalidArgument(
      `findNearest's query vector has ${vector.length} dimensions; at most ${MAX_VECTOR_DIMENSION} are supported.`,
    );
  if (!vector.every(Number.isFinite))
    throw invalidArgument("findNearest's query vector may hold only finite numbers.");
  const search: NearestSearch = { field, vector, measure: nearest.distanceMeasure, limit };
  if (nearest.distanceResultField) {
    const resultField = parseFieldPath(nearest.distanceResultField);
    if (isNameField(resultField))
      throw invalidArgument("findNearest's distance result field cannot be __name__.");
    search.resultField = resultField;
  }
  if (nearest.distanceThreshold !== undefined) {
    if (Number.isNaN(nearest.distanceThreshold))
      throw invalidArgument("findNearest's distance threshold is not a number.");
    search.threshold = nearest.distanceThreshold;
  }
  return search;
}

/** The distance of `b` from `a` under `measure`; undefined when it has none (COSINE of a zero vector). */
export function vectorDistance(
  measure: DistanceMeasure,
  a: readonly number[],
  b: readonly number[],
): number | undefined {
  if (measure === 'EUCLIDEAN') {
    let sum = 0;
    for (let i = 0; i < a.length; i++) {
      const d = (a[i] as number) - (b[i] as number);
      sum += d * d;
    }
    return Math.sqrt(sum);
  }
  let dot = 0;
  let aa = 0;
  let bb = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i] as number;
    const y = b[i] as number;
    dot += x * y;
    aa += x * x;
    bb += y * y;
  }
  if (measure === 'DOT_PRODUCT') return dot;
  if (aa === 0 || bb === 0) return undefined;
  return 1 - dot / Math.sqrt(aa * bb);
}

interface Scored {
  doc: StoredDocument;
  distance: number;
}

/**
 * The nearest of `docs` (already filtered by the query's where) in order, at most the search's
 * limit (and `extraLimit`, the query's own limit, when it has one), each carrying its distance in
 * the result field when the search names one.
 */
export function runNearest(
  search: NearestSearch,
  docs: Iterable<StoredDocument>,
  extraLimit?: number,
): StoredDocument[] {
  const larger = search.measure === 'DOT_PRODUCT';
  const limit = Math.min(search.limit, extraLimit ?? Infinity);
  // limit: 0 on the query asks for nothing, as it does without findNearest.
  if (limit === 0) return [];
  const compare = (x: Scored, y: Scored): number =>
    (larger ? y.distance - x.distance : x.distance - y.distance) ||
    compareResourceNames(x.doc.name, y.doc.name);
  // The nearest `limit` so far, in order: a bounded sorted buffer, O(n log k) comparisons.
  const kept: Scored[] = [];
  for (const doc of docs) {
    const vector = vectorNumbers(getField(doc.fields, search.field));
    if (vector === undefined || vector.length !== search.vector.length) continue;
    const distance = vectorDistance(search.measure, search.vector, vector);
    if (distance === undefined || Number.isNaN(distance)) continue;
    if (search.threshold !== undefined) {
      if (larger ? distance < search.threshold : distance > search.threshold) continue;
    }
    insertBounded(kept, { doc, distance }, limit, compare);
  }
  const resultField = search.resultField;
  return kept.map(({ doc, distance }) =>
    resultField
      ? { ...doc, fields: setField(doc.fields, resultField, { doubleValue: distance }) }
      : doc,
  );
}
