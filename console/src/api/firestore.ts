/**
 * Firestore through its REST API as an admin (`Bearer owner`: rules do not apply), plus the
 * emulator control routes: clearing data, deleting a subtree, and the Hearth emulator's database
 * list and change feed (absent from Google's emulator, which the console then polls instead).
 */
import type { Value } from '@/model/firestoreValue';
import type { FirestoreDocument, StructuredQuery, Write } from '@/model/restTypes';
import { ADMIN_HEADERS, ApiError, requestJson } from './http';

export type { FirestoreDocument, StructuredQuery } from '@/model/restTypes';

/** The change feed's event: documents written in one commit. */
export interface CommitNotice {
  database: string;
  /** Paths inside the database (`lists/l1/todos/t1`). */
  paths: string[];
}

export class FirestoreApi {
  constructor(
    readonly origin: string,
    readonly projectId: string,
    readonly database: string,
  ) {}

  get root(): string {
    return `projects/${this.projectId}/databases/${this.database}/documents`;
  }

  /** The resource name of a document or collection, as request bodies carry it. */
  nameOf(path: readonly string[]): string {
    return path.length === 0 ? this.root : `${this.root}/${path.join('/')}`;
  }

  private url(path: readonly string[], suffix = ''): string {
    const encoded = [this.root, ...path.map(encodeURIComponent)].join('/');
    return `${this.origin}/v1/${encoded}${suffix}`;
  }

  private post<T>(path: readonly string[], method: string, body: unknown): Promise<T> {
    return requestJson<T>(this.url(path, `:${method}`), { body, headers: ADMIN_HEADERS });
  }

  /** Collection ids under a document (or the root), every page. */
  async collectionIds(parent: readonly string[]): Promise<string[]> {
    const ids: string[] = [];
    let pageToken: string | undefined;
    do {
      const page = await this.post<{ collectionIds?: string[]; nextPageToken?: string }>(
        parent,
        'listCollectionIds',
        { pageSize: 300, ...(pageToken ? { pageToken } : {}) },
      );
      ids.push(...(page.collectionIds ?? []));
      pageToken = page.nextPageToken || undefined;
    } while (pageToken);
    return ids;
  }

  /**
   * One page of a collection in document-id order, starting after `after` (a document's path):
   * a cursor, so the server never hands over the whole collection and pages stay stable while
   * documents are added before them.
   */
  async page(collection: readonly string[], pageSize: number, after?: readonly string[]) {
    const query: StructuredQuery = {
      from: [{ collectionId: collection[collection.length - 1] as string }],
      orderBy: [{ field: { fieldPath: '__name__' }, direction: 'ASCENDING' }],
      limit: pageSize + 1,
      ...(after
        ? { startAt: { values: [{ referenceValue: this.nameOf(after) }], before: false } }
        : {}),
    };
    const documents = await this.runQuery(collection.slice(0, -1), query);
    return { documents: documents.slice(0, pageSize), more: documents.length > pageSize };
  }

  async count(parent: readonly string[], query: StructuredQuery): Promise<number> {
    const [result] = await this.post<{ result?: { aggregateFields?: Record<string, Value> } }[]>(
      parent,
      'runAggregationQuery',
      {
        structuredAggregationQuery: {
          structuredQuery: query,
          aggregations: [{ alias: 'count', count: {} }],
        },
      },
    );
    const count = result?.result?.aggregateFields?.['count'];
    return count && 'integerValue' in count ? Number(count.integerValue) : 0;
  }

  async runQuery(parent: readonly string[], query: StructuredQuery): Promise<FirestoreDocument[]> {
    const results = await this.post<{ document?: FirestoreDocument }[]>(parent, 'runQuery', {
      structuredQuery: query,
    });
    return results.flatMap((r) => (r.document ? [r.document] : []));
  }

  async get(path: readonly string[]): Promise<FirestoreDocument | null> {
    try {
      return await requestJson<FirestoreDocument>(this.url(path), { headers: ADMIN_HEADERS });
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) return null;
      throw error;
    }
  }

  /** Applies every write or none (Firestore commits are atomic). */
  async commit(writes: Write[]): Promise<void> {
    await requestJson(
      `${this.origin}/v1/projects/${this.projectId}/databases/${this.database}/documents:commit`,
      {
        body: { writes },
        headers: ADMIN_HEADERS,
      },
    );
  }

  /** Deletes a document, or a collection, with everything under it (the emulators' control route). */
  async deleteTree(path: readonly string[]): Promise<void> {
    await requestJson(
      `${this.origin}/emulator/v1/projects/${this.projectId}/databases/${this.database}/documents/${path.map(encodeURIComponent).join('/')}`,
      { method: 'DELETE' },
    );
  }

  async clear(): Promise<void> {
    await requestJson(
      `${this.origin}/emulator/v1/projects/${this.projectId}/databases/${this.database}/documents`,
      { method: 'DELETE' },
    );
  }

  /** The Hearth emulator's change feed of this database (server-sent events). */
  changesUrl(): string {
    return `${this.origin}/emulator/v1/projects/${this.projectId}/databases/${this.database}/changes`;
  }
}

export interface FirestoreFeatures {
  /** Databases of the project; Google's emulator cannot list them, so it shows just the default. */
  databases: string[];
  /** The Hearth emulator's change feed; without it the console polls. */
  changeFeed: boolean;
}

export async function firestoreFeatures(
  origin: string,
  projectId: string,
): Promise<FirestoreFeatures> {
  try {
    const { databases = [] } = await requestJson<{ databases?: { name: string }[] }>(
      `${origin}/emulator/v1/projects/${projectId}/databases`,
    );
    const ids = databases.map((d) => d.name.slice(d.name.lastIndexOf('/') + 1));
    return { databases: ids.includes('(default)') ? ids : ['(default)', ...ids], changeFeed: true };
  } catch {
    return { databases: ['(default)'], changeFeed: false };
  }
}
