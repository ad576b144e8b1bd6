/**
 * Compiles expressions to closures once per ruleset, so a request runs straight-line JS instead
 * of walking the tree. Names are resolved here: locals to frame slots, user functions to their
 * compiled bodies (so recursion is found before anything runs), library calls to their
 * implementations. Each expression counts its outcome for coverage.
 */
import type { Expr, FunctionDecl } from './ast.js';
import {
  LIMITS,
  type Code,
  type EvalContext,
  type Frame,
  type ServiceFunction,
} from './context.js';
import {
  Coverage,
  OUTCOME_ERROR,
  OUTCOME_FALSE,
  OUTCOME_TRUE,
  OUTCOME_VALUE,
  OUTCOMES,
} from './coverage.js';
import { fail, NULL_VALUE_ERROR, RulesEvalError, unsupported } from './errors.js';
import { mapLiteral, mapProperty } from './library/collections.js';
import { callMethod, GLOBAL_FUNCTIONS, NAMESPACES } from './library/index.js';
import { pathIndex } from './library/paths.js';
import { codePointLength, stringIndex } from './library/strings.js';
import {
  arithmetic,
  asBool,
  contains,
  equals,
  isType,
  negate,
  not,
  notEquals,
  relation,
  TYPE_NAMES,
} from './operators.js';
import { RulesSyntaxError } from './source.js';
import { RMap, RPath, RUnknown, typeName, type RValue } from './values.js';

export interface CompiledFunction {
  decl: FunctionDecl;
  /** Filled once every function visible to it has been declared. */
  body: Code;
  lets: Code[];
  callees: Set<CompiledFunction>;
}

/** Lexical scope while compiling: function tables and wildcards of the enclosing blocks, and the current function. */
export interface Scope {
  functions: Map<string, CompiledFunction>[];
  wildcards: ReadonlySet<string>;
  current: CompiledFunction | null;
}

/** Something that compiles but is probably a mistake, at a source offset. */
export interface CompileWarning {
  offset: number;
  message: string;
}

const SERVICE_FUNCTIONS: Record<string, Record<string, ServiceFunction>> = {
  'cloud.firestore': {
    get: 'get',
    exists: 'exists',
    getAfter: 'getAfter',
    existsAfter: 'existsAfter',
  },
  'firebase.storage': {},
};

const STORAGE_NAMESPACE: Record<string, ServiceFunction> = {
  get: 'firestore.get',
  exists: 'firestore.exists',
};

function isRulesError(e: unknown): e is RulesEvalError {
  return e instanceof RulesEvalError;
}

export class ExpressionCompiler {
  readonly warnings: CompileWarning[] = [];

  constructor(
    private readonly service: string,
    readonly coverage: Coverage,
  ) {}

  /** Declares a block's functions before compiling any body, so they may call each other in any order. */
  declare(decls: FunctionDecl[]): Map<string, CompiledFunction> {
    const table = new Map<string, CompiledFunction>();
    for (const decl of decls) {
      if (table.has(decl.name))
        throw new RulesSyntaxError(
          decl.start,
          `Function '${decl.name}' is already defined in this scope.`,
        );
      if (decl.params.length > LIMITS.functionArgs) {
        throw new RulesSyntaxError(
          decl.start,
          `Function '${decl.name}' has ${decl.params.length} parameters; at most ${LIMITS.functionArgs} are allowed.`,
        );
      }
      if (decl.lets.length > LIMITS.letBindings) {
        throw new RulesSyntaxError(
          decl.lets[LIMITS.letBindings]?.start ?? decl.start,
          `Function '${decl.name}' has ${decl.lets.length} let bindings; at most ${LIMITS.letBindings} are allowed.`,
        );
      }
      const fn: CompiledFunction = { decl, body: () => null, lets: [], callees: new Set() };
      table.set(decl.name, fn);
    }
    return table;
  }

