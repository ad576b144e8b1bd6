/**
 * Enforces security rules on client requests: one FirestoreRulesRequest per document read, per
 * query (`list`, judged by the query's constraints) and per write of a batch (sharing one access
 * budget, with getAfter seeing the whole batch). Admin callers and databases without rules pass.
 */
import type {
  AccessBudget,
  CompiledRuleset,
  FirestoreRulesRequest,
  QueryConstraints,
} from '../../rules/api.js';
import type { Database, PreparedCommit } from '../database/database.js';
import type { Databases } from '../database/databases.js';
import { Code, FirestoreError } from '../../model/errors.js';
import type { StoredDocument } from '../documents/document.js';
import { microsToTimestamp } from '../store/clock.js';
import type { QueryPlan } from '../query/plan.js';
import type { Caller } from './caller.js';
import { documentAccess, rulesDocument } from './documentAccess.js';
import type { RulesRegistry } from './rulesRegistry.js';
import type { RequestLog } from '../../observe/requestLog.js';
import type { Timestamp } from '../../model/value.js';

export class Authorizer {
  constructor(
    private readonly databases: Databases,
    private readonly rules: RulesRegistry,
    /** Where each evaluation is recorded for the console; none in embedded uses that ask for none. */
    private readonly log?: RequestLog,
  ) {}

  private ruleset(caller: Caller, db: Database): CompiledRuleset | null {
    return caller.admin ? null : this.rules.rulesetFor(db.id.projectId);
  }

  hasRules(db: Database): boolean {
    return this.rules.rulesetFor(db.id.projectId) !== null;
  }

  private check(db: Database, ruleset: CompiledRuleset, request: FirestoreRulesRequest): void {
    const decision = ruleset.evaluateFirestore(request);
    this.log?.record(db.id.projectId, request, decision, ruleset.source);
    if (!decision.allowed) {
      throw new FirestoreError(
        Code.PERMISSION_DENIED,
        decision.message || 'Missing or insufficient permissions.',
      );
    }
  }

  private now(db: Database): Timestamp {
    return microsToTimestamp(db.clock.now());
  }

  /** A single-document read (GetDocument, BatchGet, document listen targets, transaction reads). */
  authorizeGet(caller: Caller, db: Database, path: string, doc: StoredDocument | null): void {
    const ruleset = this.ruleset(caller, db);
    if (!ruleset) return;
    this.check(db, ruleset, {
      method: 'get',
      auth: caller.auth,
      time: this.now(db),
      database: db.id.database,
      path,
      resource: rulesDocument(doc),
      requestResource: null,
      access: documentAccess(this.databases, db.id.projectId, db.id.database),
    });
  }

  authorizeList(caller: Caller, db: Database, plan: QueryPlan): void {
    const ruleset = this.ruleset(caller, db);
    if (!ruleset) return;
    const query: QueryConstraints = {
      disjuncts: plan.dnf.map((conjunct) =>
        conjunct.map((f) =>
          f.value === undefined
            ? { field: f.field, op: f.op }
            : { field: f.field, op: f.op, value: f.value },
        ),
      ),
      orderBy: plan.explicitOrderBy.map((o) => ({
        field: o.field,
        direction: o.descending ? 'DESCENDING' : 'ASCENDING',
      })),
    };
    if (plan.limit !== undefined) query.limit = plan.limit;
    if (plan.offset > 0) query.offset = plan.offset;
    const collectionGroup = plan.allDescendants;
    const path = collectionGroup
      ? plan.collectionId
      : plan.parentPath === ''
        ? plan.collectionId
        : `${plan.parentPath}/${plan.collectionId}`;
    this.check(db, ruleset, {
      method: 'list',
      auth: caller.auth,
      time: this.now(db),
      database: db.id.database,
      path,
      collectionGroup,
      query,
      resource: null,
      requestResource: null,
      access: documentAccess(this.databases, db.id.projectId, db.id.database),
    });
  }

  /** Returns a commit's `authorize` hook for this caller (undefined when rules do not apply). */
  commitCheck(caller: Caller, db: Database): ((prepared: PreparedCommit) => void) | undefined {
    const ruleset = this.ruleset(caller, db);
    if (!ruleset) return undefined;
    return (prepared) => {
      const budget: AccessBudget = { batchSize: prepared.writes.length, used: 0 };
      const access = documentAccess(
        this.databases,
        db.id.projectId,
        db.id.database,
        prepared.after,
      );
      const time = microsToTimestamp(prepared.time);
      for (const write of prepared.writes) {
        const method =
          write.after === null ? 'delete' : write.before === null ? 'create' : 'update';
        this.check(db, ruleset, {
          method,
          auth: caller.auth,
          time,
          budget,
          database: db.id.database,
          path: write.path,
          resource: rulesDocument(write.before),
          requestResource: rulesDocument(write.after),
          access,
        });
      }
    };
  }
}
