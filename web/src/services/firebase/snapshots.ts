import {
  onSnapshot,
  Timestamp,
  type DocumentReference,
  type DocumentSnapshot,
  type Query,
} from 'firebase/firestore';
import type { Observer, Unsubscribe } from '../ports';

/** Top-level Timestamps become Dates; the model keeps timestamps only at the top level. */
function withDates(data: Record<string, unknown>): Record<string, unknown> {
  const entries = Object.entries(data).map(([key, value]) => [
    key,
    value instanceof Timestamp ? value.toDate() : value,
  ]);
  return Object.fromEntries(entries);
}

/**
 * A document's data (`T`, a model document with Date timestamps) with its id and pending flag.
 * Rules validated every write, so the stored shape is trusted. Server timestamps of local writes
 * are estimated, so a to-do created offline already has a creation time to sort and show.
 */
export function readDocument<T extends object>(
  snapshot: DocumentSnapshot,
): (T & { id: string; pending: boolean }) | null {
  const data = snapshot.data({ serverTimestamps: 'estimate' });
  if (data === undefined) return null;
  return {
    ...(withDates(data) as T),
    id: snapshot.id,
    pending: snapshot.metadata.hasPendingWrites,
  };
}

/** Metadata changes are included so that "pending" clears the moment the server confirms a write. */
export function watchQuery<T>(
  query: Query,
  map: (snapshot: DocumentSnapshot) => T | null,
  observer: Observer<T[]>,
): Unsubscribe {
  return onSnapshot(
    query,
    { includeMetadataChanges: true },
    (snapshot) => observer.next(snapshot.docs.map(map).filter((item): item is T => item !== null)),
    (error) => observer.error(error),
  );
}

export function watchDocument<T>(
  ref: DocumentReference,
  map: (snapshot: DocumentSnapshot) => T | null,
  observer: Observer<T | null>,
): Unsubscribe {
  return onSnapshot(
    ref,
    { includeMetadataChanges: true },
    (snapshot) => observer.next(map(snapshot)),
    (error) => observer.error(error),
  );
}

export function toTimestamp(date: Date | null): Timestamp | null {
  return date === null ? null : Timestamp.fromDate(date);
}
