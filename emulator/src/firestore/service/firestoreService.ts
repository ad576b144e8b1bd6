/**
 * The Firestore API, wire-agnostic: one method per RPC taking the internal request types of
 * api/messages.ts and the caller, returning internal responses (streaming reads as arrays, the
 * bidirectional Listen and Write as session objects). gRPC, REST and WebChannel adapters only
 * translate to and from these. Errors are FirestoreErrors carrying Firestore's status codes.
 */
import { randomBytes } from 'node:crypto';
import type { CommitOutcome, Database } from '../database/database.js';
import type { Databases } from '../database/databases.js';
import { Code, FirestoreError, invalidArgument, toFirestoreError } from '../../model/errors.js';
import { ListenSession } from '../streams/listenSession.js';
import { WriteSession } from '../streams/writeSession.js';
import type { TargetSpec } from '../streams/watchTarget.js';
import type { StoredDocument } from '../documents/document.js';
import { formatFieldPath } from '../../model/fieldPath.js';
import { compareResourceNames } from '../../model/valueOrder.js';
import type { Write } from '../documents/mutation.js';
import {
  databaseRoot,
  joinPath,
  parseDatabaseName,
  parseDocumentName,
  parseParentName,
  type DatabaseId,
} from '../../model/path.js';
import { resolveAggregations } from '../query/aggregation.js';
import { planQuery, type QueryPlan } from '../query/plan.js';
import { runQuery } from '../query/runQuery.js';
import type { StructuredQuery } from '../query/structuredQuery.js';
import type { Authorizer } from '../security/authorize.js';
import type { Caller } from '../security/caller.js';
import { microsToTimestamp, timestampToMicros, type Micros } from '../store/clock.js';
import { IndexEnforcement } from '../indexes/indexEnforcement.js';
import { TransactionRegistry, type Transaction } from '../transaction/transactions.js';
import { toDocument } from '../api/toDocument.js';
import type * as api from '../api/messages.js';

export type * from '../api/messages.js';
export type { Caller } from '../security/caller.js';

/** How a read is served: at a snapshot, inside a read-write transaction, or at the present. */
interface ReadContext {
  readTime?: Micros;
  txn?: Transaction;
  /** Set when the request began a transaction; echoed in the first response. */
  newTransaction?: Uint8Array;
}

const AUTO_ID_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

function autoId(): string {
  const bytes = randomBytes(20);
  let id = '';
  for (const b of bytes) id += AUTO_ID_CHARS[b % AUTO_ID_CHARS.length];
  return id;
}

function sameDatabase(a: DatabaseId, b: DatabaseId): void {
  if (a.projectId !== b.projectId || a.database !== b.database) {
    throw invalidArgument(
      `Resource is not in database projects/${b.projectId}/databases/${b.database}.`,
    );
  }
}

export class FirestoreService {
  constructor(
    private readonly databases: Databases,
    private readonly authorizer: Authorizer,
    private readonly indexes: IndexEnforcement = new IndexEnforcement(false),
  ) {}

  private database(id: DatabaseId): Database {
    return this.databases.get(id);
  }

  // ---- reads ----

  private beginTransaction(db: Database, options: api.TransactionOptions | undefined): Transaction {
    if (options?.readOnly && options.readWrite)
      throw invalidArgument('Transaction options cannot be both read-only and read-write.');
    if (options?.readOnly) {
      const readTime = options.readOnly.readTime
        ? this.checkReadTime(db, options.readOnly.readTime)
        : db.clock.now();
      return db.transactions.begin(true, readTime);
    }
    return db.transactions.begin(false);
  }

  private checkReadTime(db: Database, ts: api.ReadConsistency['readTime']): Micros {
    if (
      !ts ||
      !Number.isFinite(ts.seconds) ||
      !Number.isInteger(ts.nanos) ||
      ts.nanos < 0 ||
      ts.nanos > 999_999_999
    )
      throw invalidArgument('Invalid read time.');
    const micros = timestampToMicros(ts);
    if (micros > db.clock.now()) throw invalidArgument('read_time cannot be in the future.');
    return micros;
  }

