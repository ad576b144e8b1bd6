/**
 * Field transforms (serverTimestamp, increment, maximum, minimum, arrayUnion, arrayRemove) applied
 * to a field's previous value, with Firestore's numeric rules: integer arithmetic saturates at the
 * int64 bounds, a double on either side makes the result a double, and a non-numeric base is
 * replaced by the operand.
 */
import { invalidArgument } from '../../model/errors.js';
import type { Timestamp, Value } from '../../model/value.js';
import { compareValues, isNumber, valueEquals } from '../../model/valueOrder.js';

export interface FieldTransform {
  fieldPath: string;
  setToServerValue?: 'REQUEST_TIME';
  increment?: Value;
  maximum?: Value;
  minimum?: Value;
  appendMissingElements?: Value[];
  removeAllFromArray?: Value[];
}

const INT64_MAX = 2n ** 63n - 1n;
const INT64_MIN = -(2n ** 63n);

const toDouble = (v: Value): number =>
  'integerValue' in v ? Number(v.integerValue) : (v as { doubleValue: number }).doubleValue;

function add(base: Value, operand: Value): Value {
  if ('integerValue' in base && 'integerValue' in operand) {
    const sum = base.integerValue + operand.integerValue;
    return { integerValue: sum > INT64_MAX ? INT64_MAX : sum < INT64_MIN ? INT64_MIN : sum };
  }
  return { doubleValue: toDouble(base) + toDouble(operand) };
}

function extreme(base: Value, operand: Value, wantLarger: boolean): Value {
  const c = compareValues(operand, base);
  if (c === 0) return base;
  return c > 0 === wantLarger ? operand : base;
}

function requireNumber(value: Value | undefined, kind: string): Value {
  if (value === undefined || !isNumber(value))
    throw invalidArgument(`${kind} transform requires a numeric operand.`);
  return value;
}

export function transformKind(t: FieldTransform): string {
  if (t.setToServerValue !== undefined) return 'setToServerValue';
  if (t.increment !== undefined) return 'increment';
  if (t.maximum !== undefined) return 'maximum';
  if (t.minimum !== undefined) return 'minimum';
  if (t.appendMissingElements !== undefined) return 'appendMissingElements';
  if (t.removeAllFromArray !== undefined) return 'removeAllFromArray';
  throw invalidArgument(`Field transform on ${t.fieldPath} has no transform type.`);
}

export function validateTransform(t: FieldTransform): void {
  const kind = transformKind(t);
  if (kind === 'setToServerValue' && t.setToServerValue !== 'REQUEST_TIME')
    throw invalidArgument(`Unknown server value: ${String(t.setToServerValue)}`);
  if (kind === 'increment') requireNumber(t.increment, 'increment');
  if (kind === 'maximum') requireNumber(t.maximum, 'maximum');
  if (kind === 'minimum') requireNumber(t.minimum, 'minimum');
}

/** The field's new value given its previous one (undefined when absent). */
export function applyTransform(
  t: FieldTransform,
  previous: Value | undefined,
  commitTime: Timestamp,
): Value {
  if (t.setToServerValue !== undefined) return { timestampValue: commitTime };
  if (t.increment !== undefined)
    return previous && isNumber(previous) ? add(previous, t.increment) : t.increment;
  if (t.maximum !== undefined)
    return previous && isNumber(previous) ? extreme(previous, t.maximum, true) : t.maximum;
  if (t.minimum !== undefined)
    return previous && isNumber(previous) ? extreme(previous, t.minimum, false) : t.minimum;
  const base = previous && 'arrayValue' in previous ? previous.arrayValue.values : [];
  if (t.appendMissingElements !== undefined) {
    const values = [...base];
    for (const element of t.appendMissingElements) {
      if (!values.some((v) => valueEquals(v, element))) values.push(element);
    }
    return { arrayValue: { values } };
  }
  const removals = t.removeAllFromArray ?? [];
  return { arrayValue: { values: base.filter((v) => !removals.some((r) => valueEquals(v, r))) } };
}
