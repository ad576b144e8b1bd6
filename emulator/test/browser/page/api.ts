/** What the test page offers the test (as `window.hearth`), shared by the page and the suite. */

export type Transport = 'streaming' | 'long-polling' | 'auto-detect';

export interface ClientOptions {
  host: string;
  port: number;
  projectId: string;
  transport: Transport;
  /** Offline persistence in IndexedDB shared by the tabs of one profile. */
  persistence?: boolean;
  /** Signs the client in as this uid with an unsigned emulator token (`mockUserToken`). */
  uid?: string;
}

export interface RecordedChange {
  type: 'added' | 'modified' | 'removed';
  id: string;
  data: Record<string, unknown>;
  hasPendingWrites: boolean;
  fromCache: boolean;
}

export interface RecordedSnapshot {
  /** When the listener got it: epoch milliseconds, sub-millisecond and comparable across pages. */
  at: number;
  size: number;
  hasPendingWrites: boolean;
  fromCache: boolean;
  changes: RecordedChange[];
}

export interface ScenarioResult {
  name: string;
  ok: boolean;
  error?: string;
}

export interface PageApi {
  /** Creates a Firestore client named `client`, one app each. */
  open(client: string, options: ClientOptions): void;
  scenarioNames(): string[];
  /** Runs one shared scenario on a client; never rejects, the result says how it went. */
  runScenario(client: string, name: string): Promise<ScenarioResult>;
  set(client: string, path: string, data: Record<string, unknown>): Promise<void>;
  /**
   * A transaction (REST: batchGet, then commit with a `verify` of what it read) copying `from`'s n
   * into `to`; `interferer`, if given, changes `from` during the first attempt. Returns the attempts.
   */
  copyInTransaction(client: string, from: string, to: string, interferer?: string): Promise<number>;
  /** A write that is not awaited (it may only be pending while offline). */
  setPending(client: string, path: string, data: Record<string, unknown>): void;
  /** Records every snapshot of a collection (with metadata changes) under `listener`. */
  listen(client: string, listener: string, collectionPath: string): void;
  snapshots(listener: string): RecordedSnapshot[];
  /** Errors raised to listeners, as "code: message". */
  listenErrors(listener: string): string[];
  /** Ends a client (its app, Firestore and channels); its name can be used again. */
  terminate(client: string): Promise<void>;
}

declare global {
  interface Window {
    hearth: PageApi;
  }
}
