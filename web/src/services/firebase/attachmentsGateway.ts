import { newAttachmentDoc, paths, storagePaths, type AttachmentDoc } from '@model';
import type { AttachmentsGateway, UploadTask } from '../ports';
import { loadFirestore, loadStorage, newDocumentId } from './lazy';
import { liveReads } from './liveReads';

/**
 * Attachment documents in Firestore and their files in Storage. Only the fields the rules accept
 * from a client are written; the upload trigger fills in the rest. The Storage SDK loads with the
 * first photo shown or uploaded.
 */
export function createAttachmentsGateway(
  loadDb = loadFirestore,
  loadFiles = loadStorage,
): AttachmentsGateway {
  const live = liveReads(loadDb);
  return {
    watchAttachments(listId, todoId, observer) {
      return live.query(
        (fs) => fs.collection(fs.db, paths.attachments(listId, todoId)),
        (fs, snapshot) => fs.readDocument<AttachmentDoc<Date>>(snapshot),
        observer,
      );
    },
    createAttachment(listId, todoId, uid, file) {
      const id = newDocumentId();
      const written = loadDb().then((fs) =>
        fs.setDoc(
          fs.doc(fs.db, paths.attachment(listId, todoId, id)),
          newAttachmentDoc(uid, file, fs.serverTimestamp()),
        ),
      );
      return { id, written };
    },
    upload(listId, todoId, attachmentId, file, onProgress): UploadTask {
      let cancelled = false;
      let cancelTask = () => undefined as unknown;
      const done = loadFiles().then(
        (st) =>
          new Promise<void>((resolve, reject) => {
            const target = st.ref(st.storage, storagePaths.original(listId, todoId, attachmentId));
            const task = st.uploadBytesResumable(target, file.data, {
              contentType: file.contentType,
            });
            cancelTask = () => task.cancel();
            if (cancelled) task.cancel();
            task.on(
              'state_changed',
              (snapshot) =>
                onProgress(
                  snapshot.totalBytes > 0 ? snapshot.bytesTransferred / snapshot.totalBytes : 0,
                ),
              reject,
              () => resolve(),
            );
          }),
      );
      return {
        done,
        cancel() {
          cancelled = true;
          cancelTask();
        },
      };
    },
    async deleteAttachment(listId, todoId, attachmentId) {
      const fs = await loadDb();
      await fs.deleteDoc(fs.doc(fs.db, paths.attachment(listId, todoId, attachmentId)));
    },
    async downloadUrl(storagePath) {
      const st = await loadFiles();
      return st.getDownloadURL(st.ref(st.storage, storagePath));
    },
  };
}
