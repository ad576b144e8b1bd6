/** StructuredQuery and StructuredAggregationQuery. */
import { invalidArgument } from '../../../model/errors.js';
import type { FieldOperator, UnaryOperator } from '../../../model/filterOperator.js';
import type {
  Aggregation,
  Cursor,
  FieldReference,
  Filter,
  FindNearest,
  Order,
  StructuredAggregationQuery,
  StructuredQuery,
} from '../../query/structuredQuery.js';
import type { MessageReader, ProtoEnum } from './reader.js';
import { decodeValue } from './value.js';

const DIRECTIONS = { DIRECTION_UNSPECIFIED: 0, ASCENDING: 1, DESCENDING: 2 } as const;
const DISTANCE_MEASURES = {
  DISTANCE_MEASURE_UNSPECIFIED: 0,
  EUCLIDEAN: 1,
  COSINE: 2,
  DOT_PRODUCT: 3,
} as const;
const COMPOSITE_OPERATORS = { OPERATOR_UNSPECIFIED: 0, AND: 1, OR: 2 } as const;
const FIELD_OPERATORS: ProtoEnum<'OPERATOR_UNSPECIFIED' | FieldOperator> = {
  OPERATOR_UNSPECIFIED: 0,
  LESS_THAN: 1,
  LESS_THAN_OR_EQUAL: 2,
  GREATER_THAN: 3,
  GREATER_THAN_OR_EQUAL: 4,
  EQUAL: 5,
  NOT_EQUAL: 6,
  ARRAY_CONTAINS: 7,
  IN: 8,
  ARRAY_CONTAINS_ANY: 9,
  NOT_IN: 10,
};
/** Numbered from 2: the proto retired 1. */
const UNARY_OPERATORS: ProtoEnum<'OPERATOR_UNSPECIFIED' | UnaryOperator> = {
  OPERATOR_UNSPECIFIED: 0,
  IS_NAN: 2,
  IS_NULL: 3,
  IS_NOT_NAN: 4,
  IS_NOT_NULL: 5,
};
/** Filter depth Firestore could never accept; guards the recursion. */
const MAX_FILTER_DEPTH = 64;

export function decodeStructuredQuery(reader: MessageReader): StructuredQuery {
  const select = reader.message('select', (projection) => ({
    fields: projection.messages('fields', decodeFieldReference),
  }));
  const from = reader.messages('from', (selector) => {
    const collectionId = selector.string('collectionId');
    const allDescendants = selector.boolean('allDescendants');
    return {
      ...(collectionId !== undefined ? { collectionId } : {}),
      ...(allDescendants ? { allDescendants } : {}),
    };
  });
  const where = reader.message('where', (filter) => decodeFilter(filter, 0));
  const orderBy = reader.messages('orderBy', decodeOrder);
  const startAt = reader.message('startAt', decodeCursor);
  const endAt = reader.message('endAt', decodeCursor);
  const offset = reader.int32('offset');
  const limit = reader.int32Value('limit');
  const findNearest = reader.message('findNearest', decodeFindNearest);
  return {
    ...(select ? { select } : {}),
    ...(from.length > 0 ? { from } : {}),
    ...(where ? { where } : {}),
    ...(orderBy.length > 0 ? { orderBy } : {}),
    ...(startAt ? { startAt } : {}),
    ...(endAt ? { endAt } : {}),
    ...(offset ? { offset } : {}),
    ...(limit !== undefined ? { limit } : {}),
    ...(findNearest ? { findNearest } : {}),
  };
}

/** The fields' presence is checked here; what they mean (limits, the vector) by the planner. */
function decodeFindNearest(reader: MessageReader): FindNearest {
  const vectorField = reader.message('vectorField', decodeFieldReference);
  if (!vectorField)
    throw invalidArgument(`Missing required field '${reader.fieldPath('vectorField')}'.`);
  const queryVector = reader.message('queryVector', decodeValue);
  if (!queryVector)
    throw invalidArgument(`Missing required field '${reader.fieldPath('queryVector')}'.`);
  const distanceMeasure = reader.enumValue('distanceMeasure', DISTANCE_MEASURES);
  if (distanceMeasure === undefined || distanceMeasure === 'DISTANCE_MEASURE_UNSPECIFIED')
    throw invalidArgument(`Missing required field '${reader.fieldPath('distanceMeasure')}'.`);
  const limit = reader.int32Value('limit');
  if (limit === undefined)
    throw invalidArgument(`Missing required field '${reader.fieldPath('limit')}'.`);
  const distanceResultField = reader.string('distanceResultField');
  const distanceThreshold = reader.doubleValue('distanceThreshold');
  return {
    vectorField,
    queryVector,
    distanceMeasure,
    limit,
    ...(distanceResultField ? { distanceResultField } : {}),
    ...(distanceThreshold !== undefined ? { distanceThreshold } : {}),
  };
}

