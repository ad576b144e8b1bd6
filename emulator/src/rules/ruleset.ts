/**
 * A compiled ruleset: the match tree flattened into patterns with their compiled `allow`
 * conditions, and the two entry points the services call. Compiling happens once; each request
 * only matches its path and runs closures.
 */
import { ACCESS_LIMITS, DocumentLookups } from './access.js';
import type {
  AccessCall,
  AllowOutcome,
  CompiledRuleset,
  CompileResult,
  FirestoreRulesRequest,
  RulesDecision,
  RulesIssue,
  RulesMethod,
  RulesService,
  StorageRulesRequest,
} from './api.js';
import type { AllowMethod, Block, PatternSegment, RulesFile } from './ast.js';
import { ExpressionCompiler, type CompiledFunction } from './compiler.js';
import type { Code, EvalContext, ServiceHooks } from './context.js';
import { Coverage } from './coverage.js';
import { renderCoverageHtml } from './coverageHtml.js';
import { authValue, documentValue } from './documents.js';
import { RulesEvalError } from './errors.js';
import { denialMessage } from './messages.js';
import { parseRules } from './parser.js';
import { CompiledPattern, UNKNOWN_SEGMENT } from './patterns.js';
import { queryCases, QueryTooComplexError, queryValue, symbolicResource } from './queryCases.js';
import { LineMap, RulesSyntaxError } from './source.js';
import {
  EagerMap,
  FieldsMap,
  RPath,
  RUnknown,
  timestampFrom,
  typeName,
  type RValue,
} from './values.js';

export const STORAGE_LIST_NEEDS_V2 =
  "Permission denied. List operations are only allowed for rules_version='2'.";

/** Firebase: a ruleset's source may be at most 256 KB. */
export const MAX_SOURCE_BYTES = 256 * 1024;

const METHOD_BITS: Record<RulesMethod, number> = {
  get: 1,
  list: 2,
  create: 4,
  update: 8,
  delete: 16,
};
const ALLOW_BITS: Record<AllowMethod, number> = {
  get: 1,
  list: 2,
  read: 3,
  create: 4,
  update: 8,
  delete: 16,
  write: 28,
};

interface CompiledAllow {
  mask: number;
  /** Null for an unconditional `allow`. */
  condition: Code | null;
  line: number;
}

interface FlatRule {
  pattern: CompiledPattern;
  mask: number;
  allows: CompiledAllow[];
}

type Matcher = (pattern: CompiledPattern, bindings: Map<string, RValue>) => boolean;

export function compileRuleset(source: string): CompileResult {
  const lines = new LineMap(source);
  const issue = (offset: number, message: string): CompileResult => ({
    ruleset: null,
    issues: [{ severity: 'error', message, ...lines.position(offset) }],
  });
  if (Buffer.byteLength(source, 'utf8') > MAX_SOURCE_BYTES)
    return issue(0, `Ruleset exceeds the maximum size of ${MAX_SOURCE_BYTES / 1024} KB.`);
  try {
    const file = parseRules(source);
    const ruleset = new Ruleset(source, file, lines);
    return { ruleset, issues: ruleset.warnings };
  } catch (e) {
    if (e instanceof RulesSyntaxError) return issue(e.offset, e.message);
    if (e instanceof RangeError) return issue(0, 'Ruleset is too deeply nested to compile.');
    return issue(
      0,
      `Internal error while compiling rules: ${e instanceof Error ? e.message : String(e)}`,
    );
  }
}

class Ruleset implements CompiledRuleset {
  readonly service: RulesService;
  private readonly version: '1' | '2';
  readonly warnings: RulesIssue[] = [];
  private readonly rules: FlatRule[] = [];
  private readonly coverage = new Coverage();
  private readonly compiler: ExpressionCompiler;
  private readonly functions: CompiledFunction[] = [];

  constructor(
    readonly source: string,
    file: RulesFile,
    private readonly lines: LineMap,
  ) {
    this.service = file.service.name as RulesService;
    this.compiler = new ExpressionCompiler(this.service, this.coverage);
    this.version = file.version;
    this.compileBlock(file.service, [], [], new Set(), file.version);
    this.rejectRecursion();
    for (const w of this.compiler.warnings)
      this.warnings.push({ severity: 'warning', message: w.message, ...lines.position(w.offset) });
    this.coverage.seal();
  }

