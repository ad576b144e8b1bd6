import type { Query, QueryDocumentSnapshot } from 'firebase-admin/firestore';
import { db } from '../admin.js';

const PAGE = 200;

/**
 * Deletes every document a query matches, a page at a time (one batched commit per page), after
 * `beforeDelete` has dealt with each document's own dependants. Safe to run twice.
 */
export async function deleteQuery(
  query: Query,
  beforeDelete: (doc: QueryDocumentSnapshot) => Promise<void> = async () => {},
): Promise<number> {
  let deleted = 0;
  for (;;) {
    const page = await query.limit(PAGE).get();
    if (page.empty) return deleted;
    for (const doc of page.docs) await beforeDelete(doc);
    const batch = db.batch();
    for (const doc of page.docs) batch.delete(doc.ref);
    await batch.commit();
    deleted += page.size;
  }
}
