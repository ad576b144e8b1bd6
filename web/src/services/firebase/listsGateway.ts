import { COLLECTIONS, newListDoc, paths, type ListDoc } from '@model';
import type { ListsGateway } from '../ports';
import { loadFirestore, newDocumentId } from './lazy';
import { liveReads } from './liveReads';

/** Lists straight from Firestore; the membership query is the one the rules can prove safe. */
export function createListsGateway(loadDb = loadFirestore): ListsGateway {
  const live = liveReads(loadDb);
  const update = async (listId: string, fields: Record<string, unknown>) => {
    const fs = await loadDb();
    await fs.updateDoc(fs.doc(fs.db, paths.list(listId)), {
      ...fields,
      updatedAt: fs.serverTimestamp(),
    });
  };
  return {
    watchMyLists(uid, observer) {
      return live.query(
        (fs) =>
          fs.query(
            fs.collection(fs.db, COLLECTIONS.lists),
            fs.where('memberIds', 'array-contains', uid),
          ),
        (fs, snapshot) => fs.readDocument<ListDoc<Date>>(snapshot),
        observer,
      );
    },
    createList(uid, title, order) {
      const id = newDocumentId();
      const written = loadDb().then((fs) =>
        fs.setDoc(
          fs.doc(fs.db, paths.list(id)),
          newListDoc(uid, { title, order }, fs.serverTimestamp()),
        ),
      );
      return { id, written };
    },
    renameList: (listId, title) => update(listId, { title }),
    moveList: (listId, order) => update(listId, { order }),
    async deleteList(listId) {
      const fs = await loadDb();
      await fs.deleteDoc(fs.doc(fs.db, paths.list(listId)));
    },
  };
}