  /** Compiles the bodies of functions declared with `declare`, seeing `functions` (innermost last). */
  define(
    table: Map<string, CompiledFunction>,
    functions: Map<string, CompiledFunction>[],
    wildcards: ReadonlySet<string>,
  ): void {
    for (const fn of table.values()) {
      const scope: Scope = { functions, wildcards, current: fn };
      fn.lets = fn.decl.lets.map((l) => this.compile(l.value, scope));
      fn.body = this.compile(fn.decl.body, scope);
    }
  }

  compile(e: Expr, scope: Scope): Code {
    const inner = this.compileInner(e, scope);
    // Literals and names are not worth a counter: their parent expression reports them.
    if (e.kind === 'literal' || e.kind === 'ident') return inner;
    return this.instrument(inner, e.start, e.end);
  }

  /** Counts the expression's outcome and step; tags errors with the innermost failing expression. */
  private instrument(code: Code, start: number, end: number): Code {
    const base = this.coverage.register(start, end) * OUTCOMES;
    const coverage = this.coverage;
    return (ctx, frame) => {
      if (++ctx.steps > LIMITS.expressions)
        fail(`Exceeded the maximum of ${LIMITS.expressions} expressions evaluated per request.`);
      const counts = coverage.counts;
      let v: RValue;
      try {
        v = code(ctx, frame);
      } catch (e) {
        if (isRulesError(e)) {
          if (e.offset < 0) e.offset = start;
          counts[base + OUTCOME_ERROR] = (counts[base + OUTCOME_ERROR] as number) + 1;
        }
        throw e;
      }
      const slot = base + (v === true ? OUTCOME_TRUE : v === false ? OUTCOME_FALSE : OUTCOME_VALUE);
      counts[slot] = (counts[slot] as number) + 1;
      return v;
    };
  }

  private compileInner(e: Expr, scope: Scope): Code {
    switch (e.kind) {
      case 'literal': {
        const v = e.value;
        return () => v;
      }
      case 'ident':
        return this.identifier(e.name, e.start, scope);
      case 'member': {
        const obj = this.compile(e.object, scope);
        const name = e.name;
        return (ctx, f) => member(obj(ctx, f), name);
      }
      case 'index': {
        const obj = this.compile(e.object, scope);
        const idx = this.compile(e.index, scope);
        return (ctx, f) => index(obj(ctx, f), idx(ctx, f));
      }
      case 'range': {
        const obj = this.compile(e.object, scope);
        const from = e.from ? this.compile(e.from, scope) : null;
        const to = e.to ? this.compile(e.to, scope) : null;
        return (ctx, f) => range(obj(ctx, f), from ? from(ctx, f) : null, to ? to(ctx, f) : null);
      }
      case 'call':
        return this.call(e, scope);
      case 'unary': {
        const operand = this.compile(e.operand, scope);
        return e.op === '!'
          ? (ctx, f) => not(operand(ctx, f))
          : (ctx, f) => negate(operand(ctx, f));
      }
      case 'is': {
        if (!TYPE_NAMES.has(e.typeName))
          throw new RulesSyntaxError(e.end - e.typeName.length, `Unknown type '${e.typeName}'.`);
        const operand = this.compile(e.operand, scope);
        const type = e.typeName;
        return (ctx, f) => isType(operand(ctx, f), type);
      }
      case 'ternary': {
        const cond = this.compile(e.cond, scope);
        const then = this.compile(e.then, scope);
        const otherwise = this.compile(e.otherwise, scope);
        return (ctx, f) => {
          const c = asBool(cond(ctx, f));
          if (c instanceof RUnknown) return c;
          return c ? then(ctx, f) : otherwise(ctx, f);
        };
      }
      case 'list': {
        const items = e.items.map((i) => this.compile(i, scope));
        return (ctx, f) => items.map((i) => i(ctx, f));
      }
      case 'map': {
        const keys = e.entries.map((en) => this.compile(en.key, scope));
        const values = e.entries.map((en) => this.compile(en.value, scope));
        return (ctx, f) =>
          mapLiteral(
            keys.map((k) => k(ctx, f)),
            values.map((v) => v(ctx, f)),
          );
      }
      case 'path':
        return this.path(e.segments, scope);
      case 'binary':
        return this.binary(e.op, this.compile(e.left, scope), this.compile(e.right, scope));
    }
  }

