/** A stored document and field access by path. Documents are immutable once stored. */
import { ownField, type Fields, type Timestamp, type Value } from '../../model/value.js';
import type { FieldPath } from '../../model/fieldPath.js';

export interface StoredDocument {
  /** Full resource name. */
  name: string;
  fields: Fields;
  createTime: Timestamp;
  updateTime: Timestamp;
}

export function getField(fields: Fields, path: FieldPath): Value | undefined {
  let current: Fields | undefined = fields;
  for (let i = 0; i < path.length; i++) {
    const value: Value | undefined = current && ownField(current, path[i] as string);
    if (value === undefined) return undefined;
    if (i === path.length - 1) return value;
    if (!('mapValue' in value)) return undefined;
    current = value.mapValue.fields;
  }
  return undefined;
}

/** Returns a copy of `fields` with `value` at `path`, replacing non-map intermediates by maps. */
export function setField(fields: Fields, path: FieldPath, value: Value): Fields {
  const [head, ...rest] = path as [string, ...string[]];
  if (rest.length === 0) return { ...fields, [head]: value };
  const existing = ownField(fields, head);
  const inner = existing && 'mapValue' in existing ? existing.mapValue.fields : {};
  return { ...fields, [head]: { mapValue: { fields: setField(inner, rest, value) } } };
}

/** Returns a copy of `fields` without `path`; absent paths leave it unchanged. */
export function deleteField(fields: Fields, path: FieldPath): Fields {
  const [head, ...rest] = path as [string, ...string[]];
  const existing = ownField(fields, head);
  if (existing === undefined) return fields;
  if (rest.length === 0) {
    const copy = { ...fields };
    delete copy[head];
    return copy;
  }
  if (!('mapValue' in existing)) return fields;
  return {
    ...fields,
    [head]: { mapValue: { fields: deleteField(existing.mapValue.fields, rest) } },
  };
}

/** Keeps only the given paths (a projection or a read mask). */
export function projectFields(fields: Fields, paths: FieldPath[]): Fields {
  let result: Fields = {};
  for (const path of paths) {
    const value = getField(fields, path);
    if (value !== undefined) result = setField(result, path, value);
  }
  return result;
}
