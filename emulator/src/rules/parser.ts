/**
 * Recursive-descent parser for rules files. Every failure is a RulesSyntaxError carrying the
 * offset where it was detected; nothing else escapes (nesting depth is bounded, so hostile input
 * cannot overflow the stack).
 */
import type {
  AllowDecl,
  AllowMethod,
  BinaryOperator,
  Block,
  Expr,
  FunctionDecl,
  LetDecl,
  MatchDecl,
  PatternSegment,
  RulesFile,
  ServiceDecl,
} from './ast.js';
import { isIdentPart, Lexer, type Token } from './lexer.js';
import { RulesSyntaxError } from './source.js';

const MAX_NESTING = 150;
/** Deepest syntax tree an expression may have; long `a && b && ...` chains nest too. */
const MAX_EXPRESSION_DEPTH = 500;
const INT64_MAX = (1n << 63n) - 1n;
const METHODS = new Set<string>(['read', 'write', 'get', 'list', 'create', 'update', 'delete']);
const RELATIONAL = new Set(['==', '!=', '<', '<=', '>', '>=']);
const RESERVED = new Set([
  'true',
  'false',
  'null',
  'in',
  'is',
  'if',
  'let',
  'return',
  'function',
  'match',
  'allow',
  'service',
]);

export function parseRules(text: string): RulesFile {
  return new Parser(text).parseFile();
}

/** Parses a lone expression (used by tests and tools). */
export function parseExpression(text: string): Expr {
  const p = new Parser(text);
  const e = p.parseTopExpr();
  p.expectEof();
  return e;
}

class Parser {
  private readonly lexer: Lexer;
  private cur: Token;
  private depth = 0;
  private version: '1' | '2' = '1';

  constructor(private readonly text: string) {
    this.lexer = new Lexer(text);
    this.cur = this.lexer.next();
  }

  private fail(at: number, message: string): never {
    throw new RulesSyntaxError(at, message);
  }

  private describe(t: Token): string {
    return t.kind === 'eof' ? 'end of file' : `'${t.text}'`;
  }

  private advance(): Token {
    const t = this.cur;
    this.cur = this.lexer.next();
    return t;
  }

  private is(text: string): boolean {
    return (this.cur.kind === 'punct' || this.cur.kind === 'ident') && this.cur.text === text;
  }

  private accept(text: string): boolean {
    if (!this.is(text)) return false;
    this.advance();
    return true;
  }

  private expect(text: string, context?: string): Token {
    if (!this.is(text)) {
      this.fail(
        this.cur.start,
        `Expected '${text}'${context ? ` ${context}` : ''} but found ${this.describe(this.cur)}.`,
      );
    }
    return this.advance();
  }

  private expectIdent(what: string): Token {
    if (this.cur.kind !== 'ident' || RESERVED.has(this.cur.text)) {
      this.fail(this.cur.start, `Expected ${what} but found ${this.describe(this.cur)}.`);
    }
    return this.advance();
  }

  expectEof(): void {
    if (this.cur.kind !== 'eof')
      this.fail(this.cur.start, `Unexpected ${this.describe(this.cur)}.`);
  }

  /** Re-synchronises the token stream after raw scanning. */
  private resumeAt(offset: number): void {
    this.lexer.pos = offset;
    this.cur = this.lexer.next();
  }

  private enter(at: number): void {
    if (++this.depth > MAX_NESTING) this.fail(at, 'Expression or block nested too deeply.');
  }

  parseFile(): RulesFile {
    if (this.is('rules_version')) {
      this.advance();
      this.expect('=');
      const v = this.cur;
      if (v.kind !== 'string' || (v.value !== '1' && v.value !== '2')) {
        this.fail(v.start, "rules_version must be '1' or '2'.");
      }
      this.version = v.value;
      this.advance();
      this.accept(';');
    }
    if (this.cur.kind === 'eof')
      this.fail(this.cur.start, "Expected 'service' but found end of file.");
    const service = this.parseService();
    if (this.is('service'))
      this.fail(this.cur.start, 'Only one service may be declared per rules file.');
    this.expectEof();
    return { version: this.version, service };
  }