  private readContext(db: Database, request: api.ReadConsistency): ReadContext {
    const selectors =
      Number(request.transaction !== undefined) +
      Number(request.newTransaction !== undefined) +
      Number(request.readTime !== undefined);
    if (selectors > 1)
      throw invalidArgument('Only one of transaction, new_transaction and read_time may be set.');
    if (request.transaction) {
      const txn = db.transactions.get(request.transaction);
      return txn.readOnly ? { txn, readTime: txn.readTime as Micros } : { txn };
    }
    if (request.newTransaction) {
      const txn = this.beginTransaction(db, request.newTransaction);
      const context: ReadContext = { txn, newTransaction: TransactionRegistry.idBytes(txn) };
      if (txn.readOnly) context.readTime = txn.readTime as Micros;
      return context;
    }
    if (request.readTime) return { readTime: this.checkReadTime(db, request.readTime) };
    return {};
  }

  /** Reads one document, locking it first inside a read-write transaction. */
  private async readDocument(
    db: Database,
    path: string,
    context: ReadContext,
  ): Promise<StoredDocument | null> {
    if (context.txn && !context.txn.readOnly) {
      await db.transactions.lockForRead(context.txn, path, () => db.store.lastChanged(path));
    }
    return db.store.get(path, context.readTime);
  }

  private responseTime(
    db: Database,
    context: ReadContext,
  ): api.BatchGetDocumentsResponse['readTime'] {
    return microsToTimestamp(context.readTime ?? db.clock.now());
  }

  async getDocument(caller: Caller, request: api.GetDocumentRequest): Promise<api.Document> {
    const name = parseDocumentName(request.name);
    const db = this.database(name);
    const context = this.readContext(db, request);
    if (context.newTransaction) throw invalidArgument('GetDocument cannot begin a transaction.');
    const doc = await this.readDocument(db, name.path, context);
    this.authorizer.authorizeGet(caller, db, name.path, doc);
    if (!doc) throw new FirestoreError(Code.NOT_FOUND, `Document "${request.name}" not found.`);
    return toDocument(doc, request.mask);
  }

  async batchGetDocuments(
    caller: Caller,
    request: api.BatchGetDocumentsRequest,
  ): Promise<api.BatchGetDocumentsResponse[]> {
    const dbId = parseDatabaseName(request.database);
    const db = this.database(dbId);
    if (!Array.isArray(request.documents))
      throw invalidArgument('documents must be a list of names.');
    const names = request.documents.map((n) => {
      const parsed = parseDocumentName(n);
      sameDatabase(parsed, dbId);
      return parsed;
    });
    const context = this.readContext(db, request);
    const responses: api.BatchGetDocumentsResponse[] = [];
    for (const name of names) {
      const doc = await this.readDocument(db, name.path, context);
      this.authorizer.authorizeGet(caller, db, name.path, doc);
      const readTime = this.responseTime(db, context);
      const response: api.BatchGetDocumentsResponse = doc
        ? { found: toDocument(doc, request.mask), readTime }
        : { missing: `${databaseRoot(db.id)}/${name.path}`, readTime };
      responses.push(response);
    }
    if (context.newTransaction) {
      if (responses.length === 0)
        responses.push({
          transaction: context.newTransaction,
          readTime: this.responseTime(db, context),
        });
      else (responses[0] as api.BatchGetDocumentsResponse).transaction = context.newTransaction;
    }
    return responses;
  }

  /** A query's plan, with the indexes the emulator keeps for the planner. */
  private planned(db: Database, parentPath: string, query: StructuredQuery): QueryPlan {
    const plan = planQuery(db.id, parentPath, query);
    plan.indexes = this.indexes.config;
    return plan;
  }

  private plan(parent: string, query: StructuredQuery): { db: Database; plan: QueryPlan } {
    const parsed = parseParentName(parent);
    const db = this.database(parsed);
    return { db, plan: this.planned(db, parsed.path, query) };
  }

  /** Runs a query for a caller, with rules and, inside a read-write transaction, locks and a commit-time re-check. */
  private async query(
    caller: Caller,
    db: Database,
    plan: QueryPlan,
    context: ReadContext,
    /** RunQuery and RunAggregationQuery ask for the query's index; ListDocuments does not. */
    needsIndex = true,
  ): Promise<StoredDocument[]> {
    this.authorizer.authorizeList(caller, db, plan);
    if (needsIndex) this.indexes.check(db.id, plan);
    const docs = runQuery(plan, db.store, context.readTime);
    const txn = context.txn;
    if (txn && !txn.readOnly) {
      for (const doc of docs) {
        const path = doc.name.slice(databaseRoot(db.id).length + 1);
        await db.transactions.lockForRead(txn, path, () => db.store.lastChanged(path));
      }
      const seen = docs.map((d) => d.name).join('\n');
      txn.queryChecks.push(
        () =>
          runQuery(plan, db.store)
            .map((d) => d.name)
            .join('\n') === seen,
      );
      return runQuery(plan, db.store);
    }
    return docs;
  }

