/**
 * Document lookups for get(), exists(), getAfter(), existsAfter() and Storage's firestore.get()
 * and firestore.exists(), with Firebase's limits on access calls: 10 distinct documents for a
 * single-document request or a query, 20 across a batch or transaction (and still 10 for each of
 * its operations); Storage may make 2 cross-service calls per request.
 */
import type { AccessBudget, AccessCall, DocumentAccess } from './api.js';
import type { ServiceFunction, ServiceHooks } from './context.js';
import { documentValue } from './documents.js';
import { fail, invalidArgument } from './errors.js';
import { RPath, RUnknown, describeValue, type RValue } from './values.js';

export const ACCESS_LIMITS = { single: 10, batch: 20, crossService: 2 } as const;

/** AccessBudget may also remember which documents it counted, so a batch counts each once. */
type TrackedBudget = AccessBudget & { seen?: Set<string> };

export class DocumentLookups implements ServiceHooks {
  private readonly cache = new Map<string, RValue>();
  private readonly counted = new Set<string>();
  /** Each (function, path) looked up, in order, for the decision's account of the request. */
  readonly calls: AccessCall[] = [];

  constructor(
    private readonly access: DocumentAccess,
    private readonly database: string,
    private readonly options: {
      /** getAfter/existsAfter are only meaningful when the request writes. */
      writes: boolean;
      budget?: TrackedBudget;
      perRequestLimit: number;
      debug?: (message: string) => void;
    },
  ) {}

  debug(value: RValue): void {
    const print = this.options.debug;
    if (!print) return;
    // debug() must never change a decision: a query's document cannot be listed, say so instead.
    try {
      print(describeValue(value));
    } catch {
      print('<a document the query could return>');
    }
  }

  call(fn: ServiceFunction, args: readonly RValue[]): RValue {
    if (args.length !== 1) fail(`Function [${fn}] expects 1 argument(s), received ${args.length}.`);
    const path = args[0] as RValue;
    if (path instanceof RUnknown) return path;
    if (!(path instanceof RPath)) return invalidArgument(fn, args);
    const s = path.segments;
    if (s[0] !== 'databases' || s[2] !== 'documents' || s.length < 5 || (s.length - 3) % 2 !== 0) {
      return fail(
        `Invalid argument provided to call. Function: [${fn}], Argument: [${path.toString()}] is not a document path of the form /databases/{database}/documents/{collection}/{document}.`,
      );
    }
    if (s[1] !== this.database)
      fail(
        `Function [${fn}] cannot access database '${s[1]}' from a request to '${this.database}'.`,
      );
    const after = fn === 'getAfter' || fn === 'existsAfter';
    if (after && !this.options.writes)
      fail(`Function [${fn}] is only available in rules for write requests.`);
    const key = path.toString();
    this.count(key);
    const cacheKey = (after ? 'a' : 'b') + key;
    let doc = this.cache.get(cacheKey);
    if (doc === undefined) {
      const found = after ? this.access.getAfter(key) : this.access.get(key);
      doc = found ? documentValue(found) : null;
      this.cache.set(cacheKey, doc);
    }
    if (!this.calls.some((c) => c.fn === fn && c.path === key))
      this.calls.push({ fn, path: key, found: doc !== null });
    if (fn === 'get' || fn === 'getAfter' || fn === 'firestore.get') return doc;
    return doc !== null;
  }

  private count(key: string): void {
    if (this.counted.has(key)) return;
    const limit = this.options.perRequestLimit;
    if (this.counted.size >= limit)
      fail(
        `Exceeded the maximum of ${limit} document access calls (get, exists, getAfter, existsAfter) per request.`,
      );
    const budget = this.options.budget;
    if (budget && !budget.seen?.has(key)) {
      const batchLimit = budget.batchSize > 1 ? ACCESS_LIMITS.batch : ACCESS_LIMITS.single;
      if (budget.used >= batchLimit)
        fail(
          `Exceeded the maximum of ${batchLimit} document access calls for this ${budget.batchSize > 1 ? 'batch' : 'request'}.`,
        );
      budget.used++;
      budget.seen?.add(key);
    }
    this.counted.add(key);
  }
}