  private parseService(): ServiceDecl {
    const start = this.expect('service').start;
    let name = this.expectIdent('a service name').text;
    while (this.accept('.')) name += '.' + this.expectIdent('a service name').text;
    if (name !== 'cloud.firestore' && name !== 'firebase.storage') {
      this.fail(start, `Unknown service '${name}': expected cloud.firestore or firebase.storage.`);
    }
    this.expect('{', 'after the service name');
    const block: Block = { functions: [], matches: [] };
    while (!this.is('}')) {
      if (this.is('function')) block.functions.push(this.parseFunction());
      else if (this.is('match')) block.matches.push(this.parseMatch());
      else
        this.fail(
          this.cur.start,
          `Expected 'match' or 'function' but found ${this.describe(this.cur)}.`,
        );
    }
    const end = this.advance().end;
    return { name, ...block, start, end };
  }

  private parseMatch(): MatchDecl {
    const start = this.expect('match').start;
    this.enter(start);
    const pattern = this.parsePattern(this.cur.start);
    this.expect('{', 'after the match path');
    const match: MatchDecl = { pattern, functions: [], matches: [], allows: [], start, end: start };
    while (!this.is('}')) {
      if (this.is('function')) match.functions.push(this.parseFunction());
      else if (this.is('match')) match.matches.push(this.parseMatch());
      else if (this.is('allow')) match.allows.push(this.parseAllow());
      else
        this.fail(
          this.cur.start,
          `Expected 'allow', 'match' or 'function' but found ${this.describe(this.cur)}.`,
        );
    }
    match.end = this.advance().end;
    this.depth--;
    return match;
  }

