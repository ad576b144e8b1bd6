/** Argument checking shared by the standard library's functions and methods. */
import { invalidArgument, wrongArgCount } from '../errors.js';
import { RSet, type RValue } from '../values.js';

export type Method<R = RValue> = (receiver: R, args: readonly RValue[]) => RValue;
export type Fn = (args: readonly RValue[]) => RValue;

export function arity(name: string, args: readonly RValue[], min: number, max = min): void {
  if (args.length < min || args.length > max)
    wrongArgCount(name, min === max ? String(min) : `${min}-${max}`, args.length);
}

export function stringArg(name: string, args: readonly RValue[], i: number): string {
  const v = args[i];
  if (typeof v !== 'string') invalidArgument(name, args);
  return v;
}

export function intArg(name: string, args: readonly RValue[], i: number): bigint {
  const v = args[i];
  if (typeof v !== 'bigint') invalidArgument(name, args);
  return v;
}

export function numberArg(name: string, args: readonly RValue[], i: number): number {
  const v = args[i];
  if (typeof v !== 'bigint' && typeof v !== 'number') invalidArgument(name, args);
  return Number(v);
}

export function listArg(name: string, args: readonly RValue[], i: number): readonly RValue[] {
  const v = args[i];
  if (!Array.isArray(v)) invalidArgument(name, args);
  return v;
}

/** A list or a set, as the items it holds (set methods accept either). */
export function itemsArg(name: string, args: readonly RValue[], i: number): readonly RValue[] {
  const v = args[i];
  if (Array.isArray(v)) return v;
  if (v instanceof RSet) return v.items;
  return invalidArgument(name, args);
}
