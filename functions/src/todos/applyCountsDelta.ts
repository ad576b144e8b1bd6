import { FieldValue } from 'firebase-admin/firestore';
import { db } from '../admin.js';
import { paths, type ListCounts } from '../model/index.js';
import { commitOnce } from '../shared/commitOnce.js';
import { isZero } from './countsDelta.js';

/**
 * Applies one to-do write's delta to its list's counts exactly once.
 *
 * Why this is right: each write event carries its own before/after, so the sum of all deltas is
 * the list's true counts whatever order events arrive in; server-side increments make concurrent
 * applications commute without read-modify-write races; and commitOnce makes a redelivered event
 * change nothing. If the list is gone (deleted with its to-dos) there is nothing to count.
 */
export async function applyCountsDelta(
  listId: string,
  eventId: string,
  delta: ListCounts,
): Promise<void> {
  if (isZero(delta)) return;
  await commitOnce(eventId, { listId, delta }, (batch) =>
    batch.update(db.doc(paths.list(listId)), {
      'counts.open': FieldValue.increment(delta.open),
      'counts.done': FieldValue.increment(delta.done),
    }),
  );
}
