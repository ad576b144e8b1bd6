/**
 * Helpers for exercising rulesets without a server: requests with sensible defaults, an
 * in-memory DocumentAccess, and JS → Firestore value conversion. Used by the engine's own tests
 * and bench/rules.ts; kept out of dist/ (tsconfig excludes testing/).
 */
import type { Fields, Value } from '../../model/value.js';
import type {
  AuthContext,
  CompiledRuleset,
  DocumentAccess,
  FirestoreRulesRequest,
  RulesDocument,
  StorageRulesRequest,
} from '../api.js';
import { compileRuleset } from '../ruleset.js';

export const PROJECT = 'demo-hearth';
export const FIXED_TIME = { seconds: 1_700_000_000, nanos: 0 };

export function compileOrThrow(source: string): CompiledRuleset {
  const { ruleset, issues } = compileRuleset(source);
  if (!ruleset) throw new Error(issues.map((i) => `${i.line}:${i.column} ${i.message}`).join('\n'));
  return ruleset;
}

/** Wraps match blocks in a Firestore service and the database root match. */
export function firestoreRules(body: string, version: '1' | '2' = '2'): string {
  return `rules_version = '${version}';\nservice cloud.firestore {\n  match /databases/{database}/documents {\n${body}\n  }\n}\n`;
}

/** Wraps match blocks in a Storage service and the bucket root match. */
export function storageRules(body: string, version: '1' | '2' = '2'): string {
  return `rules_version = '${version}';\nservice firebase.storage {\n  match /b/{bucket}/o {\n${body}\n  }\n}\n`;
}

/** JS → Firestore Value: integers become integerValue, other numbers doubleValue. */
export function toValue(v: unknown): Value {
  if (v === null || v === undefined) return { nullValue: null };
  if (typeof v === 'boolean') return { booleanValue: v };
  if (typeof v === 'bigint') return { integerValue: v };
  if (typeof v === 'number')
    return Number.isInteger(v) ? { integerValue: BigInt(v) } : { doubleValue: v };
  if (typeof v === 'string') return { stringValue: v };
  if (v instanceof Uint8Array) return { bytesValue: v };
  if (v instanceof Date) {
    const ms = v.getTime();
    return { timestampValue: { seconds: Math.floor(ms / 1000), nanos: (ms % 1000) * 1_000_000 } };
  }
  if (Array.isArray(v)) return { arrayValue: { values: v.map(toValue) } };
  return { mapValue: { fields: toFields(v as Record<string, unknown>) } };
}

export function toFields(record: Record<string, unknown>): Fields {
  const fields: Fields = {};
  for (const [k, x] of Object.entries(record)) fields[k] = toValue(x);
  return fields;
}

export function document(
  path: string,
  data: Record<string, unknown>,
  database = '(default)',
): RulesDocument {
  return {
    name: `projects/${PROJECT}/databases/${database}/documents/${path}`,
    fields: toFields(data),
  };
}

/** Documents by path ('lists/l1'); `after` overrides what getAfter sees (null deletes). */
export class MemoryDocuments implements DocumentAccess {
  readonly lookups: string[] = [];
  constructor(
    private readonly before: Record<string, Record<string, unknown>> = {},
    private readonly after: Record<string, Record<string, unknown> | null> = {},
  ) {}

  private relative(path: string): string {
    return path.replace(/^\/databases\/[^/]+\/documents\//, '');
  }

  get(path: string): RulesDocument | null {
    this.lookups.push(path);
    const p = this.relative(path);
    const data = this.before[p];
    return data ? document(p, data) : null;
  }

  getAfter(path: string): RulesDocument | null {
    this.lookups.push(path);
    const p = this.relative(path);
    if (p in this.after) {
      const data = this.after[p];
      return data ? document(p, data) : null;
    }
    return this.get(path);
  }
}

export function auth(uid: string, token: Record<string, unknown> = {}): AuthContext {
  return { uid, token: { sub: uid, ...token } };
}

export function firestoreRequest(
  overrides: Partial<FirestoreRulesRequest> = {},
): FirestoreRulesRequest {
  return {
    method: 'get',
    auth: null,
    time: FIXED_TIME,
    database: '(default)',
    path: 'things/t1',
    resource: null,
    requestResource: null,
    access: new MemoryDocuments(),
    ...overrides,
  };
}

export function storageRequest(overrides: Partial<StorageRulesRequest> = {}): StorageRulesRequest {
  return {
    method: 'get',
    auth: null,
    time: FIXED_TIME,
    bucket: 'demo-hearth.appspot.com',
    path: 'files/f1',
    resource: null,
    requestResource: null,
    firestore: new MemoryDocuments(),
    ...overrides,
  };
}

/**
 * Evaluates one condition as `allow get` on `/things/{id}` (id = 't1'); returns the decision.
 * The quickest way to test an expression: `check("'abc'.size() == 3").allowed`.
 */
export function check(
  condition: string,
  request: Partial<FirestoreRulesRequest> = {},
  functions = '',
) {
  const rules = compileOrThrow(
    firestoreRules(
      `${functions}\n    match /things/{id} {\n      allow get, list, create, update, delete: if ${condition};\n    }`,
    ),
  );
  return rules.evaluateFirestore(firestoreRequest(request));
}

/** Throws unless the condition allows (for table-driven tests of expressions). */
export function assertHolds(condition: string, request: Partial<FirestoreRulesRequest> = {}): void {
  const d = check(condition, request);
  if (!d.allowed) throw new Error(`expected \`${condition}\` to hold; denied: ${d.message}`);
}

/** Throws unless the condition is an evaluation error whose message contains `message`. */
export function assertErrors(
  condition: string,
  message: string,
  request: Partial<FirestoreRulesRequest> = {},
): void {
  const d = check(condition, request);
  if (d.allowed || !d.message.includes(message) || d.message.startsWith('false for')) {
    throw new Error(
      `expected \`${condition}\` to be an error containing "${message}"; got: ${d.allowed ? 'allowed' : d.message}`,
    );
  }
}
