/**
 * count, sum and avg over a query's results with Firestore's numeric semantics: non-numeric values
 * are skipped, a sum of integers stays an integer until it overflows int64 (then it is a double),
 * any double makes it a double, avg is always a double and null when nothing was numeric.
 */
import { invalidArgument } from '../../model/errors.js';
import { getField, type StoredDocument } from '../documents/document.js';
import { parseFieldPath } from '../../model/fieldPath.js';
import type { Value } from '../../model/value.js';
import type { Aggregation } from './structuredQuery.js';

const INT64_MAX = 2n ** 63n - 1n;
const INT64_MIN = -(2n ** 63n);

export interface ResolvedAggregation {
  alias: string;
  compute(docs: StoredDocument[]): Value;
}

function numericValues(docs: StoredDocument[], fieldPath: string): Value[] {
  const path = parseFieldPath(fieldPath);
  const values: Value[] = [];
  for (const doc of docs) {
    const v = getField(doc.fields, path);
    if (v && ('integerValue' in v || 'doubleValue' in v)) values.push(v);
  }
  return values;
}

function sum(values: Value[]): Value {
  let intSum = 0n;
  let doubleSum = 0;
  let sawDouble = false;
  let overflow = false;
  for (const v of values) {
    if ('integerValue' in v) {
      if (!overflow) {
        intSum += v.integerValue;
        if (intSum > INT64_MAX || intSum < INT64_MIN) overflow = true;
      }
      doubleSum += Number(v.integerValue);
    } else {
      sawDouble = true;
      doubleSum += (v as { doubleValue: number }).doubleValue;
    }
  }
  return sawDouble || overflow ? { doubleValue: doubleSum } : { integerValue: intSum };
}

function avg(values: Value[]): Value {
  if (values.length === 0) return { nullValue: null };
  const total = values.reduce(
    (n, v) =>
      n +
      ('integerValue' in v ? Number(v.integerValue) : (v as { doubleValue: number }).doubleValue),
    0,
  );
  return { doubleValue: total / values.length };
}

export function resolveAggregations(aggregations: Aggregation[]): ResolvedAggregation[] {
  if (!Array.isArray(aggregations) || aggregations.length === 0)
    throw invalidArgument('An aggregation query needs at least one aggregation.');
  if (aggregations.length > 5)
    throw invalidArgument('An aggregation query supports at most 5 aggregations.');
  const aliases = new Set<string>();
  return aggregations.map((a, i) => {
    const alias = a.alias || `field_${i + 1}`;
    if (aliases.has(alias)) throw invalidArgument(`Duplicate aggregation alias: ${alias}`);
    aliases.add(alias);
    if (a.count) {
      const upTo = a.count.upTo;
      if (upTo !== undefined && upTo < 1n) throw invalidArgument('count up_to must be positive.');
      return {
        alias,
        compute: (docs) => ({
          integerValue:
            upTo !== undefined && BigInt(docs.length) > upTo ? upTo : BigInt(docs.length),
        }),
      };
    }
    if (a.sum) {
      const field = a.sum.field?.fieldPath;
      parseFieldPath(field);
      return { alias, compute: (docs) => sum(numericValues(docs, field)) };
    }
    if (a.avg) {
      const field = a.avg.field?.fieldPath;
      parseFieldPath(field);
      return { alias, compute: (docs) => avg(numericValues(docs, field)) };
    }
    throw invalidArgument('An aggregation must be count, sum or avg.');
  });
}
