import type { DocumentReference, DocumentSnapshot, Query } from 'firebase/firestore';
import type { Observer, Unsubscribe } from '../ports';
import { subscribeWhenLoaded, type loadFirestore } from './lazy';

/** The Firestore module the gateways load (`firestore.ts`). */
export type Firestore = Awaited<ReturnType<typeof loadFirestore>>;

/** What the app reads of one document snapshot; null leaves it out. */
export type ReadSnapshot<T> = (fs: Firestore, snapshot: DocumentSnapshot) => T | null;

/**
 * Live reads a gateway answers at once with a handle, before Firestore has loaded
 * (`subscribeWhenLoaded`): every document of a query, or one document, each read by `read`.
 */
export function liveReads(loadDb: () => Promise<Firestore>) {
  return {
    query<T>(
      query: (fs: Firestore) => Query,
      read: ReadSnapshot<T>,
      observer: Observer<T[]>,
    ): Unsubscribe {
      return subscribeWhenLoaded(
        loadDb,
        (fs) => fs.watchQuery(query(fs), (snapshot) => read(fs, snapshot), observer),
        observer,
      );
    },
    document<T>(
      ref: (fs: Firestore) => DocumentReference,
      read: ReadSnapshot<T>,
      observer: Observer<T | null>,
    ): Unsubscribe {
      return subscribeWhenLoaded(
        loadDb,
        (fs) => fs.watchDocument(ref(fs), (snapshot) => read(fs, snapshot), observer),
        observer,
      );
    },
  };
}
