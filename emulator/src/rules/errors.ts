/**
 * Evaluation errors. In the rules language an error is a value that makes a condition deny, and
 * that `&&`/`||` may absorb; the engine throws it (cheaply: it is not an Error, so no stack is
 * captured) and catches it where the language absorbs errors.
 */
import { describeValue, typeName, type RValue } from './values.js';

export class RulesEvalError {
  /** Offset of the expression that failed, filled in by the innermost expression that sees it. */
  offset = -1;
  constructor(readonly message: string) {}
}

export function fail(message: string): never {
  throw new RulesEvalError(message);
}

export const NULL_VALUE_ERROR = 'Null value error.';

export function undefinedProperty(name: string): never {
  throw new RulesEvalError(`Property ${name} is undefined on object.`);
}

export function unsupported(op: string, ...operands: RValue[]): never {
  const received =
    operands.length === 1
      ? `${op}${typeName(operands[0] as RValue)}`
      : operands.map(typeName).join(` ${op} `);
  throw new RulesEvalError(`Unsupported operation error. Received: ${received}.`);
}

export function invalidArgument(fn: string, args: readonly RValue[]): never {
  throw new RulesEvalError(
    `Invalid argument provided to call. Function: [${fn}], Argument: [${args.map((a) => describeValue(a)).join(', ')}].`,
  );
}

export function wrongArgCount(fn: string, expected: string, got: number): never {
  throw new RulesEvalError(`Function [${fn}] expects ${expected} argument(s), received ${got}.`);
}
