/**
 * Every database the emulator has seen, created on first use: projects are isolated from each
 * other. Observers hear about commits in every database, and about clears, flagged: clearing a
 * database is not a commit (test suites clear between tests, and that must not fire delete
 * triggers), but a view of the data must still drop what was cleared.
 */
import { Database } from './database.js';
import type { DatabaseId } from '../../model/path.js';
import { Clock } from '../store/clock.js';
import type { DocumentChange } from '../store/documentStore.js';
import type { Micros } from '../store/clock.js';
import type { AuthContext } from '../../rules/api.js';

export type CommitObserver = (
  db: Database,
  changes: DocumentChange[],
  time: Micros,
  auth: AuthContext | null,
  cleared: boolean,
) => void;

export class Databases {
  readonly clock = new Clock();
  /** By project, then database id: a lookup per request, with no key string to build. */
  private readonly byProject = new Map<string, Map<string, Database>>();
  /** In creation order, which exports keep. */
  private readonly created: Database[] = [];
  private readonly observers = new Set<CommitObserver>();
  private durability: () => Promise<void> = () => Promise.resolve();

  /** Resolves once every change made so far is on disk (at once when nothing persists them). */
  durable(): Promise<void> {
    return this.durability();
  }

  /** Set by the journal: what `durable()` waits for. */
  setDurability(wait: () => Promise<void>): void {
    this.durability = wait;
  }

  get(id: DatabaseId): Database {
    let project = this.byProject.get(id.projectId);
    if (!project) {
      project = new Map();
      this.byProject.set(id.projectId, project);
    }
    let db = project.get(id.database);
    if (!db) {
      const created = new Database({ projectId: id.projectId, database: id.database }, this.clock);
      created.subscribe((changes, time, auth, cleared) => {
        for (const observer of this.observers) observer(created, changes, time, auth, cleared);
      });
      project.set(id.database, created);
      this.created.push(created);
      db = created;
    }
    return db;
  }

  all(): Database[] {
    return [...this.created];
  }

  observe(observer: CommitObserver): () => void {
    this.observers.add(observer);
    return () => this.observers.delete(observer);
  }
}
