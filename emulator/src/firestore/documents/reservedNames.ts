/**
 * Field names Firestore keeps for itself: a write may not name one (quotas page, "Constraints on
 * field names": cannot match `__.*__`), whether in its fields at any depth, its update mask or
 * its transforms. The one exception is a vector value, a map whose `__type__` is `__vector__`,
 * which the SDKs write themselves. Refused with the SDKs' wording, naming the field.
 */
import { invalidArgument } from '../../model/errors.js';
import { formatFieldPath, parseFieldPath, type FieldPath } from '../../model/fieldPath.js';
import { isReservedFieldName, type Fields, type Value } from '../../model/value.js';
import { isVector } from '../../model/valueOrder.js';

function refuse(path: FieldPath): never {
  throw invalidArgument(
    `Document fields cannot begin and end with "__" (found in field ${formatFieldPath(path)}).`,
  );
}

function checkValue(value: Value, trail: string[]): void {
  if ('arrayValue' in value) {
    for (const item of value.arrayValue.values) checkValue(item, trail);
  } else if ('mapValue' in value) {
    checkNames(value.mapValue.fields, trail, isVector(value));
  }
}

/** `trail` is the path of the map being read, extended and restored in place. */
function checkNames(fields: Fields, trail: string[], vector: boolean): void {
  for (const name of Object.keys(fields)) {
    trail.push(name);
    if (isReservedFieldName(name) && !(vector && name === '__type__')) refuse(trail);
    checkValue(fields[name] as Value, trail);
    trail.pop();
  }
}

/** Every name in a write's `fields` and in the maps inside them. */
export function checkFields(fields: Fields): void {
  checkNames(fields, [], false);
}

/** A field path a write names (an update mask entry, a transform's field). */
export function checkFieldPath(text: string): void {
  const path = parseFieldPath(text);
  if (path.some(isReservedFieldName)) refuse(path);
}