  private binary(
    op: Expr & { kind: 'binary' } extends { op: infer O } ? O : never,
    left: Code,
    right: Code,
  ): Code {
    switch (op) {
      case '&&':
        return shortCircuit(false, left, right);
      case '||':
        return shortCircuit(true, left, right);
      case '==':
        return (ctx, f) => equals(left(ctx, f), right(ctx, f));
      case '!=':
        return (ctx, f) => notEquals(left(ctx, f), right(ctx, f));
      case '<':
      case '<=':
      case '>':
      case '>=':
        return (ctx, f) => relation(op, left(ctx, f), right(ctx, f));
      case 'in':
        return (ctx, f) => contains(left(ctx, f), right(ctx, f));
      case '+':
      case '-':
      case '*':
      case '/':
      case '%':
        return (ctx, f) => arithmetic(op, left(ctx, f), right(ctx, f));
    }
  }

  private identifier(name: string, offset: number, scope: Scope): Code {
    const fn = scope.current;
    if (fn) {
      const p = fn.decl.params.indexOf(name);
      if (p >= 0) return (_ctx, f) => (f as Frame)[p] as RValue;
      const l = fn.decl.lets.findIndex((x) => x.name === name);
      if (l >= 0) {
        const slot = fn.decl.params.length + l;
        return (ctx, f) => {
          const frame = f as Frame;
          const v = frame[slot];
          if (v !== undefined) return v;
          const computed = (fn.lets[l] as Code)(ctx, frame);
          frame[slot] = computed;
          return computed;
        };
      }
    }
    if (name === 'request') return (ctx) => ctx.request;
    if (name === 'resource') return (ctx) => ctx.resource;
    // Wildcards resolve when the rule runs, so a function may use one of the match it is called
    // from; a name no enclosing match binds is most likely a typo.
    if (!scope.wildcards.has(name)) {
      this.warnings.push({
        offset,
        message: `'${name}' is not a parameter, let binding, request, resource or wildcard of an enclosing match.`,
      });
    }
    return (ctx) => {
      const v = ctx.wildcards.get(name);
      if (v === undefined) fail(`Variable not found error: [${name}].`);
      return v;
    };
  }

  private lookupFunction(name: string, scope: Scope): CompiledFunction | undefined {
    for (let i = scope.functions.length - 1; i >= 0; i--) {
      const fn = scope.functions[i]?.get(name);
      if (fn) return fn;
    }
    return undefined;
  }

  private isLocal(name: string, scope: Scope): boolean {
    const fn = scope.current;
    return !!fn && (fn.decl.params.includes(name) || fn.decl.lets.some((l) => l.name === name));
  }

