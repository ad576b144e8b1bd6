import { FieldPath, type DocumentSnapshot } from 'firebase-admin/firestore';
import { db } from '../admin.js';
import { paths, type ListDoc } from '../model/index.js';

/** To-dos rewritten per transaction: well below Firestore's 500 writes to one commit. */
const PAGE = 250;

const sameIds = (a: unknown, b: readonly string[]) =>
  Array.isArray(a) && a.length === b.length && a.every((id, i) => id === b[i]);

/**
 * Copies a list's memberIds onto each of its to-dos that holds others, so that the
 * collection-group query by memberIds (Today, Upcoming) finds exactly the to-dos of the lists a
 * person can see. Each page is rewritten in a transaction that reads the list, so a membership
 * change committed meanwhile is never overwritten by an older one; the sharing callables run it
 * before they answer. Returns how many to-dos it rewrote.
 */
export async function spreadMemberIds(listId: string): Promise<number> {
  const listRef = db.doc(paths.list(listId));
  const todos = db.collection(paths.todos(listId)).orderBy(FieldPath.documentId()).limit(PAGE);
  let after: DocumentSnapshot | undefined;
  let rewritten = 0;
  for (;;) {
    const page = await db.runTransaction(async (tx) => {
      const list = (await tx.get(listRef)).data() as ListDoc | undefined;
      if (!list) return { last: undefined, changed: 0 };
      const snapshot = await tx.get(after ? todos.startAfter(after) : todos);
      const stale = snapshot.docs.filter((todo) => !sameIds(todo.get('memberIds'), list.memberIds));
      for (const todo of stale) tx.update(todo.ref, { memberIds: list.memberIds });
      return {
        last: snapshot.size === PAGE ? snapshot.docs[PAGE - 1] : undefined,
        changed: stale.length,
      };
    });
    rewritten += page.changed;
    if (!page.last) return rewritten;
    after = page.last;
  }
}
