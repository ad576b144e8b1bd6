/**
 * The contract between the rules engine and the services that call it (Firestore, Storage).
 * The engine knows nothing of HTTP or gRPC: callers describe a request with these types and get a
 * decision back. Evaluation is synchronous; document lookups are answered from memory.
 */
import type { FilterOperator } from '../model/filterOperator.js';
import type { Fields, Timestamp, Value } from '../model/value.js';

export type RulesService = 'cloud.firestore' | 'firebase.storage';
export type RulesMethod = 'get' | 'list' | 'create' | 'update' | 'delete';

/** 1-based line and column in the rules source. */
export interface SourcePosition {
  line: number;
  column: number;
}

export interface RulesIssue extends SourcePosition {
  severity: 'error' | 'warning';
  message: string;
}

/** `request.auth`: the verified (or, in the emulator, unsigned) ID token's uid and claims. */
export interface AuthContext {
  uid: string;
  /** Decoded token claims as JSON (email, email_verified, firebase.sign_in_provider, ...). */
  token: Record<string, unknown>;
}

/** A Firestore document as rules see it (`resource`, `get()`, `request.resource`). */
export interface RulesDocument {
  /** Full resource name: projects/{p}/databases/{d}/documents/{path}. */
  name: string;
  fields: Fields;
  createTime?: Timestamp;
  updateTime?: Timestamp;
}

/**
 * Document lookups for `get`, `exists`, `getAfter`, `existsAfter` (and Storage's cross-service
 * `firestore.get`/`firestore.exists`). Paths are rules paths:
 * `/databases/{database}/documents/{collection}/{id}/...`.
 */
export interface DocumentAccess {
  /** The document as stored before the request. */
  get(path: string): RulesDocument | null;
  /** The document as it would be if the request (the whole batch or transaction) committed. */
  getAfter(path: string): RulesDocument | null;
}

export interface QueryFilter {
  /** Field path segments, unquoted: `a.b` is ['a', 'b']; `__name__` for the document name. */
  field: string[];
  op: FilterOperator;
  /** Absent for the unary operators. */
  value?: Value;
}

/** A query's own constraints, from which `list` rules are judged ("queries are not filters"). */
export interface QueryConstraints {
  /** The filter in disjunctive normal form: the query matches a document if any conjunct holds. */
  disjuncts: QueryFilter[][];
  orderBy: { field: string[]; direction: 'ASCENDING' | 'DESCENDING' }[];
  limit?: number;
  offset?: number;
}

/** Shared by every evaluation in one batch or transaction to enforce Firebase's access-call limits. */
export interface AccessBudget {
  /** How many documents the batch writes (Firebase allows 10 calls for one, 20 for a batch). */
  readonly batchSize: number;
  /** Distinct documents looked up so far in the batch. */
  used: number;
  /** Optional: the documents already counted, so one looked up by several writes counts once. */
  seen?: Set<string>;
}

interface CommonRequest {
  method: RulesMethod;
  auth: AuthContext | null;
  time: Timestamp;
  budget?: AccessBudget;
  /** Receives what `debug()` prints (the official emulator writes it to its debug log). */
  debug?: (message: string) => void;
}

export interface FirestoreRulesRequest extends CommonRequest {
  /** The database id, usually '(default)'. */
  database: string;
  /**
   * For get/create/update/delete: the document path ('lists/l1/todos/t1').
   * For list: the collection path ('lists/l1/todos'), or the collection id for collection groups.
   */
  path: string;
  collectionGroup?: boolean;
  query?: QueryConstraints;
  /** The stored document (get, update, delete); null when absent. */
  resource: RulesDocument | null;
  /** The document after the write (create, update); null otherwise. */
  requestResource: RulesDocument | null;
  access: DocumentAccess;
}

export interface StorageRulesRequest extends CommonRequest {
  bucket: string;
  /** The object name ('lists/l1/todos/t1/a1/original'), or the prefix for list. */
  path: string;
  /**
   * For list, the request's delimiter ('/' from the SDKs). With one, the listing shows the
   * prefix's direct children, so the rules matching a child of the prefix decide; without one it
   * reaches every depth below the prefix, so only a rule covering all of them (a trailing
   * recursive wildcard) can allow it.
   */
  delimiter?: string;
  /** The stored object's metadata as rules see it (name, bucket, size, contentType, metadata, ...). */
  resource: Record<string, Value> | null;
  /** The object after the write, for create and update. */
  requestResource: Record<string, Value> | null;
  /** Cross-service `firestore.get()` / `firestore.exists()` against the default database. */
  firestore: DocumentAccess;
}

/** One `allow` whose condition was evaluated, and what it gave. */
export interface AllowOutcome {
  /** 1-based line of the allow (where its condition starts). */
  line: number;
  /** "true", "false", or the error the condition raised. */
  text: string;
  /** Where an error was raised, when not on the allow's own line (inside a function). */
  errorLine?: number;
}

/** One document lookup a condition made: get(), exists(), getAfter(), existsAfter(), firestore.get(), firestore.exists(). */
export interface AccessCall {
  fn: string;
  /** The rules path looked up: `/databases/(default)/documents/lists/l1`. */
  path: string;
  /** Whether the document existed (for getAfter/existsAfter: would exist after the write). */
  found: boolean;
}

export interface RulesDecision {
  allowed: boolean;
  /**
   * Why, in Firebase's words ("false for 'update' @ L12", "Property ownerId is undefined on
   * object. for 'list' @ L7"), followed by the quoted source line. Empty when allowed.
   */
  message: string;
  /**
   * The allows evaluated, in order: when allowed, the last one granted the request; when denied,
   * each one's refusal. Empty when no allow matched (or the request was refused before any ran).
   */
  outcomes: readonly AllowOutcome[];
  /** The document lookups the conditions made, each (function, path) once, in order. */
  calls: readonly AccessCall[];
}

export interface CompiledRuleset {
  readonly service: RulesService;
  readonly source: string;
  evaluateFirestore(request: FirestoreRulesRequest): RulesDecision;
  evaluateStorage(request: StorageRulesRequest): RulesDecision;
  /** Expression-level evaluation counts and outcomes, as JSON and as a standalone HTML report. */
  coverageJson(): unknown;
  coverageHtml(): string;
}

/**
 * `ruleset` is null exactly when some issue is an error; warnings (names nothing binds, ...) come
 * with a usable ruleset. Every issue has a 1-based line and column.
 */
export interface CompileResult {
  ruleset: CompiledRuleset | null;
  issues: RulesIssue[];
}
