/**
 * What the bridge consumes from the Firestore and Storage emulators: their change events, and
 * the one method of each emulator it subscribes with.
 */
import type { CommitEvent } from '../firestore/index.js';
import type { ObjectEvent } from '../storage/index.js';

export type { CommitEvent, StoredDocument } from '../firestore/index.js';
export type { ObjectEvent };
export type DocumentChange = CommitEvent['changes'][number];
export type ObjectEventType = ObjectEvent['type'];

export interface FirestoreEventSource {
  onCommit(listener: (event: CommitEvent) => void): () => void;
}

export interface StorageEventSource {
  onObjectEvent(listener: (event: ObjectEvent) => void): () => void;
}
