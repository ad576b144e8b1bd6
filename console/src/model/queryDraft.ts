/**
 * The query builder's form, turned into the structured query a client SDK sends (so the result
 * is exactly what a client gets), with the checks the SDKs make before sending, and the same
 * query written with the modular JS SDK.
 */
import type { QueryFilter, StructuredQuery } from './restTypes';
import type { Value } from './firestoreValue';
import { formatFieldPath, idProblem, parseFieldPath, parsePath } from './names';
import { toValue, type DatabaseScope, type Draft, type DraftProblem } from './valueDraft';

export const OPERATORS = [
  '==',
  '!=',
  '<',
  '<=',
  '>',
  '>=',
  'array-contains',
  'array-contains-any',
  'in',
  'not-in',
] as const;
export type Operator = (typeof OPERATORS)[number];

const FIELD_OPS: Record<
  Operator,
  Exclude<QueryFilter, { unaryFilter: unknown }>['fieldFilter']['op']
> = {
  '==': 'EQUAL',
  '!=': 'NOT_EQUAL',
  '<': 'LESS_THAN',
  '<=': 'LESS_THAN_OR_EQUAL',
  '>': 'GREATER_THAN',
  '>=': 'GREATER_THAN_OR_EQUAL',
  'array-contains': 'ARRAY_CONTAINS',
  'array-contains-any': 'ARRAY_CONTAINS_ANY',
  in: 'IN',
  'not-in': 'NOT_IN',
};
/** Firestore: `in` and `array-contains-any` take up to 30 values, `not-in` up to 10. */
const MAX_VALUES: Partial<Record<Operator, number>> = {
  in: 30,
  'array-contains-any': 30,
  'not-in': 10,
};

export interface FilterDraft {
  field: string;
  op: Operator;
  value: Draft;
}

export interface OrderDraft {
  field: string;
  direction: 'asc' | 'desc';
}

export interface QueryDraft {
  /** A collection path, or with `group`, a collection id. */
  collection: string;
  group: boolean;
  filters: FilterDraft[];
  orderBy: OrderDraft[];
  limit: string;
}

export interface BuiltQuery {
  /** The parent the query runs under (a document path, or [] for the root). */
  parent: string[];
  query: StructuredQuery;
}

type Built = { ok: true; value: BuiltQuery } | { ok: false; problems: DraftProblem[] };

function unary(field: string, op: Operator, value: Value): QueryFilter | null {
  const isNull = 'nullValue' in value;
  const isNaN =
    'doubleValue' in value && (value.doubleValue === 'NaN' || Number.isNaN(value.doubleValue));
  if (!isNull && !isNaN) return null;
  if (op !== '==' && op !== '!=') return null;
  const kind = isNull ? 'NULL' : 'NAN';
  return {
    unaryFilter: { field: { fieldPath: field }, op: op === '==' ? `IS_${kind}` : `IS_NOT_${kind}` },
  };
}

export function buildQuery(draft: QueryDraft, scope: DatabaseScope): Built {
  const problems: DraftProblem[] = [];
  let parent: string[] = [];
  let collectionId = '';
  if (draft.group) {
    const problem = idProblem(draft.collection.trim(), 'collection');
    if (problem) problems.push({ at: 'collection', message: problem });
    collectionId = draft.collection.trim();
  } else {
    const path = parsePath(draft.collection, 'collection');
    if (!path.ok) problems.push({ at: 'collection', message: path.message });
    else {
      parent = path.value.slice(0, -1);
      collectionId = path.value.at(-1) as string;
    }
  }
  const filters: QueryFilter[] = [];
  draft.filters.forEach((filter, i) => {
    const at = `filter ${i + 1}`;
    const field = parseFieldPath(filter.field.trim(), true);
    if (!field.ok) return problems.push({ at, message: field.message });
    const fieldPath = formatFieldPath(field.value);
    const converted = toValue(filter.value, scope, at);
    if (!converted.ok) return problems.push(...converted.problems);
    const value = converted.value;
    const max = MAX_VALUES[filter.op];
    if (max !== undefined) {
      const values = 'arrayValue' in value ? (value.arrayValue.values ?? []) : null;
      if (!values || values.length === 0)
        return problems.push({ at, message: `'${filter.op}' needs a non-empty array of values.` });
      if (values.length > max)
        return problems.push({
          at,
          message: `'${filter.op}' takes at most ${max} values (${values.length} given).`,
        });
    }
    if (field.value[0] === '__name__' && !('referenceValue' in value) && max === undefined)
      return problems.push({
        at,
        message:
          'A filter on __name__ (the document id) compares with a reference: choose the reference type.',
      });
    filters.push(
      unary(fieldPath, filter.op, value) ?? {
        fieldFilter: { field: { fieldPath }, op: FIELD_OPS[filter.op], value },
      },
    );
  });
  const orderBy: NonNullable<StructuredQuery['orderBy']> = [];
  draft.orderBy.forEach((order, i) => {
    const field = parseFieldPath(order.field.trim(), true);
    if (!field.ok) return problems.push({ at: `order ${i + 1}`, message: field.message });
    orderBy.push({
      field: { fieldPath: formatFieldPath(field.value) },
      direction: order.direction === 'desc' ? 'DESCENDING' : 'ASCENDING',
    });
  });
  let limit: number | undefined;
  if (draft.limit.trim() !== '') {
    limit = Number(draft.limit.trim());
    if (!Number.isInteger(limit) || limit < 1 || limit > 2 ** 31 - 1)
      problems.push({ at: 'limit', message: 'A limit is a whole number of at least 1.' });
  }
  if (problems.length > 0) return { ok: false, problems };
  const query: StructuredQuery = {
    from: [{ collectionId, ...(draft.group ? { allDescendants: true } : {}) }],
    ...(filters.length === 1
      ? { where: filters[0] }
      : filters.length > 1
        ? { where: { compositeFilter: { op: 'AND', filters } } }
        : {}),
    ...(orderBy.length ? { orderBy } : {}),
    ...(limit !== undefined ? { limit } : {}),
  };
  return { ok: true, value: { parent, query } };
}