  private compileBlock(
    block: Block,
    prefix: PatternSegment[],
    scopes: Map<string, CompiledFunction>[],
    wildcards: ReadonlySet<string>,
    version: '1' | '2',
  ): void {
    const table = this.compiler.declare(block.functions);
    const visible = [...scopes, table];
    this.compiler.define(table, visible, wildcards);
    this.functions.push(...table.values());
    for (const match of block.matches) {
      const pattern = [...prefix, ...match.pattern];
      const bound = new Set(wildcards);
      for (const seg of match.pattern) if (seg.kind !== 'literal') bound.add(seg.name);
      const matchTable = this.compiler.declare(match.functions);
      const matchScopes = [...visible, matchTable];
      this.compiler.define(matchTable, matchScopes, bound);
      this.functions.push(...matchTable.values());
      const scope = { functions: matchScopes, wildcards: bound, current: null };
      const allows = match.allows.map((a) => ({
        mask: a.methods.reduce((m, x) => m | ALLOW_BITS[x], 0),
        condition: a.condition ? this.compiler.compile(a.condition, scope) : null,
        // The emulator reports the line where the condition starts (`allow x:` may stand above it).
        line: this.lines.position(a.condition ? a.condition.start : a.start).line,
      }));
      if (allows.length > 0) {
        this.rules.push({
          pattern: new CompiledPattern(pattern, version),
          mask: allows.reduce((m, a) => m | a.mask, 0),
          allows,
        });
      }
      this.compileBlock(
        { functions: [], matches: match.matches },
        pattern,
        matchScopes,
        bound,
        version,
      );
    }
  }

  /** Firebase forbids recursive and mutually recursive functions; we find them before running. */
  private rejectRecursion(): void {
    const done = new Set<CompiledFunction>();
    const visit = (fn: CompiledFunction, stack: CompiledFunction[]): void => {
      if (stack.includes(fn)) {
        const cycle = [...stack.slice(stack.indexOf(fn)), fn].map((f) => f.decl.name).join(' → ');
        throw new RulesSyntaxError(
          fn.decl.start,
          `Recursive function calls are not allowed: ${cycle}.`,
        );
      }
      if (done.has(fn)) return;
      for (const callee of fn.callees) visit(callee, [...stack, fn]);
      done.add(fn);
    };
    for (const fn of this.functions) visit(fn, []);
  }

  evaluateFirestore(req: FirestoreRulesRequest): RulesDecision {
    return this.evaluate('cloud.firestore', () => this.firestore(req));
  }

  evaluateStorage(req: StorageRulesRequest): RulesDecision {
    return this.evaluate('firebase.storage', () => this.storage(req));
  }

  /** A decision for `service`, or a denial saying why there is none. */
  private evaluate(service: RulesService, decide: () => RulesDecision): RulesDecision {
    if (this.service !== service)
      return deny(`This ruleset is for ${this.service}, not ${service}.`);
    try {
      return decide();
    } catch (e) {
      return deny(internalMessage(e));
    }
  }

  private firestore(req: FirestoreRulesRequest): RulesDecision {
    const root = ['databases', req.database, 'documents'];
    const segments = req.path.split('/').filter((s) => s !== '');
    const isList = req.method === 'list';
    if (!req.collectionGroup && segments.length % 2 !== (isList ? 1 : 0)) {
      return deny(`Invalid ${isList ? 'collection' : 'document'} path '${req.path}'.`);
    }
    const hooks = new DocumentLookups(req.access, req.database, {
      writes: req.method === 'create' || req.method === 'update' || req.method === 'delete',
      budget: req.budget,
      perRequestLimit: ACCESS_LIMITS.single,
      debug: req.debug,
    });
    const path = [...root, ...segments];
    const request = new Map<string, RValue>();
    request.set('auth', authValue(req.auth));
    request.set('method', req.method);
    request.set('path', new RPath(path));
    request.set('time', timestampFrom(req.time.seconds, req.time.nanos));
    request.set('resource', req.requestResource ? documentValue(req.requestResource) : null);
    if (!isList) {
      const resource = req.resource ? documentValue(req.resource) : null;
      return this.judge(
        req.method,
        this.context(new EagerMap(request), resource, hooks),
        (p, b) => p.match(path, b),
        hooks.calls,
      );
    }
    request.set('query', queryValue(req.query));
    const requestValue = new EagerMap(request);
    const collectionId = segments[segments.length - 1] ?? '';
    const candidate = [...path, UNKNOWN_SEGMENT];
    const matcher: Matcher = req.collectionGroup
      ? (p, b) => p.coversCollectionGroup(root, collectionId, b)
      : (p, b) => p.match(candidate, b);
    let cases;
    try {
      cases = queryCases(req.query);
    } catch (e) {
      if (e instanceof QueryTooComplexError)
        return deny('Query has too many disjunctions to evaluate rules against.');
      throw e;
    }
    let decision: RulesDecision = {
      allowed: true,
      message: '',
      outcomes: NONE,
      calls: hooks.calls,
    };
    for (const filters of cases) {
      decision = this.judge(
        'list',
        this.context(requestValue, symbolicResource(filters, req.query), hooks),
        matcher,
        hooks.calls,
      );
      if (!decision.allowed) return decision;
    }
    return decision;
  }