  /** Scans `/seg/{var}/{rest=**}` raw from `at`, up to the whitespace or `{` that opens the block. */
  private parsePattern(at: number): PatternSegment[] {
    const t = this.text;
    let pos = at;
    if (t[pos] !== '/')
      this.fail(pos, `Expected a path starting with '/' but found ${this.describe(this.cur)}.`);
    const segments: PatternSegment[] = [];
    while (t[pos] === '/') {
      pos++;
      const segStart = pos;
      if (t[pos] === '{') {
        const close = t.indexOf('}', pos);
        const inner = close < 0 ? '' : t.slice(pos + 1, close);
        const m = /^([A-Za-z_][A-Za-z0-9_]*)(=\*\*)?$/.exec(inner);
        if (!m || close < 0) this.fail(segStart, 'Invalid wildcard: expected {name} or {name=**}.');
        const name = m[1] as string;
        if (segments.some((s) => s.kind !== 'literal' && s.name === name)) {
          this.fail(segStart, `Duplicate wildcard name '${name}' in match path.`);
        }
        segments.push(m[2] ? { kind: 'recursive', name } : { kind: 'wildcard', name });
        pos = close + 1;
      } else {
        while (pos < t.length && !/[\s/{}]/.test(t[pos] as string)) pos++;
        if (pos === segStart) this.fail(segStart, 'Empty path segment in match path.');
        const text = t.slice(segStart, pos);
        if (/[^A-Za-z0-9_\-.~%@+=:,!*$'()&]/.test(text) || text.includes('**')) {
          this.fail(segStart, `Invalid character in match path segment '${text}'.`);
        }
        segments.push({ kind: 'literal', text });
      }
    }
    const recursive = segments.filter((s) => s.kind === 'recursive');
    if (recursive.length > 1)
      this.fail(at, 'A match path may contain only one recursive wildcard.');
    if (
      this.version === '1' &&
      recursive.length === 1 &&
      segments[segments.length - 1]?.kind !== 'recursive'
    ) {
      this.fail(
        at,
        "In rules_version '1' a recursive wildcard {name=**} must be the last path segment.",
      );
    }
    this.resumeAt(pos);
    return segments;
  }

  private parseAllow(): AllowDecl {
    const start = this.expect('allow').start;
    const methods: AllowMethod[] = [];
    do {
      const m = this.cur;
      if (m.kind !== 'ident' || !METHODS.has(m.text)) {
        this.fail(
          m.start,
          `Expected a method (read, write, get, list, create, update, delete) but found ${this.describe(m)}.`,
        );
      }
      methods.push(m.text as AllowMethod);
      this.advance();
    } while (this.accept(','));
    let condition: Expr | null = null;
    if (this.accept(':')) {
      this.expect('if', "after ':'");
      condition = this.parseTopExpr();
    }
    const end = this.cur.start;
    if (!this.accept(';') && !this.is('}'))
      this.fail(this.cur.start, `Expected ';' but found ${this.describe(this.cur)}.`);
    return { methods, condition, start, end };
  }

  private parseFunction(): FunctionDecl {
    const start = this.expect('function').start;
    const name = this.expectIdent('a function name').text;
    this.expect('(', 'after the function name');
    const params: string[] = [];
    if (!this.is(')')) {
      do {
        const p = this.expectIdent('a parameter name');
        if (params.includes(p.text)) this.fail(p.start, `Duplicate parameter name '${p.text}'.`);
        params.push(p.text);
      } while (this.accept(','));
    }
    this.expect(')', 'after the parameters');
    this.expect('{', 'to open the function body');
    const lets: LetDecl[] = [];
    while (this.is('let')) {
      const letStart = this.advance().start;
      if (this.version !== '2') this.fail(letStart, "'let' bindings need rules_version = '2'.");
      const id = this.expectIdent('a variable name');
      if (params.includes(id.text) || lets.some((l) => l.name === id.text)) {
        this.fail(id.start, `Variable '${id.text}' is already defined.`);
      }
      this.expect('=');
      const value = this.parseTopExpr();
      this.expect(';', 'after the let binding');
      lets.push({ name: id.text, value, start: letStart, end: value.end });
    }
    this.expect('return', 'in the function body');
    const body = this.parseTopExpr();
    this.accept(';');
    const end = this.expect('}', 'to close the function body').end;
    return { name, params, lets, body, start, end };
  }

  /** An expression that stands alone (condition, let value, function body), checked for depth. */
  parseTopExpr(): Expr {
    const e = this.parseExpr();
    checkDepth(e);
    return e;
  }

  parseExpr(): Expr {
    this.enter(this.cur.start);
    const cond = this.parseOr();
    let result = cond;
    if (this.accept('?')) {
      const then = this.parseExpr();
      this.expect(':', 'in the conditional expression');
      const otherwise = this.parseExpr();
      result = { kind: 'ternary', cond, then, otherwise, start: cond.start, end: otherwise.end };
    }
    this.depth--;
    return result;
  }

  private binary(op: BinaryOperator, left: Expr, right: Expr): Expr {
    return { kind: 'binary', op, left, right, start: left.start, end: right.end };
  }

  private parseOr(): Expr {
    let left = this.parseAnd();
    while (this.accept('||')) left = this.binary('||', left, this.parseAnd());
    return left;
  }

  private parseAnd(): Expr {
    let left = this.parseRelation();
    while (this.accept('&&')) left = this.binary('&&', left, this.parseRelation());
    return left;
  }

  private parseRelation(): Expr {
    let left = this.parseAdditive();
    for (;;) {
      const t = this.cur;
      if (t.kind === 'punct' && RELATIONAL.has(t.text)) {
        this.advance();
        left = this.binary(t.text as BinaryOperator, left, this.parseAdditive());
      } else if (t.kind === 'ident' && t.text === 'in') {
        this.advance();
        left = this.binary('in', left, this.parseAdditive());
      } else if (t.kind === 'ident' && t.text === 'is') {
        this.advance();
        const type = this.cur;
        if (type.kind !== 'ident')
          this.fail(
            type.start,
            `Expected a type name after 'is' but found ${this.describe(type)}.`,
          );
        this.advance();
        left = { kind: 'is', operand: left, typeName: type.text, start: left.start, end: type.end };
      } else {
        return left;
      }
    }
  }

  private parseAdditive(): Expr {
    let left = this.parseMultiplicative();
    while (this.is('+') || this.is('-')) {
      const op = this.advance().text as BinaryOperator;
      left = this.binary(op, left, this.parseMultiplicative());
    }
    return left;
  }

  private parseMultiplicative(): Expr {
    let left = this.parseUnary();
    while (this.is('*') || this.is('/') || this.is('%')) {
      const op = this.advance().text as BinaryOperator;
      left = this.binary(op, left, this.parseUnary());
    }
    return left;
  }

  private parseUnary(): Expr {
    const t = this.cur;
    if (this.is('!') || this.is('-')) {
      this.advance();
      this.enter(t.start);
      let result: Expr;
      if (t.text === '-' && this.cur.kind === 'int') {
        const lit = this.advance();
        const value = -this.intValue(lit, true);
        result = { kind: 'literal', value, start: t.start, end: lit.end };
        result = this.parsePostfix(result);
      } else {
        const operand = this.parseUnary();
        result = {
          kind: 'unary',
          op: t.text as '!' | '-',
          operand,
          start: t.start,
          end: operand.end,
        };
      }
      this.depth--;
      return result;
    }
    return this.parsePostfix(this.parsePrimary());
  }

  private intValue(t: Token, negated: boolean): bigint {
    const v = BigInt(t.text);
    if (v > INT64_MAX + (negated ? 1n : 0n))
      this.fail(t.start, `Integer literal ${t.text} is out of range for a 64-bit int.`);
    return v;
  }

  private parsePostfix(expr: Expr): Expr {
    for (;;) {
      if (this.accept('.')) {
        const name = this.cur;
        if (name.kind !== 'ident')
          this.fail(
            name.start,
            `Expected a field or method name after '.' but found ${this.describe(name)}.`,
          );
        this.advance();
        expr = { kind: 'member', object: expr, name: name.text, start: expr.start, end: name.end };
      } else if (this.is('(')) {
        if (expr.kind !== 'ident' && expr.kind !== 'member')
          this.fail(this.cur.start, 'Only functions and methods can be called.');
        this.advance();
        const args = this.parseList(')');
        expr = { kind: 'call', callee: expr, args, start: expr.start, end: this.advance().end };
      } else if (this.is('[')) {
        this.advance();
        let from: Expr | null = null;
        if (!this.is(':')) from = this.parseExpr();
        if (this.accept(':')) {
          const to = this.is(']') ? null : this.parseExpr();
          const end = this.expect(']', 'to close the range').end;
          expr = { kind: 'range', object: expr, from, to, start: expr.start, end };
        } else {
          const end = this.expect(']', 'to close the index').end;
          expr = { kind: 'index', object: expr, index: from as Expr, start: expr.start, end };
        }
      } else {
        return expr;
      }
    }
  }

  /** Comma-separated expressions up to (not consuming) `close`; a trailing comma is allowed. */
  private parseList(close: string): Expr[] {
    const items: Expr[] = [];
    while (!this.is(close)) {
      items.push(this.parseExpr());
      if (!this.accept(',')) break;
    }
    if (!this.is(close))
      this.fail(this.cur.start, `Expected ',' or '${close}' but found ${this.describe(this.cur)}.`);
    return items;
  }

  private parsePrimary(): Expr {
    const t = this.cur;
    const span = { start: t.start, end: t.end };
    switch (t.kind) {
      case 'int':
        this.advance();
        return { kind: 'literal', value: this.intValue(t, false), ...span };
      case 'float':
        this.advance();
        return { kind: 'literal', value: Number(t.text), ...span };
      case 'string':
      case 'bytes':
        this.advance();
        return { kind: 'literal', value: t.value as string | Uint8Array, ...span };
      case 'ident':
        if (t.text === 'true' || t.text === 'false') {
          this.advance();
          return { kind: 'literal', value: t.text === 'true', ...span };
        }
        if (t.text === 'null') {
          this.advance();
          return { kind: 'literal', value: null, ...span };
        }
        if (RESERVED.has(t.text)) this.fail(t.start, `Unexpected keyword '${t.text}'.`);
        this.advance();
        return { kind: 'ident', name: t.text, ...span };
      case 'punct':
        if (t.text === '(') {
          this.advance();
          const inner = this.parseExpr();
          this.expect(')', 'to close the parenthesis');
          return inner;
        }
        if (t.text === '[') {
          this.advance();
          this.enter(t.start);
          const items = this.parseList(']');
          this.depth--;
          return { kind: 'list', items, start: t.start, end: this.advance().end };
        }
        if (t.text === '{') return this.parseMap();
        if (t.text === '/') return this.parsePathLiteral();
        break;
      default:
        break;
    }
    return this.fail(t.start, `Expected an expression but found ${this.describe(t)}.`);
  }

  private parseMap(): Expr {
    const start = this.expect('{').start;
    this.enter(start);
    const entries: { key: Expr; value: Expr }[] = [];
    while (!this.is('}')) {
      const key = this.parseExpr();
      this.expect(':', 'after the map key');
      entries.push({ key, value: this.parseExpr() });
      if (!this.accept(',')) break;
    }
    const end = this.expect('}', 'to close the map').end;
    this.depth--;
    return { kind: 'map', entries, start, end };
  }

  /** Scans `/a/$(expr)/(default)` raw; a segment ends at whitespace or a character no path can hold. */
  private parsePathLiteral(): Expr {
    const t = this.text;
    const start = this.cur.start;
    this.enter(start);
    let pos = start;
    const segments: (string | Expr)[][] = [];
    while (t[pos] === '/') {
      pos++;
      const parts: (string | Expr)[] = [];
      let literal = '';
      for (;;) {
        const c = t[pos];
        if (c === undefined) break;
        if (c === '$' && t[pos + 1] === '(') {
          if (literal) parts.push(literal);
          literal = '';
          this.resumeAt(pos + 2);
          const e = this.parseExpr();
          if (!this.is(')'))
            this.fail(
              this.cur.start,
              `Expected ')' to close '$(' but found ${this.describe(this.cur)}.`,
            );
          parts.push(e);
          pos = this.cur.end;
        } else if (c === '(') {
          const close = t.indexOf(')', pos);
          if (close < 0 || /[\s/]/.test(t.slice(pos, close)))
            this.fail(pos, "Unbalanced '(' in path.");
          literal += t.slice(pos, close + 1);
          pos = close + 1;
        } else if (isIdentPart(c.charCodeAt(0)) || '-.~%@+=:*!'.includes(c)) {
          literal += c;
          pos++;
        } else {
          break;
        }
      }
      if (literal) parts.push(literal);
      if (parts.length === 0) this.fail(pos, 'Empty path segment.');
      segments.push(parts);
    }
    this.resumeAt(pos);
    this.depth--;
    return { kind: 'path', segments, start, end: pos };
  }
}

function children(e: Expr): Expr[] {
  switch (e.kind) {
    case 'literal':
    case 'ident':
      return [];
    case 'member':
      return [e.object];
    case 'index':
      return [e.object, e.index];
    case 'range':
      return [e.object, ...(e.from ? [e.from] : []), ...(e.to ? [e.to] : [])];
    case 'call':
      return [e.callee, ...e.args];
    case 'unary':
      return [e.operand];
    case 'binary':
      return [e.left, e.right];
    case 'is':
      return [e.operand];
    case 'ternary':
      return [e.cond, e.then, e.otherwise];
    case 'list':
      return e.items;
    case 'map':
      return e.entries.flatMap((en) => [en.key, en.value]);
    case 'path':
      return e.segments.flatMap((parts) => parts.filter((p): p is Expr => typeof p !== 'string'));
  }
}

/** Rejects trees deeper than the compiler and evaluator should recurse; iterative on purpose. */
function checkDepth(root: Expr): void {
  const stack: [Expr, number][] = [[root, 1]];
  while (stack.length > 0) {
    const [e, depth] = stack.pop() as [Expr, number];
    if (depth > MAX_EXPRESSION_DEPTH)
      throw new RulesSyntaxError(e.start, 'Expression nested too deeply.');
    for (const c of children(e)) stack.push([c, depth + 1]);
  }
}