  async runQuery(caller: Caller, request: api.RunQueryRequest): Promise<api.RunQueryResponse[]> {
    const { db, plan } = this.plan(request.parent, request.structuredQuery);
    const context = this.readContext(db, request);
    const docs = await this.query(caller, db, plan, context);
    const readTime = this.responseTime(db, context);
    const mask = plan.projection ? { fieldPaths: [] as string[] } : undefined;
    const responses: api.RunQueryResponse[] = docs.map((doc) => ({
      document: plan.projection ? projected(doc, plan) : toDocument(doc, mask),
      readTime,
    }));
    if (responses.length === 0) responses.push({ readTime });
    if (context.newTransaction)
      (responses[0] as api.RunQueryResponse).transaction = context.newTransaction;
    (responses[responses.length - 1] as api.RunQueryResponse).done = true;
    return responses;
  }

  async runAggregationQuery(
    caller: Caller,
    request: api.RunAggregationQueryRequest,
  ): Promise<api.RunAggregationQueryResponse[]> {
    const aggregationQuery = request.structuredAggregationQuery;
    if (!aggregationQuery || typeof aggregationQuery !== 'object')
      throw invalidArgument('Missing structured aggregation query.');
    const aggregations = resolveAggregations(aggregationQuery.aggregations);
    const { db, plan } = this.plan(request.parent, aggregationQuery.structuredQuery);
    const context = this.readContext(db, request);
    const docs = await this.query(caller, db, plan, context);
    const aggregateFields: api.Document['fields'] = {};
    for (const a of aggregations) aggregateFields[a.alias] = a.compute(docs);
    const response: api.RunAggregationQueryResponse = {
      result: { aggregateFields },
      readTime: this.responseTime(db, context),
    };
    if (context.newTransaction) response.transaction = context.newTransaction;
    return [response];
  }

  async listDocuments(
    caller: Caller,
    request: api.ListDocumentsRequest,
  ): Promise<api.ListDocumentsResponse> {
    if (
      typeof request.collectionId !== 'string' ||
      request.collectionId === '' ||
      request.collectionId.includes('/')
    ) {
      throw invalidArgument('ListDocuments needs a collection id.');
    }
    const pageSize = request.pageSize ?? 0;
    const offset = request.pageToken ? Number.parseInt(request.pageToken, 10) : 0;
    if (!Number.isInteger(pageSize) || pageSize < 0 || !Number.isInteger(offset) || offset < 0)
      throw invalidArgument('Invalid page size or page token.');
    const query: StructuredQuery = {
      from: [{ collectionId: request.collectionId }],
      orderBy: parseOrderBy(request.orderBy),
    };
    const { db, plan } = this.plan(request.parent, query);
    const context = this.readContext(db, request);
    if (context.newTransaction) throw invalidArgument('ListDocuments cannot begin a transaction.');
    let docs: api.Document[] = (await this.query(caller, db, plan, context, false)).map((d) =>
      toDocument(d, request.mask),
    );
    if (request.showMissing) {
      const collection = joinPath(plan.parentPath, plan.collectionId);
      const missing = db.store
        .missingWithChildren(collection, context.readTime)
        .map((path) => ({ name: `${databaseRoot(db.id)}/${path}`, fields: {} }));
      docs = [...docs, ...missing].sort((a, b) => compareResourceNames(a.name, b.name));
    }
    const page = pageSize > 0 ? docs.slice(offset, offset + pageSize) : docs.slice(offset);
    const next = pageSize > 0 && offset + pageSize < docs.length ? String(offset + pageSize) : '';
    return { documents: page, nextPageToken: next };
  }

