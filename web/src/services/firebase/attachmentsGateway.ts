import {
  collection,
  deleteDoc,
  doc,
  serverTimestamp,
  setDoc,
  type Firestore,
} from 'firebase/firestore';
import {
  getDownloadURL,
  ref as storageRef,
  uploadBytesResumable,
  type FirebaseStorage,
} from 'firebase/storage';
import { newAttachmentDoc, paths, storagePaths, type AttachmentDoc } from '@model';
import type { Attachment } from '@/domain/entities';
import type { AttachmentsGateway } from '../ports';
import { readDocument, watchQuery } from './snapshots';

/**
 * Attachment documents in Firestore and their files in Storage. Only the fields the rules accept
 * from a client are written; the upload trigger fills in the rest.
 */
export function createAttachmentsGateway(
  db: Firestore,
  storage: FirebaseStorage,
): AttachmentsGateway {
  return {
    watchAttachments(listId, todoId, observer) {
      return watchQuery<Attachment>(
        collection(db, paths.attachments(listId, todoId)),
        (snapshot) => readDocument<AttachmentDoc<Date>>(snapshot),
        observer,
      );
    },
    createAttachment(listId, todoId, uid, file) {
      const ref = doc(collection(db, paths.attachments(listId, todoId)));
      const written = setDoc(ref, newAttachmentDoc(uid, file, serverTimestamp()));
      return { id: ref.id, written };
    },
    upload(listId, todoId, attachmentId, file, onProgress) {
      const target = storageRef(storage, storagePaths.original(listId, todoId, attachmentId));
      const task = uploadBytesResumable(target, file.data, { contentType: file.contentType });
      const done = new Promise<void>((resolve, reject) => {
        task.on(
          'state_changed',
          (snapshot) =>
            onProgress(
              snapshot.totalBytes > 0 ? snapshot.bytesTransferred / snapshot.totalBytes : 0,
            ),
          reject,
          () => resolve(),
        );
      });
      return { done, cancel: () => void task.cancel() };
    },
    deleteAttachment: (listId, todoId, attachmentId) =>
      deleteDoc(doc(db, paths.attachment(listId, todoId, attachmentId))),
    downloadUrl: (storagePath) => getDownloadURL(storageRef(storage, storagePath)),
  };
}
