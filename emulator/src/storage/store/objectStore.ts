/**
 * The one object store behind both APIs. It knows buckets, objects, generations and preconditions;
 * it knows nothing of HTTP, auth or rules: callers pass an `authorize` hook that runs under the
 * object's lock, with the live object and the proposed one, and throws to refuse.
 */
import { NotFoundError } from '../errors.js';
import type { BlobFiles, StagedBlob } from './blobFiles.js';
import { listNames, compareNames, type ListOptions, type ListPage } from './listing.js';
import {
  applyPatch,
  DEFAULT_CONTENT_TYPE,
  type MetadataPatch,
  type StoredObject,
} from './object.js';
import { checkPreconditions, type Preconditions } from './preconditions.js';

export type StoreEventType = 'finalized' | 'deleted' | 'metadataUpdated';
export type StoreListener = (type: StoreEventType, object: StoredObject) => void;
/** Runs before a change is applied; throws (e.g. ForbiddenError) to refuse it. */
export type Authorize = (
  current: StoredObject | undefined,
  proposed: StoredObject | undefined,
) => void;

export interface WriteRequest {
  bucket: string;
  name: string;
  metadata: MetadataPatch;
  preconditions?: Preconditions;
  authorize?: Authorize;
}

/** One change as the journal records it; replaying them in order rebuilds the store. */
export type StoreEntry =
  { put: StoredObject } | { delete: { bucket: string; name: string } } | { clear: true };

interface Bucket {
  objects: Map<string, StoredObject>;
  /** Names in listing order, rebuilt lazily after a change. */
  sorted: string[] | null;
}

export class ObjectStore {
  private readonly buckets = new Map<string, Bucket>();
  private readonly locks = new Map<string, Promise<unknown>>();
  private readonly listeners = new Set<StoreListener>();
  private lastGeneration = 0n;
  private journal: ((entry: StoreEntry) => Promise<void>) | null = null;

  constructor(readonly files: BlobFiles) {}

  /**
   * Makes every change durable before it is answered: `append` is called as the change is made,
   * in order, and the change's caller waits for it; a blob the change replaces is removed only
   * after that (a crash before never leaves a durable object without its bytes).
   */
  setJournal(append: (entry: StoreEntry) => Promise<void>): void {
    this.journal = append;
  }

  private record(entry: StoreEntry): Promise<void> {
    return this.journal ? this.journal(entry) : Promise.resolve();
  }

  /** Applies a journal entry at start (no events, no blob removal). */
  replay(entry: StoreEntry): void {
    if ('put' in entry) this.restore(entry.put);
    else if ('delete' in entry) {
      const state = this.buckets.get(entry.delete.bucket);
      if (state?.objects.delete(entry.delete.name)) state.sorted = null;
    } else this.buckets.clear();
  }