  private storage(req: StorageRulesRequest): RulesDecision {
    // Only under rules_version '2' (as the official emulator does); a list is judged on what it
    // lists, the prefix's contents (firebase-tools #3533: the delimiter goes to the rules).
    if (req.method === 'list' && this.version !== '2') return deny(STORAGE_LIST_NEEDS_V2);
    const segments = req.path.split('/').filter((s) => s !== '');
    const path = ['b', req.bucket, 'o', ...segments];
    const hooks = new DocumentLookups(req.firestore, '(default)', {
      writes: false,
      perRequestLimit: ACCESS_LIMITS.crossService,
      debug: req.debug,
    });
    const request = EagerMap.of({
      auth: authValue(req.auth),
      method: req.method,
      path: new RPath(path),
      time: timestampFrom(req.time.seconds, req.time.nanos),
      resource: req.requestResource ? new FieldsMap(req.requestResource) : null,
    });
    const resource = req.resource ? new FieldsMap(req.resource) : null;
    const children = [...path, UNKNOWN_SEGMENT];
    const matcher: Matcher =
      req.method !== 'list'
        ? (p, b) => p.match(path, b)
        : req.delimiter
          ? (p, b) => p.match(children, b)
          : (p, b) => p.coversDescendants(path, b);
    return this.judge(req.method, this.context(request, resource, hooks), matcher, hooks.calls);
  }

  private context(request: RValue, resource: RValue, hooks: ServiceHooks): EvalContext {
    return { request, resource, wildcards: new Map(), hooks, callDepth: 0, steps: 0 };
  }

  /** Runs every matching allow for the method until one allows; otherwise explains each outcome. */
  private judge(
    method: RulesMethod,
    ctx: EvalContext,
    matches: Matcher,
    calls: readonly AccessCall[],
  ): RulesDecision {
    const bit = METHOD_BITS[method];
    const outcomes: AllowOutcome[] = [];
    ctx.steps = 0;
    for (const rule of this.rules) {
      if ((rule.mask & bit) === 0 || !matches(rule.pattern, ctx.wildcards)) continue;
      for (const allow of rule.allows) {
        if ((allow.mask & bit) === 0) continue;
        const refusal = allow.condition ? this.run(allow, ctx) : null;
        if (refusal === null) {
          outcomes.push({ line: allow.line, text: 'true' });
          return { allowed: true, message: '', outcomes, calls };
        }
        outcomes.push(refusal);
      }
    }
    return {
      allowed: false,
      message: denialMessage(method, outcomes, this.lines),
      outcomes,
      calls,
    };
  }

  /** Null when the condition is true; otherwise why not. */
  private run(allow: CompiledAllow, ctx: EvalContext): AllowOutcome | null {
    try {
      const v = (allow.condition as Code)(ctx, null);
      if (v === true) return null;
      if (v === false) return { line: allow.line, text: 'false' };
      if (v instanceof RUnknown) return { line: allow.line, text: v.reason };
      return {
        line: allow.line,
        text: `Unsupported operation error. Expected a bool condition, received: ${typeName(v)}.`,
      };
    } catch (e) {
      if (!(e instanceof RulesEvalError)) throw e;
      const errorLine = e.offset >= 0 ? this.lines.position(e.offset).line : undefined;
      return {
        line: allow.line,
        text: e.message,
        ...(errorLine !== undefined && errorLine !== allow.line ? { errorLine } : {}),
      };
    }
  }

  coverageJson(): unknown {
    return { service: this.service, ...this.coverage.report(this.lines) };
  }

  coverageHtml(): string {
    return renderCoverageHtml(this.source, this.coverage.report(this.lines));
  }
}

const NONE: readonly never[] = [];

/** A refusal before any allow ran (a wrong service, path or query shape, an internal error). */
function deny(message: string): RulesDecision {
  return { allowed: false, message, outcomes: NONE, calls: NONE };
}

function internalMessage(e: unknown): string {
  if (e instanceof RangeError) return 'Rules evaluation exceeded the available stack.';
  return `Internal rules engine error: ${e instanceof Error ? e.message : String(e)}`;
}
