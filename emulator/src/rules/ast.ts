/** Syntax tree of a rules file. Every node keeps the source offsets it was parsed from. */

export interface Span {
  start: number;
  end: number;
}

export type LiteralValue = null | boolean | bigint | number | string | Uint8Array;

export type BinaryOperator =
  '||' | '&&' | '==' | '!=' | '<' | '<=' | '>' | '>=' | 'in' | '+' | '-' | '*' | '/' | '%';

export type Expr = Span &
  (
    | { kind: 'literal'; value: LiteralValue }
    | { kind: 'ident'; name: string }
    | { kind: 'member'; object: Expr; name: string }
    | { kind: 'index'; object: Expr; index: Expr }
    | { kind: 'range'; object: Expr; from: Expr | null; to: Expr | null }
    | { kind: 'call'; callee: Expr; args: Expr[] }
    | { kind: 'unary'; op: '!' | '-'; operand: Expr }
    | { kind: 'binary'; op: BinaryOperator; left: Expr; right: Expr }
    | { kind: 'is'; operand: Expr; typeName: string }
    | { kind: 'ternary'; cond: Expr; then: Expr; otherwise: Expr }
    | { kind: 'list'; items: Expr[] }
    | { kind: 'map'; entries: { key: Expr; value: Expr }[] }
    /** Each segment is a run of literal text and `$(expr)` interpolations. */
    | { kind: 'path'; segments: (string | Expr)[][] }
  );

export type PatternSegment =
  | { kind: 'literal'; text: string }
  | { kind: 'wildcard'; name: string }
  | { kind: 'recursive'; name: string };

export type AllowMethod = 'read' | 'write' | 'get' | 'list' | 'create' | 'update' | 'delete';

export interface AllowDecl extends Span {
  methods: AllowMethod[];
  /** Absent for `allow read;`, which always allows. */
  condition: Expr | null;
}

export interface LetDecl extends Span {
  name: string;
  value: Expr;
}

export interface FunctionDecl extends Span {
  name: string;
  params: string[];
  lets: LetDecl[];
  body: Expr;
}

export interface Block {
  functions: FunctionDecl[];
  matches: MatchDecl[];
}

export interface MatchDecl extends Block, Span {
  pattern: PatternSegment[];
  allows: AllowDecl[];
}

export interface ServiceDecl extends Block, Span {
  name: string;
}

export interface RulesFile {
  version: '1' | '2';
  service: ServiceDecl;
}
