/** `math.*` and the conversion functions int(), float() and string(). */
import { fail, invalidArgument } from '../errors.js';
import { INTEGER_OVERFLOW } from '../operators.js';
import { MAX_INT, MIN_INT, RPath, type RValue } from '../values.js';
import { arity, numberArg, type Fn } from './args.js';

function toInt(n: number): bigint {
  if (!Number.isFinite(n)) fail('Unable to convert NaN or infinity to int.');
  const v = BigInt(Math.trunc(n));
  if (v > MAX_INT || v < MIN_INT) fail(INTEGER_OVERFLOW);
  return v;
}

/** Rounds half away from zero (the reference's example: math.round(2.5) == 3). */
function roundHalfAway(n: number): number {
  return n < 0 ? -Math.round(-n) : Math.round(n);
}

export const mathFunctions: Record<string, Fn> = {
  abs: (a) => {
    arity('math.abs', a, 1);
    const v = a[0];
    if (typeof v === 'bigint') {
      if (v === MIN_INT) fail(INTEGER_OVERFLOW);
      return v < 0n ? -v : v;
    }
    return Math.abs(numberArg('math.abs', a, 0));
  },
  ceil: (a) => (
    arity('math.ceil', a, 1),
    typeof a[0] === 'bigint' ? a[0] : toInt(Math.ceil(numberArg('math.ceil', a, 0)))
  ),
  floor: (a) => (
    arity('math.floor', a, 1),
    typeof a[0] === 'bigint' ? a[0] : toInt(Math.floor(numberArg('math.floor', a, 0)))
  ),
  round: (a) => (
    arity('math.round', a, 1),
    typeof a[0] === 'bigint' ? a[0] : toInt(roundHalfAway(numberArg('math.round', a, 0)))
  ),
  sqrt: (a) => (arity('math.sqrt', a, 1), Math.sqrt(numberArg('math.sqrt', a, 0))),
  pow: (a) => (
    arity('math.pow', a, 2),
    Math.pow(numberArg('math.pow', a, 0), numberArg('math.pow', a, 1))
  ),
  isInfinite: (a) => (
    arity('math.isInfinite', a, 1),
    typeof a[0] === 'number' && !Number.isFinite(a[0]) && !Number.isNaN(a[0])
      ? true
      : (numberArg('math.isInfinite', a, 0), false)
  ),
  isNaN: (a) => (
    arity('math.isNaN', a, 1),
    typeof a[0] === 'number' ? Number.isNaN(a[0]) : (numberArg('math.isNaN', a, 0), false)
  ),
};

const INT_PATTERN = /^[+-]?\d+$/;
const FLOAT_PATTERN = /^[+-]?(\d+\.?\d*([eE][+-]?\d+)?|\.\d+([eE][+-]?\d+)?|Infinity|NaN)$/;

export function formatFloat(n: number): string {
  if (Number.isNaN(n)) return 'NaN';
  if (!Number.isFinite(n)) return n > 0 ? 'Infinity' : '-Infinity';
  return Number.isInteger(n) && Math.abs(n) < 1e21 ? n.toFixed(1) : String(n);
}

export const conversionFunctions: Record<string, Fn> = {
  int: (a) => {
    arity('int', a, 1);
    const v = a[0] as RValue;
    if (typeof v === 'bigint') return v;
    if (typeof v === 'number') return toInt(v);
    if (typeof v === 'string' && INT_PATTERN.test(v.trim())) {
      const n = BigInt(v.trim());
      if (n > MAX_INT || n < MIN_INT) fail(INTEGER_OVERFLOW);
      return n;
    }
    return invalidArgument('int', a);
  },
  float: (a) => {
    arity('float', a, 1);
    const v = a[0] as RValue;
    if (typeof v === 'number') return v;
    if (typeof v === 'bigint') return Number(v);
    if (typeof v === 'string' && FLOAT_PATTERN.test(v.trim())) return Number(v.trim());
    return invalidArgument('float', a);
  },
  string: (a) => {
    arity('string', a, 1);
    const v = a[0] as RValue;
    if (typeof v === 'string') return v;
    if (typeof v === 'bigint' || typeof v === 'boolean') return String(v);
    if (typeof v === 'number') return formatFloat(v);
    if (v === null) return 'null';
    if (v instanceof RPath) return v.toString();
    return invalidArgument('string', a);
  },
};