  private call(e: Expr & { kind: 'call' }, scope: Scope): Code {
    const args = e.args.map((a) => this.compile(a, scope));
    const evalArgs = (ctx: EvalContext, f: Frame | null): RValue[] => {
      const out = new Array<RValue>(args.length);
      for (let i = 0; i < args.length; i++) out[i] = (args[i] as Code)(ctx, f);
      return out;
    };
    const callee = e.callee;
    if (callee.kind === 'ident') {
      const name = callee.name;
      const user = this.lookupFunction(name, scope);
      if (user) {
        if (user.decl.params.length !== args.length) {
          throw new RulesSyntaxError(
            e.start,
            `Function '${name}' expects ${user.decl.params.length} argument(s) but is called with ${args.length}.`,
          );
        }
        scope.current?.callees.add(user);
        return this.invoke(user, args);
      }
      const service = SERVICE_FUNCTIONS[this.service]?.[name];
      if (service) return (ctx, f) => ctx.hooks.call(service, evalArgs(ctx, f));
      if (name === 'debug') {
        if (args.length !== 1)
          throw new RulesSyntaxError(e.start, 'debug() takes exactly one argument.');
        const arg = args[0] as Code;
        return (ctx, f) => {
          const v = arg(ctx, f);
          ctx.hooks.debug(v);
          return v;
        };
      }
      const global = GLOBAL_FUNCTIONS[name];
      if (global) return (ctx, f) => global(evalArgs(ctx, f));
      throw new RulesSyntaxError(e.start, `Function not found error: Name: [${name}].`);
    }
    if (callee.kind !== 'member')
      throw new RulesSyntaxError(e.start, 'Only functions and methods can be called.');
    const ns =
      callee.object.kind === 'ident' && !this.isLocal(callee.object.name, scope)
        ? callee.object.name
        : null;
    if (ns === 'firestore' && this.service === 'firebase.storage') {
      const fn = STORAGE_NAMESPACE[callee.name];
      if (!fn)
        throw new RulesSyntaxError(
          e.start,
          `Function not found error: Name: [firestore.${callee.name}].`,
        );
      return (ctx, f) => ctx.hooks.call(fn, evalArgs(ctx, f));
    }
    if (ns !== null && Object.prototype.hasOwnProperty.call(NAMESPACES, ns)) {
      const fn = (NAMESPACES[ns] as Record<string, (a: readonly RValue[]) => RValue>)[callee.name];
      if (!fn || !Object.prototype.hasOwnProperty.call(NAMESPACES[ns], callee.name)) {
        throw new RulesSyntaxError(
          e.start,
          `Function not found error: Name: [${ns}.${callee.name}].`,
        );
      }
      return (ctx, f) => {
        const values = evalArgs(ctx, f);
        for (const v of values) if (v instanceof RUnknown) return v;
        return fn(values);
      };
    }
    const receiver = this.compile(callee.object, scope);
    const method = callee.name;
    return (ctx, f) => callMethod(receiver(ctx, f), method, evalArgs(ctx, f));
  }

  private invoke(fn: CompiledFunction, args: Code[]): Code {
    const slots = fn.decl.params.length + fn.decl.lets.length;
    return (ctx, f) => {
      const frame: Frame = new Array(slots);
      for (let i = 0; i < args.length; i++) frame[i] = (args[i] as Code)(ctx, f);
      if (++ctx.callDepth > LIMITS.callDepth) {
        ctx.callDepth--;
        fail(`Exceeded the maximum call depth of ${LIMITS.callDepth}.`);
      }
      try {
        return fn.body(ctx, frame);
      } finally {
        ctx.callDepth--;
      }
    };
  }

  private path(segments: (string | Expr)[][], scope: Scope): Code {
    const compiled = segments.map((parts) =>
      parts.map((p) => (typeof p === 'string' ? p : this.compile(p, scope))),
    );
    const simple = compiled.every((parts) => parts.every((p) => typeof p === 'string'));
    if (simple) {
      const path = new RPath(compiled.map((parts) => parts.join('')));
      return () => path;
    }
    return (ctx, f) => {
      const out: string[] = [];
      for (const parts of compiled) {
        if (parts.length === 1 && typeof parts[0] !== 'string') {
          const v = (parts[0] as Code)(ctx, f);
          if (v instanceof RUnknown) return v;
          if (v instanceof RPath) {
            out.push(...v.segments);
            continue;
          }
          out.push(interpolate(v));
          continue;
        }
        let seg = '';
        for (const p of parts) {
          if (typeof p === 'string') {
            seg += p;
            continue;
          }
          const v = p(ctx, f);
          if (v instanceof RUnknown) return v;
          seg += interpolate(v);
        }
        out.push(seg);
      }
      return new RPath(out);
    };
  }
}

