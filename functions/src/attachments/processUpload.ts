/**
 * The upload pipeline: an original lands in Storage, this checks what it really is, writes the
 * thumbnail beside it and records the result on the attachment document. Running it twice for the
 * same upload changes nothing: only an attachment still `processing` is touched, and a thumbnail
 * already written is kept.
 */
import { Timestamp } from 'firebase-admin/firestore';
import { logger } from 'firebase-functions/v2';
import { db, defaultBucket } from '../admin.js';
import { LIMITS, paths, storagePaths, type AttachmentDoc } from '../model/index.js';
import type { AttachmentRef } from './attachmentPath.js';
import { inspectImage, REASONS, type ImageVerdict } from './inspect.js';

export interface UploadedObject {
  bucket: string;
  name: string;
  size: number;
}

type Outcome = 'ready' | 'rejected' | 'orphan' | 'already-processed';

/** Cloud Storage's answer when an `ifGenerationMatch` precondition does not hold. */
const PRECONDITION_FAILED = 412;

const isPreconditionFailed = (error: unknown) =>
  typeof error === 'object' &&
  error !== null &&
  (error as { code?: unknown }).code === PRECONDITION_FAILED;

async function readVerdict(object: UploadedObject): Promise<ImageVerdict> {
  // Not even downloaded: storage.rules stop these, but an admin upload bypasses rules.
  if (object.size > LIMITS.attachmentBytes) return { accepted: false, reason: REASONS.tooLarge };
  const [bytes] = await defaultBucket().file(object.name).download();
  return inspectImage(bytes);
}

/** Writes the result only if the attachment is still waiting for it. */
async function record(
  ref: AttachmentRef,
  result: Partial<AttachmentDoc<Timestamp>>,
): Promise<boolean> {
  const doc = db.doc(paths.attachment(ref.listId, ref.todoId, ref.attachmentId));
  return db.runTransaction(async (transaction) => {
    const snapshot = await transaction.get(doc);
    if (snapshot.get('status') !== 'processing') return false;
    transaction.update(doc, result);
    return true;
  });
}

/**
 * Writes the thumbnail only where there is none. One that exists was made from this same original
 * (originals are create-only) by a delivery of this event that overlaps this one, or that stopped
 * before its verdict. Rewriting it would make a new generation whose metadata lacks the download
 * token of a URL the app may already show.
 */
async function saveThumbnailOnce(path: string, thumbnail: Buffer): Promise<void> {
  try {
    await defaultBucket()
      .file(path)
      .save(thumbnail, {
        contentType: 'image/webp',
        resumable: false,
        metadata: { cacheControl: 'private, max-age=31536000' },
        preconditionOpts: { ifGenerationMatch: 0 },
      });
  } catch (error) {
    if (!isPreconditionFailed(error)) throw error;
  }
}

export async function processUpload(ref: AttachmentRef, object: UploadedObject): Promise<Outcome> {
  const bucket = defaultBucket();
  const attachment = await db.doc(paths.attachment(ref.listId, ref.todoId, ref.attachmentId)).get();
  if (!attachment.exists) {
    // The attachment was deleted while the upload ran (or never existed): drop the file.
    await bucket.file(object.name).delete({ ignoreNotFound: true });
    return 'orphan';
  }
  if (attachment.get('status') !== 'processing') return 'already-processed';

  const verdict = await readVerdict(object);
  if (!verdict.accepted) {
    const recorded = await record(ref, { status: 'rejected', error: verdict.reason });
    await bucket.file(object.name).delete({ ignoreNotFound: true });
    logger.info('attachment rejected', { ...ref, reason: verdict.reason });
    return recorded ? 'rejected' : 'already-processed';
  }

  const thumbPath = storagePaths.thumb(ref.listId, ref.todoId, ref.attachmentId);
  await saveThumbnailOnce(thumbPath, verdict.thumbnail);
  const recorded = await record(ref, {
    status: 'ready',
    width: verdict.width,
    height: verdict.height,
    format: verdict.format,
    size: verdict.size,
    takenAt: verdict.takenAt ? Timestamp.fromDate(verdict.takenAt) : null,
    thumbPath,
    error: null,
  });
  return recorded ? 'ready' : 'already-processed';
}
