/**
 * What the bridge consumes from the Firestore and Storage emulators, as structural types: the
 * bridge depends on the shape of their events, not on their modules, so either side can change
 * its internals freely.
 */
import type { Fields, Timestamp } from '../firestore/model/value.js';

export interface StoredDocument {
  /** Full resource name: projects/{p}/databases/{d}/documents/{path}. */
  name: string;
  fields: Fields;
  createTime: Timestamp;
  updateTime: Timestamp;
}

export interface DocumentChange {
  /** Full resource name of the document. */
  name: string;
  /** null when the document did not exist before the commit. */
  before: StoredDocument | null;
  /** null when the commit deleted the document (or it still does not exist). */
  after: StoredDocument | null;
}

export interface CommitEvent {
  projectId: string;
  database: string;
  commitTime: Timestamp;
  /** The signed-in end user who wrote, or null (admin or unauthenticated). */
  auth: { uid: string; token: Record<string, unknown> } | null;
  changes: DocumentChange[];
}

export type ObjectEventType = 'finalized' | 'deleted' | 'metadataUpdated';

export interface ObjectEvent {
  type: ObjectEventType;
  bucket: string;
  /** The object's metadata as the GCS JSON API returns it (name, bucket, generation, size...). */
  object: Record<string, unknown>;
}

export interface FirestoreEventSource {
  onCommit(listener: (event: CommitEvent) => void): () => void;
}

export interface StorageEventSource {
  onObjectEvent(listener: (event: ObjectEvent) => void): () => void;
}