  async listCollectionIds(
    caller: Caller,
    request: api.ListCollectionIdsRequest,
  ): Promise<api.ListCollectionIdsResponse> {
    const parent = parseParentName(request.parent);
    const db = this.database(parent);
    if (!caller.admin && this.authorizer.hasRules(db))
      throw new FirestoreError(
        Code.PERMISSION_DENIED,
        'ListCollectionIds is only available to privileged callers.',
      );
    const readTime = request.readTime ? this.checkReadTime(db, request.readTime) : undefined;
    const ids = db.store.collectionIds(parent.path, readTime).sort();
    const start = request.pageToken ? ids.findIndex((id) => id > (request.pageToken as string)) : 0;
    const from = start < 0 ? ids.length : start;
    const pageSize = request.pageSize ?? 0;
    const page = pageSize > 0 ? ids.slice(from, from + pageSize) : ids.slice(from);
    const more = pageSize > 0 && from + pageSize < ids.length;
    return { collectionIds: page, nextPageToken: more ? (page[page.length - 1] as string) : '' };
  }

  // ---- writes ----

  async beginTransactionRpc(
    _caller: Caller,
    request: api.BeginTransactionRequest,
  ): Promise<api.BeginTransactionResponse> {
    const db = this.database(parseDatabaseName(request.database));
    return { transaction: TransactionRegistry.idBytes(this.beginTransaction(db, request.options)) };
  }

  async rollback(_caller: Caller, request: api.RollbackRequest): Promise<void> {
    const db = this.database(parseDatabaseName(request.database));
    if (!request.transaction || request.transaction.length === 0)
      throw invalidArgument('Missing transaction.');
    const txn = db.transactions.get(request.transaction);
    db.transactions.finish(txn);
  }

  /** One atomic commit for a caller, with rules, inside a transaction when given. */
  private async commitWrites(
    caller: Caller,
    db: Database,
    writes: Write[],
    transaction?: Uint8Array,
  ): Promise<api.CommitResponse> {
    if (!Array.isArray(writes)) throw invalidArgument('writes must be a list.');
    const authorize = this.authorizer.commitCheck(caller, db);
    if (!transaction || transaction.length === 0) {
      const outcome = db.commit(writes, { auth: caller.auth, ...(authorize ? { authorize } : {}) });
      // Acknowledged only once on disk when the emulator persists (the journal's group commit).
      await this.databases.durable();
      return { writeResults: outcome.writeResults, commitTime: microsToTimestamp(outcome.time) };
    }
    const txn = db.transactions.get(transaction);
    let outcome: CommitOutcome;
    try {
      if (txn.readOnly && writes.length > 0)
        throw invalidArgument('A read-only transaction cannot write.');
      await db.lockWrites(txn, writes);
      outcome = db.commit(writes, {
        txn,
        auth: caller.auth,
        ...(authorize ? { authorize } : {}),
      });
    } finally {
      db.transactions.finish(txn);
    }
    await this.databases.durable();
    return { writeResults: outcome.writeResults, commitTime: microsToTimestamp(outcome.time) };
  }

  async commit(caller: Caller, request: api.CommitRequest): Promise<api.CommitResponse> {
    const dbId = parseDatabaseName(request.database);
    return this.commitWrites(
      caller,
      this.database(dbId),
      request.writes ?? [],
      request.transaction,
    );
  }

  async batchWrite(
    caller: Caller,
    request: api.BatchWriteRequest,
  ): Promise<api.BatchWriteResponse> {
    const db = this.database(parseDatabaseName(request.database));
    if (!Array.isArray(request.writes)) throw invalidArgument('writes must be a list.');
    const names = new Set<string>();
    for (const write of request.writes) {
      const name =
        write?.update?.name ?? write?.delete ?? write?.verify ?? write?.transform?.document;
      if (name !== undefined && names.has(name))
        throw invalidArgument(`BatchWrite cannot write ${name} more than once.`);
      if (name !== undefined) names.add(name);
    }
    const response: api.BatchWriteResponse = { writeResults: [], status: [] };
    for (const write of request.writes) {
      try {
        const result = await this.commitWrites(caller, db, [write]);
        response.writeResults.push(result.writeResults[0] as api.WriteResult);
        response.status.push({ code: Code.OK, message: '' });
      } catch (error) {
        const e = toFirestoreError(error);
        response.writeResults.push({ transformResults: [] });
        response.status.push({ code: e.code, message: e.message });
      }
    }
    return response;
  }