/** A value as JS SDK code. */
function jsValue(value: Value): string {
  if ('nullValue' in value) return 'null';
  if ('booleanValue' in value) return String(value.booleanValue);
  if ('integerValue' in value) return value.integerValue;
  if ('doubleValue' in value)
    return typeof value.doubleValue === 'string' ? value.doubleValue : String(value.doubleValue);
  if ('stringValue' in value) return JSON.stringify(value.stringValue);
  if ('timestampValue' in value)
    return `Timestamp.fromDate(new Date(${JSON.stringify(value.timestampValue)}))`;
  if ('bytesValue' in value) return `Bytes.fromBase64String(${JSON.stringify(value.bytesValue)})`;
  if ('referenceValue' in value)
    return `doc(db, ${JSON.stringify(value.referenceValue.split('/documents/')[1] ?? '')})`;
  if ('geoPointValue' in value)
    return `new GeoPoint(${value.geoPointValue.latitude ?? 0}, ${value.geoPointValue.longitude ?? 0})`;
  if ('arrayValue' in value) return `[${(value.arrayValue.values ?? []).map(jsValue).join(', ')}]`;
  const fields = value.mapValue.fields ?? {};
  const vector = fields['__type__'];
  if (vector && 'stringValue' in vector && vector.stringValue === '__vector__' && fields['value'])
    return `vector(${jsValue(fields['value'])})`;
  return `{ ${Object.entries(fields)
    .map(([k, v]) => `${/^[A-Za-z_$][\w$]*$/.test(k) ? k : JSON.stringify(k)}: ${jsValue(v)}`)
    .join(', ')} }`;
}

function jsField(fieldPath: string): string {
  if (fieldPath === '__name__') return 'documentId()';
  const parsed = parseFieldPath(fieldPath);
  if (parsed.ok && parsed.value.every((s) => /^[_a-zA-Z][_a-zA-Z0-9]*$/.test(s)))
    return JSON.stringify(fieldPath);
  return parsed.ok
    ? `new FieldPath(${parsed.value.map((s) => JSON.stringify(s)).join(', ')})`
    : JSON.stringify(fieldPath);
}

/** The query as a client would write it with the modular JS SDK. */
export function sdkSnippet(draft: QueryDraft, built: BuiltQuery): string {
  const source = draft.group
    ? `collectionGroup(db, ${JSON.stringify(draft.collection.trim())})`
    : `collection(db, ${JSON.stringify([...built.parent, built.query.from[0]?.collectionId].join('/'))})`;
  const where = built.query.where;
  const filters = !where
    ? []
    : 'compositeFilter' in where
      ? where.compositeFilter.filters
      : [where];
  const ops = Object.fromEntries(Object.entries(FIELD_OPS).map(([op, name]) => [name, op]));
  const parts = [
    source,
    ...filters.map((f) =>
      'unaryFilter' in f
        ? `where(${jsField(f.unaryFilter.field.fieldPath)}, '${f.unaryFilter.op.startsWith('IS_NOT') ? '!=' : '=='}', ${f.unaryFilter.op.endsWith('NAN') ? 'NaN' : 'null'})`
        : `where(${jsField(f.fieldFilter.field.fieldPath)}, '${ops[f.fieldFilter.op]}', ${jsValue(f.fieldFilter.value)})`,
    ),
    ...(built.query.orderBy ?? []).map(
      (o) =>
        `orderBy(${jsField(o.field.fieldPath)}${o.direction === 'DESCENDING' ? ", 'desc'" : ''})`,
    ),
    ...(built.query.limit !== undefined ? [`limit(${built.query.limit})`] : []),
  ];
  return `query(\n  ${parts.join(',\n  ')},\n)`;
}
