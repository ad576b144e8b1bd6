import { Timestamp, type WriteBatch } from 'firebase-admin/firestore';
import { db } from '../admin.js';
import { APPLIED_EVENTS } from './appliedEvents.js';
import { isAlreadyExists, isNotFound } from './firestoreErrors.js';

const MARKER_LIFETIME_MS = 7 * 24 * 60 * 60 * 1000;

/**
 * Commits the writes `build` adds exactly once per event: a marker document named after the event
 * (holding `marker` for whoever audits it) is created in the same atomic batch, so a redelivered
 * event fails on the marker (ALREADY_EXISTS) and changes nothing. A target that is gone
 * (NOT_FOUND) has nothing left to update.
 */
export async function commitOnce(
  eventId: string,
  marker: Record<string, unknown>,
  build: (batch: WriteBatch) => void,
): Promise<void> {
  const batch = db.batch();
  batch.create(db.collection(APPLIED_EVENTS).doc(eventId), {
    ...marker,
    expireAt: Timestamp.fromMillis(Date.now() + MARKER_LIFETIME_MS),
  });
  build(batch);
  try {
    await batch.commit();
  } catch (error) {
    if (isAlreadyExists(error) || isNotFound(error)) return;
    throw error;
  }
}
