import {
  collection,
  deleteDoc,
  doc,
  query,
  serverTimestamp,
  setDoc,
  updateDoc,
  where,
  type Firestore,
} from 'firebase/firestore';
import { COLLECTIONS, newListDoc, paths, type ListDoc } from '@model';
import type { TodoList } from '@/domain/entities';
import type { ListsGateway } from '../ports';
import { readDocument, watchQuery } from './snapshots';

/** Lists straight from Firestore; the membership query is the one the rules can prove safe. */
export function createListsGateway(db: Firestore): ListsGateway {
  const lists = collection(db, COLLECTIONS.lists);
  return {
    watchMyLists(uid, observer) {
      const mine = query(lists, where('memberIds', 'array-contains', uid));
      return watchQuery<TodoList>(
        mine,
        (snapshot) => readDocument<ListDoc<Date>>(snapshot),
        observer,
      );
    },
    createList(uid, title, order) {
      const ref = doc(lists);
      const written = setDoc(ref, newListDoc(uid, { title, order }, serverTimestamp()));
      return { id: ref.id, written };
    },
    renameList: (listId, title) =>
      updateDoc(doc(db, paths.list(listId)), { title, updatedAt: serverTimestamp() }),
    moveList: (listId, order) =>
      updateDoc(doc(db, paths.list(listId)), { order, updatedAt: serverTimestamp() }),
    deleteList: (listId) => deleteDoc(doc(db, paths.list(listId))),
  };
}
