/**
 * The standard library: methods by receiver type and namespaced functions (`math.abs`). The
 * service-specific functions (get, exists, firestore.get, ...) live with the evaluator, which
 * owns the request they read.
 */
import { fail } from '../errors.js';
import { SymbolicMap, symbolicContains, UNPROVEN } from '../symbolic.js';
import {
  RDuration,
  RLatLng,
  RMap,
  RMapDiff,
  RPath,
  RSet,
  RTimestamp,
  RUnknown,
  type RValue,
} from '../values.js';
import type { Fn, Method } from './args.js';
import { listMethods, mapDiffMethods, mapMethods, setMethods } from './collections.js';
import { latlngFunctions, latlngMethods } from './geo.js';
import { hashingFunctions } from './hashing.js';
import { conversionFunctions, mathFunctions } from './numeric.js';
import { pathFunctions, pathMethods } from './paths.js';
import { bytesMethods, stringMethods } from './strings.js';
import {
  durationFunctions,
  durationMethods,
  timestampFunctions,
  timestampMethods,
} from './time.js';

export const NAMESPACES: Record<string, Record<string, Fn>> = {
  math: mathFunctions,
  timestamp: timestampFunctions,
  duration: durationFunctions,
  latlng: latlngFunctions,
  hashing: hashingFunctions,
};

export const GLOBAL_FUNCTIONS: Record<string, Fn> = { ...conversionFunctions, ...pathFunctions };

function methodTable(receiver: RValue): Record<string, Method<never>> | undefined {
  if (typeof receiver === 'string') return stringMethods;
  if (receiver === null || typeof receiver !== 'object') return undefined;
  if (Array.isArray(receiver)) return listMethods;
  if (receiver instanceof RMap) return mapMethods;
  if (receiver instanceof RSet) return setMethods;
  if (receiver instanceof RMapDiff) return mapDiffMethods;
  if (receiver instanceof Uint8Array) return bytesMethods;
  if (receiver instanceof RTimestamp) return timestampMethods;
  if (receiver instanceof RDuration) return durationMethods;
  if (receiver instanceof RLatLng) return latlngMethods;
  if (receiver instanceof RPath) return pathMethods;
  return undefined;
}

export function callMethod(receiver: RValue, name: string, args: readonly RValue[]): RValue {
  if (receiver instanceof RUnknown) {
    // `resource.data.memberIds.hasAny([uid])` is proven by `array-contains uid`.
    if (name === 'hasAny' && Array.isArray(args[0])) {
      for (const item of args[0]) if (symbolicContains(receiver, item) === true) return true;
    }
    return receiver;
  }
  for (const a of args) if (a instanceof RUnknown) return a;
  if (receiver instanceof SymbolicMap) {
    // Only a single-key get() on a pinned field is provable; sizes and key sets never are.
    if (name === 'get' && typeof args[0] === 'string') return receiver.get(args[0]);
    return UNPROVEN;
  }
  const table = methodTable(receiver);
  const method =
    table && Object.prototype.hasOwnProperty.call(table, name)
      ? (table[name] as Method<RValue>)
      : undefined;
  if (!method) {
    if (receiver === null) fail('Null value error.');
    return fail(`Function not found error: Name: [${name}].`);
  }
  return method(receiver, args);
}
