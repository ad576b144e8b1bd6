/** What a compiled expression reads while it runs: the request, bindings, hooks and counters. */
import type { RValue } from './values.js';

export type ServiceFunction =
  'get' | 'exists' | 'getAfter' | 'existsAfter' | 'firestore.get' | 'firestore.exists';

/** The service-specific functions, answered by the ruleset for the request being evaluated. */
export interface ServiceHooks {
  call(fn: ServiceFunction, args: readonly RValue[]): RValue;
  debug(value: RValue): void;
}

export interface EvalContext {
  request: RValue;
  resource: RValue;
  /** Wildcard bindings of the match block being evaluated. */
  wildcards: Map<string, RValue>;
  hooks: ServiceHooks;
  callDepth: number;
  /** Expressions evaluated so far in this request (Firebase allows 1,000). */
  steps: number;
}

/** Locals of a function call: parameters, then `let` slots (undefined until first read). */
export type Frame = (RValue | undefined)[];

export type Code = (ctx: EvalContext, frame: Frame | null) => RValue;

export const LIMITS = {
  /** Firebase: maximum call stack depth. */
  callDepth: 20,
  /** Firebase: maximum number of expressions evaluated per request. */
  expressions: 1000,
  /** Firebase: maximum number of function arguments. */
  functionArgs: 7,
  /** Firebase: maximum number of `let` bindings per function. */
  letBindings: 10,
} as const;