  onEvent(listener: StoreListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  ensureBucket(bucket: string): void {
    if (!this.buckets.has(bucket)) this.buckets.set(bucket, { objects: new Map(), sorted: null });
  }

  bucketNames(): string[] {
    return [...this.buckets.keys()].sort(compareNames);
  }

  get(bucket: string, name: string): StoredObject | undefined {
    return this.buckets.get(bucket)?.objects.get(name);
  }

  require(bucket: string, name: string): StoredObject {
    const object = this.get(bucket, name);
    if (!object) throw new NotFoundError(`No such object: ${bucket}/${name}`);
    return object;
  }

  list(
    bucket: string,
    options: ListOptions,
  ): { items: StoredObject[]; prefixes: string[]; nextPageToken?: string } {
    const state = this.buckets.get(bucket);
    if (!state) return { items: [], prefixes: [] };
    state.sorted ??= [...state.objects.keys()].sort(compareNames);
    const page: ListPage = listNames(state.sorted, options);
    const items = page.names.map((name) => state.objects.get(name)!);
    return page.nextPageToken === undefined
      ? { items, prefixes: page.prefixes }
      : { items, prefixes: page.prefixes, nextPageToken: page.nextPageToken };
  }

  /** Makes a sealed staging file the object's new generation. Discards it when refused. */
  async commit(staged: StagedBlob, request: WriteRequest): Promise<StoredObject> {
    const { bucket, name } = request;
    try {
      await staged.seal();
      return await this.withLock(bucket, name, async () => {
        const current = this.get(bucket, name);
        checkPreconditions(current, request.preconditions ?? {}, 'write');
        const now = new Date().toISOString();
        const digest = staged.digest();
        const proposed = applyPatch(
          {
            bucket,
            name,
            generation: this.nextGeneration(),
            metageneration: 1,
            ...digest,
            contentType: DEFAULT_CONTENT_TYPE,
            metadata: {},
            timeCreated: now,
            updated: now,
            storageClass: 'STANDARD',
            blob: '',
          },
          request.metadata,
        );
        request.authorize?.(current, proposed);
        const object = { ...proposed, blob: await this.files.adopt(staged) };
        this.put(object);
        const durable = this.record({ put: object });
        if (current) this.emit('deleted', current);
        this.emit('finalized', object);
        await durable;
        if (current) await this.files.remove(current.blob);
        return object;
      });
    } finally {
      await staged.discard();
    }
  }

  async updateMetadata(
    bucket: string,
    name: string,
    change: (current: StoredObject) => MetadataPatch,
    options: { preconditions?: Preconditions; authorize?: Authorize; silent?: boolean } = {},
  ): Promise<StoredObject> {
    return this.withLock(bucket, name, async () => {
      const current = this.require(bucket, name);
      checkPreconditions(current, options.preconditions ?? {}, 'write');
      const patched = applyPatch(current, change(current));
      const proposed = options.silent
        ? patched
        : {
            ...patched,
            metageneration: current.metageneration + 1,
            updated: new Date().toISOString(),
          };
      options.authorize?.(current, proposed);
      this.put(proposed);
      const durable = this.record({ put: proposed });
      if (!options.silent) this.emit('metadataUpdated', proposed);
      await durable;
      return proposed;
    });
  }

  async delete(
    bucket: string,
    name: string,
    options: { preconditions?: Preconditions; authorize?: Authorize } = {},
  ): Promise<void> {
    await this.withLock(bucket, name, async () => {
      // Rules come first: a caller who may not delete learns nothing about existence.
      options.authorize?.(this.get(bucket, name), undefined);
      const current = this.require(bucket, name);
      checkPreconditions(current, options.preconditions ?? {}, 'write');
      const state = this.buckets.get(bucket)!;
      state.objects.delete(name);
      state.sorted = null;
      const durable = this.record({ delete: { bucket, name } });
      this.emit('deleted', current);
      await durable;
      await this.files.remove(current.blob);
    });
  }

  /** Every object of every bucket, for export. */
  *all(): Iterable<StoredObject> {
    for (const state of this.buckets.values()) yield* state.objects.values();
  }

  /** Adds an object whose blob file is already in place (import). */
  restore(object: StoredObject): void {
    this.put(object);
    if (this.journal) void this.record({ put: object }).catch(() => undefined);
    const generation = BigInt(object.generation);
    if (generation > this.lastGeneration) this.lastGeneration = generation;
  }

  /** Drops every object (rules-unit-testing and the CLI reset between runs). */
  async clear(): Promise<void> {
    const blobs = [...this.all()].map((object) => object.blob);
    this.buckets.clear();
    await this.record({ clear: true });
    await Promise.all(blobs.map((blob) => this.files.remove(blob)));
  }

  private put(object: StoredObject): void {
    this.ensureBucket(object.bucket);
    const state = this.buckets.get(object.bucket)!;
    if (!state.objects.has(object.name)) state.sorted = null;
    state.objects.set(object.name, object);
  }

  private emit(type: StoreEventType, object: StoredObject): void {
    for (const listener of this.listeners) listener(type, object);
  }

  /** Generations are microsecond timestamps, strictly increasing across the store. */
  private nextGeneration(): string {
    const now = BigInt(Date.now()) * 1000n;
    this.lastGeneration = now > this.lastGeneration ? now : this.lastGeneration + 1n;
    return this.lastGeneration.toString();
  }

  /** Serialises changes to one object so that precondition checks and swaps are atomic. */
  private async withLock<T>(bucket: string, name: string, task: () => Promise<T>): Promise<T> {
    const key = `${bucket}\u0000${name}`;
    const previous = this.locks.get(key) ?? Promise.resolve();
    const run = previous.then(task, task);
    const settled = run.then(
      () => undefined,
      () => undefined,
    );
    this.locks.set(key, settled);
    try {
      return await run;
    } finally {
      if (this.locks.get(key) === settled) this.locks.delete(key);
    }
  }
}