export function decodeStructuredAggregationQuery(
  reader: MessageReader,
): StructuredAggregationQuery {
  const structuredQuery = reader.message('structuredQuery', decodeStructuredQuery);
  if (!structuredQuery)
    throw invalidArgument(`Missing required field '${reader.fieldPath('structuredQuery')}'.`);
  return { structuredQuery, aggregations: reader.messages('aggregations', decodeAggregation) };
}

function decodeAggregation(reader: MessageReader): Aggregation {
  reader.oneof(['count', 'sum', 'avg']);
  const alias = reader.string('alias');
  const count = reader.message('count', (options) => {
    const upTo = options.int64Value('upTo');
    return upTo === undefined ? {} : { upTo };
  });
  const sum = reader.message('sum', (options) => ({ field: requiredFieldReference(options) }));
  const avg = reader.message('avg', (options) => ({ field: requiredFieldReference(options) }));
  return {
    ...(alias !== undefined ? { alias } : {}),
    ...(count ? { count } : {}),
    ...(sum ? { sum } : {}),
    ...(avg ? { avg } : {}),
  };
}

function decodeFilter(reader: MessageReader, depth: number): Filter {
  if (depth > MAX_FILTER_DEPTH)
    throw invalidArgument(`Filter at '${reader.path}' is nested too deeply.`);
  reader.oneof(['compositeFilter', 'fieldFilter', 'unaryFilter']);
  const composite = reader.message('compositeFilter', (filter) => ({
    op: filter.enumValue('op', COMPOSITE_OPERATORS) ?? 'OPERATOR_UNSPECIFIED',
    filters: filter.messages('filters', (inner) => decodeFilter(inner, depth + 1)),
  }));
  if (composite) {
    if (composite.op === 'OPERATOR_UNSPECIFIED')
      throw invalidArgument('A composite filter needs an operator (AND or OR).');
    return { compositeFilter: { op: composite.op, filters: composite.filters } };
  }
  const field = reader.message('fieldFilter', (filter) => {
    const op = filter.enumValue('op', FIELD_OPERATORS);
    if (op === undefined || op === 'OPERATOR_UNSPECIFIED')
      throw invalidArgument('A field filter needs an operator.');
    const value = filter.message('value', decodeValue);
    if (value === undefined)
      throw invalidArgument(`Missing required field '${filter.fieldPath('value')}'.`);
    return { field: requiredFieldReference(filter), op, value };
  });
  if (field) return { fieldFilter: field };
  const unary = reader.message('unaryFilter', (filter) => {
    const op = filter.enumValue('op', UNARY_OPERATORS);
    if (op === undefined || op === 'OPERATOR_UNSPECIFIED')
      throw invalidArgument('A unary filter needs an operator.');
    return { op, field: requiredFieldReference(filter) };
  });
  if (unary) return { unaryFilter: unary };
  throw invalidArgument(`Filter at '${reader.path}' sets no filter type.`);
}

function decodeOrder(reader: MessageReader): Order {
  const field = requiredFieldReference(reader);
  const direction = reader.enumValue('direction', DIRECTIONS);
  return { field, ...(direction ? { direction } : {}) };
}

function decodeCursor(reader: MessageReader): Cursor {
  const values = reader.messages('values', decodeValue);
  const before = reader.boolean('before');
  return { values, ...(before ? { before } : {}) };
}

function decodeFieldReference(reader: MessageReader): FieldReference {
  return { fieldPath: reader.string('fieldPath') ?? '' };
}

function requiredFieldReference(reader: MessageReader): FieldReference {
  const field = reader.message('field', decodeFieldReference);
  if (!field) throw invalidArgument(`Missing required field '${reader.fieldPath('field')}'.`);
  return field;
}