/**
 * `&&` (`decisive` false) and `||` (true): a side that gives the decisive value decides, even
 * when the other errs (Firebase's error tolerance); otherwise an error is thrown, and the result
 * is the right side if the left gave the other boolean, else the left (an unknown).
 */
function shortCircuit(decisive: boolean, left: Code, right: Code): Code {
  return (ctx, f) => {
    const l = operand(left, ctx, f);
    if (l === decisive) return decisive;
    const r = operand(right, ctx, f);
    if (r === decisive) return decisive;
    if (l instanceof RulesEvalError) throw l;
    if (r instanceof RulesEvalError) throw r;
    return l === !decisive ? r : l;
  };
}

/**
 * An operand of `&&` or `||`: a bool, an unknown, or the error it raised — kept as a value,
 * because `error && false` is false and `error || true` is true.
 */
function operand(
  code: Code,
  ctx: EvalContext,
  f: Frame | null,
): boolean | RUnknown | RulesEvalError {
  try {
    return asBool(code(ctx, f));
  } catch (e) {
    if (isRulesError(e)) return e;
    throw e;
  }
}

function interpolate(v: RValue): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'bigint') return v.toString();
  if (v === null) return fail(NULL_VALUE_ERROR);
  if (v instanceof RPath) return v.segments.join('/');
  return fail(`Unsupported operation error. Cannot use a ${typeName(v)} in a path.`);
}

export function member(obj: RValue, name: string): RValue {
  if (obj instanceof RMap) return mapProperty(obj, name);
  if (obj === null) return fail(NULL_VALUE_ERROR);
  if (obj instanceof RUnknown) return obj;
  return fail(`Property ${name} is undefined on object of type ${typeName(obj)}.`);
}

export function index(obj: RValue, idx: RValue): RValue {
  if (obj instanceof RUnknown) return obj;
  if (idx instanceof RUnknown) return idx;
  if (obj === null) return fail(NULL_VALUE_ERROR);
  if (Array.isArray(obj)) {
    if (typeof idx !== 'bigint') return unsupported('[]', obj, idx);
    if (idx < 0n || idx >= BigInt(obj.length)) fail('Index out of range.');
    return obj[Number(idx)] as RValue;
  }
  if (obj instanceof RMap) {
    if (typeof idx !== 'string') return unsupported('[]', obj, idx);
    return mapProperty(obj, idx);
  }
  if (typeof obj === 'string' && typeof idx === 'bigint') return stringIndex(obj, idx);
  if (obj instanceof RPath && typeof idx === 'bigint') return pathIndex(obj, idx);
  return unsupported('[]', obj, idx);
}

function bound(v: RValue | null, fallback: number, length: number): number {
  if (v === null) return fallback;
  if (typeof v !== 'bigint') return fail(`Range bounds must be ints, received: ${typeName(v)}.`);
  if (v < 0n || v > BigInt(length)) fail('Index out of range.');
  return Number(v);
}

export function range(obj: RValue, from: RValue | null, to: RValue | null): RValue {
  if (obj instanceof RUnknown) return obj;
  if (from instanceof RUnknown) return from;
  if (to instanceof RUnknown) return to;
  if (obj === null) return fail(NULL_VALUE_ERROR);
  const slice = <T>(items: readonly T[]): T[] => {
    const a = bound(from, 0, items.length);
    const b = bound(to, items.length, items.length);
    if (a > b) fail('Index out of range.');
    return items.slice(a, b);
  };
  if (Array.isArray(obj)) return slice(obj);
  if (typeof obj === 'string') {
    if (codePointLength(obj) === obj.length) return slice(obj.split('')).join('');
    return slice(Array.from(obj)).join('');
  }
  if (obj instanceof RPath) return new RPath(slice(obj.segments));
  return unsupported('[:]', obj);
}