  async createDocument(caller: Caller, request: api.CreateDocumentRequest): Promise<api.Document> {
    const parent = parseParentName(request.parent);
    if (typeof request.collectionId !== 'string' || request.collectionId === '')
      throw invalidArgument('CreateDocument needs a collection id.');
    const id = request.documentId || autoId();
    const name = `${databaseRoot(parent)}/${joinPath(joinPath(parent.path, request.collectionId), id)}`;
    parseDocumentName(name);
    const db = this.database(parent);
    await this.commitWrites(caller, db, [
      {
        update: { name, fields: request.document?.fields ?? {} },
        currentDocument: { exists: false },
      },
    ]);
    return toDocument(db.store.get(db.pathOf(name)) as StoredDocument, request.mask);
  }

  async updateDocument(caller: Caller, request: api.UpdateDocumentRequest): Promise<api.Document> {
    if (!request.document) throw invalidArgument('UpdateDocument needs a document.');
    const name = parseDocumentName(request.document.name);
    const db = this.database(name);
    const write: Write = {
      update: { name: request.document.name, fields: request.document.fields ?? {} },
    };
    if (request.updateMask) write.updateMask = request.updateMask.fieldPaths ?? [];
    if (request.currentDocument) write.currentDocument = request.currentDocument;
    await this.commitWrites(caller, db, [write]);
    return toDocument(db.store.get(name.path) as StoredDocument, request.mask);
  }

  async deleteDocument(caller: Caller, request: api.DeleteDocumentRequest): Promise<void> {
    const name = parseDocumentName(request.name);
    const write: Write = { delete: request.name };
    if (request.currentDocument) write.currentDocument = request.currentDocument;
    await this.commitWrites(caller, this.database(name), [write]);
  }

  // ---- streams ----

  openListen(
    caller: Caller,
    sink: api.StreamSink<api.ListenResponse>,
  ): api.StreamSession<api.ListenRequest> {
    return new ListenSession(
      {
        database: (name) => this.database(parseDatabaseName(name)),
        resolveTarget: (db, target) => this.resolveTarget(caller, db, target),
      },
      sink,
    );
  }

  private resolveTarget(caller: Caller, db: Database, target: api.Target): TargetSpec {
    if (target.query && target.documents)
      throw invalidArgument('A target is either a query or documents.');
    if (target.query) {
      const parent = parseParentName(target.query.parent);
      sameDatabase(parent, db.id);
      const plan = this.planned(db, parent.path, target.query.structuredQuery);
      if (plan.nearest)
        throw invalidArgument(
          'A findNearest (vector) query cannot be listened to; run it with RunQuery instead.',
        );
      this.authorizer.authorizeList(caller, db, plan);
      this.indexes.check(db.id, plan);
      return { kind: 'query', plan };
    }
    if (target.documents) {
      const paths = (target.documents.documents ?? []).map((n) => {
        const parsed = parseDocumentName(n);
        sameDatabase(parsed, db.id);
        this.authorizer.authorizeGet(caller, db, parsed.path, db.store.get(parsed.path));
        return parsed.path;
      });
      return { kind: 'documents', paths };
    }
    throw invalidArgument('A target needs a query or documents.');
  }

  openWrite(
    caller: Caller,
    sink: api.StreamSink<api.WriteResponse>,
  ): api.StreamSession<api.WriteRequest> {
    return new WriteSession(
      (name) => this.database(parseDatabaseName(name)),
      (db, writes) => this.commitWrites(caller, db, writes),
      sink,
    );
  }
}

function projected(doc: StoredDocument, plan: QueryPlan): api.Document {
  const paths = (plan.projection ?? []).filter((p) => !(p.length === 1 && p[0] === '__name__'));
  return toDocument(doc, { fieldPaths: paths.map(formatFieldPath) });
}

/** ListDocuments' order_by: "field [desc], ...". */
function parseOrderBy(orderBy: string | undefined): NonNullable<StructuredQuery['orderBy']> {
  if (!orderBy) return [];
  return orderBy.split(',').map((term) => {
    const [field, direction, extra] = term.trim().split(/\s+/);
    if (!field || extra !== undefined || (direction && !/^(asc|desc)$/i.test(direction)))
      throw invalidArgument(`Invalid order_by: ${orderBy}`);
    return {
      field: { fieldPath: field },
      direction: direction?.toLowerCase() === 'desc' ? 'DESCENDING' : 'ASCENDING',
    };
  });
}
