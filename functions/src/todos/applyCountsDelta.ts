import { FieldValue, Timestamp } from 'firebase-admin/firestore';
import { db } from '../admin.js';
import { paths, type ListCounts } from '../model.js';
import { isAlreadyExists, isNotFound } from '../shared/firestoreErrors.js';
import { APPLIED_EVENTS } from './appliedEvents.js';
import { isZero } from './countsDelta.js';

const MARKER_LIFETIME_MS = 7 * 24 * 60 * 60 * 1000;

/**
 * Applies one to-do write's delta to its list's counts exactly once.
 *
 * Why this is right: each write event carries its own before/after, so the sum of all deltas is
 * the list's true counts whatever order events arrive in; server-side increments make concurrent
 * applications commute without read-modify-write races; and the marker document is created in
 * the same atomic batch, so a redelivered event fails the batch on the marker (ALREADY_EXISTS)
 * and changes nothing. If the list is gone (deleted with its to-dos) the update fails with
 * NOT_FOUND and there is nothing to count.
 */
export async function applyCountsDelta(
  listId: string,
  eventId: string,
  delta: ListCounts,
): Promise<void> {
  if (isZero(delta)) return;
  const batch = db.batch();
  batch.create(db.collection(APPLIED_EVENTS).doc(eventId), {
    listId,
    delta,
    expireAt: Timestamp.fromMillis(Date.now() + MARKER_LIFETIME_MS),
  });
  batch.update(db.doc(paths.list(listId)), {
    'counts.open': FieldValue.increment(delta.open),
    'counts.done': FieldValue.increment(delta.done),
  });
  try {
    await batch.commit();
  } catch (error) {
    if (isAlreadyExists(error) || isNotFound(error)) return;
    throw error;
  }
}
