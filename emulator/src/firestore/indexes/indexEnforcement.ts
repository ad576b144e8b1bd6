/**
 * Index enforcement: with it on, a query that production would refuse for want of an index fails
 * here the same way, and each such index is logged once and kept, per project, in
 * firestore.indexes.json's form (the control route `:missingIndexes` lists them).
 */
import type { DatabaseId } from '../../model/path.js';
import { watchEdits } from '../../watchEdits.js';
import type { QueryPlan } from '../query/plan.js';
import { fieldOverrideOf } from '../query/indexPlan.js';
import {
  NO_INDEXES,
  readIndexConfig,
  type CompositeIndex,
  type FieldOverride,
  type IndexConfig,
  type VectorIndex,
} from './indexConfig.js';
import { missingIndexError } from './indexLink.js';
import { missingIndex, type MissingIndex } from './requiredIndex.js';
import { missingVectorIndex, missingVectorIndexError } from './vectorIndex.js';

/** What a project lacks, ready to paste into firestore.indexes.json. */
export interface MissingIndexes {
  indexes: (CompositeIndex | VectorIndex)[];
  fieldOverrides: FieldOverride[];
}

/** The automatic single-field indexes, which an override replaces unless it lists them again. */
const AUTOMATIC: FieldOverride['indexes'] = [
  { order: 'ASCENDING', queryScope: 'COLLECTION' },
  { order: 'DESCENDING', queryScope: 'COLLECTION' },
  { arrayConfig: 'CONTAINS', queryScope: 'COLLECTION' },
];

export class IndexEnforcement {
  private current: IndexConfig;
  private readonly missing = new Map<string, Map<string, MissingIndexes>>();
  private watcher: { close(): void } | undefined;

  constructor(
    readonly enabled: boolean,
    config: IndexConfig = NO_INDEXES,
    private readonly log: (line: string) => void = () => {},
  ) {
    this.current = config;
  }

  /** The declared indexes and overrides (also what the query planner builds and honours). */
  get config(): IndexConfig {
    return this.current;
  }

  setConfig(config: IndexConfig): void {
    this.current = config;
  }

  /**
   * Reads the index file (a malformed one throws, naming the entry at fault) and then watches it:
   * an edit takes effect at once; an edit that does not parse is logged and the previous indexes
   * stay.
   */
  async loadFile(path: string): Promise<void> {
    this.current = await readIndexConfig(path);
    this.watcher = watchEdits(path, () => void this.reloadFile(path), this.log);
  }

  private async reloadFile(path: string): Promise<void> {
    try {
      this.current = await readIndexConfig(path);
      this.log(`firestore: reloaded the indexes from ${path}`);
    } catch (error) {
      this.log(`firestore: ${(error as Error).message}; the previous indexes stay`);
    }
  }

  close(): void {
    this.watcher?.close();
  }

  /** Throws production's FAILED_PRECONDITION when enforcement is on and the query's index is missing. */
  check(db: DatabaseId, plan: QueryPlan): void {
    if (!this.enabled) return;
    if (plan.nearest) {
      // A vector index serves findNearest with its pre-filters; nothing else is needed.
      const vector = missingVectorIndex(plan, this.current.vectorIndexes ?? []);
      if (!vector) return;
      const error = missingVectorIndexError(db, vector);
      this.remember(db, { indexes: [vector], fieldOverrides: [] }, error.message);
      throw error;
    }
    const missing = missingIndex(plan, this.current);
    if (!missing) return;
    const error = missingIndexError(db, missing);
    this.record(db, missing, error.message);
    throw error;
  }

  /** The indexes queries of a project lacked since start, in firestore.indexes.json's form. */
  missingIndexes(projectId: string): MissingIndexes {
    const entries = [...(this.missing.get(projectId)?.values() ?? [])];
    return {
      indexes: entries.flatMap((entry) => entry.indexes),
      fieldOverrides: entries.flatMap((entry) => entry.fieldOverrides),
    };
  }

  private record(db: DatabaseId, missing: MissingIndex, message: string): void {
    const entry: MissingIndexes =
      missing.kind === 'composite'
        ? { indexes: [missing.index], fieldOverrides: [] }
        : { indexes: [], fieldOverrides: [this.overrideFor(missing)] };
    this.remember(db, entry, message);
  }

  private remember(db: DatabaseId, entry: MissingIndexes, message: string): void {
    const key = JSON.stringify(entry);
    let project = this.missing.get(db.projectId);
    if (!project) this.missing.set(db.projectId, (project = new Map()));
    if (project.has(key)) return;
    project.set(key, entry);
    const json = JSON.stringify(entry.indexes[0] ?? entry.fieldOverrides[0], null, 2);
    this.log(
      `firestore: missing index (database ${db.database} of project ${db.projectId}): ${message}\n` +
        `firestore: add to firestore.indexes.json's ${entry.indexes.length > 0 ? '"indexes"' : '"fieldOverrides"'}:\n${json}`,
    );
  }

  /** A field override that adds the missing index and keeps the ones the field had. */
  private overrideFor(missing: Extract<MissingIndex, { kind: 'singleField' }>): FieldOverride {
    const current = fieldOverrideOf(
      this.current.fieldOverrides,
      missing.collectionGroup,
      missing.fieldPath,
    );
    return {
      collectionGroup: missing.collectionGroup,
      fieldPath: missing.fieldPath,
      indexes: [...(current ? current.indexes : AUTOMATIC), missing.index],
    };
  }
}
