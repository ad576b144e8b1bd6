// Real images for the upload pipeline's suites, generated with sharp, and a list with a to-do and
// an attachment document waiting for its upload, as the web app prepares them.
import { randomUUID } from 'node:crypto';
import sharp from 'sharp';
import { FieldValue } from 'firebase-admin/firestore';
import { paths, storagePaths } from '../../functions/src/model/index.js';
import { pngBomb } from '../../functions/src/testing/pngBomb.js';
import { adminBucket, adminDb } from './admin.js';
import { newAttachmentData, newListData, newTodoData } from './newDocuments.js';
import type { StorageObject } from './triggerEvents.js';

const photo = (width: number, height: number) =>
  sharp({ create: { width, height, channels: 3, background: { r: 30, g: 120, b: 200 } } });

export const images = {
  /** 1200×800 stored sideways: EXIF orientation 6 shows it as 800×1200. Taken 2023-07-14 09:30:05. */
  rotatedJpeg: () =>
    photo(1200, 800)
      .jpeg()
      .withMetadata({ orientation: 6 })
      .withExif({ IFD2: { DateTimeOriginal: '2023:07:14 09:30:05' } })
      .toBuffer(),
  transparentPng: () =>
    sharp({
      create: {
        width: 640,
        height: 480,
        channels: 4,
        background: { r: 0, g: 0, b: 0, alpha: 0.3 },
      },
    })
      .png()
      .toBuffer(),
  textNamedJpeg: async () => Buffer.from('This is a shopping list, not a photo.\n'.repeat(20)),
  bomb: async () => pngBomb(20000, 20000),
  truncatedJpeg: async () => {
    const whole = await photo(1600, 1200).jpeg().toBuffer();
    return whole.subarray(0, Math.floor(whole.length / 2));
  },
};

export interface PendingAttachment {
  listId: string;
  todoId: string;
  attachmentId: string;
  originalPath: string;
  thumbPath: string;
}

/** A list owned by `uid` with one to-do and an attachment document in `processing`. */
export async function pendingAttachment(
  uid: string,
  contentType = 'image/jpeg',
): Promise<PendingAttachment> {
  const listId = `images-${randomUUID().slice(0, 8)}`;
  const todoId = 'todo';
  const attachmentId = randomUUID().replaceAll('-', '').slice(0, 20);
  const now = FieldValue.serverTimestamp();
  await adminDb.doc(paths.list(listId)).set(newListData(uid, now, { title: 'Photos' }));
  await adminDb.doc(paths.todo(listId, todoId)).set(newTodoData(uid, now));
  await adminDb
    .doc(paths.attachment(listId, todoId, attachmentId))
    .set(newAttachmentData(uid, now, { contentType, size: 0 }));
  return {
    listId,
    todoId,
    attachmentId,
    originalPath: storagePaths.original(listId, todoId, attachmentId),
    thumbPath: storagePaths.thumb(listId, todoId, attachmentId),
  };
}

export async function fileExists(path: string): Promise<boolean> {
  const [exists] = await adminBucket.file(path).exists();
  return exists;
}

export function attachmentDoc(attachment: PendingAttachment) {
  return adminDb.doc(
    paths.attachment(attachment.listId, attachment.todoId, attachment.attachmentId),
  );
}

/**
 * Uploads the original as a client's upload ends: the finalize trigger fires. Returns the object's
 * GCS resource as Storage answered the upload, which is what that trigger's event carries.
 */
export async function uploadOriginal(
  attachment: PendingAttachment,
  bytes: Buffer,
  contentType = 'image/jpeg',
): Promise<StorageObject> {
  const file = adminBucket.file(attachment.originalPath);
  await file.save(bytes, { contentType, resumable: false });
  const { bucket, name, updated } = file.metadata;
  if (typeof bucket !== 'string' || typeof name !== 'string' || typeof updated !== 'string')
    throw new Error(`the upload of ${attachment.originalPath} answered no object resource`);
  return { ...file.metadata, bucket, name, updated };
}
