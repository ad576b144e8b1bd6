// The upload pipeline end to end: an original lands in Storage, the finalize trigger (delivered by
// the emulator's bridge to the Functions emulator) checks it, writes the thumbnail and records the
// result on the attachment document; deletes remove the files.
import { randomUUID } from 'node:crypto';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { paths } from '../../functions/src/model/index.js';
import { REASONS } from '../../functions/src/attachments/inspect.js';
import { adminBucket, adminDb } from '../support/admin.js';
import { eventually } from '../support/eventually.js';
import {
  fileExists,
  images,
  pendingAttachment,
  type PendingAttachment,
} from '../support/images.js';

const owner = `owner-${randomUUID().slice(0, 8)}`;
const PIPELINE_TIMEOUT = { timeoutMs: 60_000, intervalMs: 200 };

async function upload(attachment: PendingAttachment, bytes: Buffer, contentType = 'image/jpeg') {
  await adminBucket.file(attachment.originalPath).save(bytes, { contentType, resumable: false });
}

function attachmentDoc(attachment: PendingAttachment) {
  return adminDb.doc(
    paths.attachment(attachment.listId, attachment.todoId, attachment.attachmentId),
  );
}

async function settled(attachment: PendingAttachment) {
  const snapshot = await eventually(
    () => attachmentDoc(attachment).get(),
    (doc) => doc.get('status') !== 'processing',
    PIPELINE_TIMEOUT,
  );
  return snapshot.data()!;
}

describe('photo uploads', () => {
  it('a JPEG with EXIF orientation and date ends ready, described and thumbnailed upright', async () => {
    const attachment = await pendingAttachment(owner);
    const bytes = await images.rotatedJpeg();
    await upload(attachment, bytes);
    const doc = await settled(attachment);
    expect(doc).toMatchObject({
      status: 'ready',
      format: 'jpeg',
      width: 800,
      height: 1200,
      size: bytes.length,
      thumbPath: attachment.thumbPath,
      error: null,
    });
    expect(doc.takenAt.toDate().toISOString()).toBe('2023-07-14T09:30:05.000Z');
    const [thumb] = await adminBucket.file(attachment.thumbPath).download();
    const thumbMeta = await sharp(thumb).metadata();
    expect(thumbMeta).toMatchObject({ format: 'webp', width: 213, height: 320 });
    expect(thumbMeta.exif).toBeUndefined();
    expect(await fileExists(attachment.originalPath)).toBe(true);
  });

  it('a PNG with alpha ends ready with its transparency kept in the thumbnail', async () => {
    const attachment = await pendingAttachment(owner, 'image/png');
    await upload(attachment, await images.transparentPng(), 'image/png');
    expect(await settled(attachment)).toMatchObject({
      status: 'ready',
      format: 'png',
      width: 640,
      height: 480,
      takenAt: null,
    });
    const [thumb] = await adminBucket.file(attachment.thumbPath).download();
    expect(await sharp(thumb).metadata()).toMatchObject({
      width: 320,
      height: 240,
      hasAlpha: true,
    });
  });

  it.each([
    ['a text file named .jpg', images.textNamedJpeg, REASONS.notAnImage],
    ['a 20000×20000 decompression bomb', images.bomb, REASONS.tooManyPixels(20000, 20000)],
    ['a truncated JPEG', images.truncatedJpeg, REASONS.damaged],
  ])('%s ends rejected with a reason and its original deleted', async (_name, make, reason) => {
    const attachment = await pendingAttachment(owner);
    await upload(attachment, await make());
    expect(await settled(attachment)).toMatchObject({
      status: 'rejected',
      error: reason,
      width: null,
    });
    await eventually(
      () => fileExists(attachment.originalPath),
      (exists) => !exists,
      PIPELINE_TIMEOUT,
    );
    expect(await fileExists(attachment.thumbPath)).toBe(false);
  });

  it('keeps the to-do attachment count and removes both files when the attachment is deleted', async () => {
    const attachment = await pendingAttachment(owner);
    const todo = adminDb.doc(paths.todo(attachment.listId, attachment.todoId));
    await eventually(
      () => todo.get(),
      (doc) => doc.get('attachmentCount') === 1,
      PIPELINE_TIMEOUT,
    );
    await upload(attachment, await images.rotatedJpeg());
    await settled(attachment);
    await attachmentDoc(attachment).delete();
    await eventually(
      () => todo.get(),
      (doc) => doc.get('attachmentCount') === 0,
      PIPELINE_TIMEOUT,
    );
    await eventually(
      async () => (await adminBucket.getFiles({ prefix: `lists/${attachment.listId}/` }))[0].length,
      (count) => count === 0,
      PIPELINE_TIMEOUT,
    );
  });

  it('deleting a to-do removes its attachments and their files', async () => {
    const attachment = await pendingAttachment(owner);
    await upload(attachment, await images.transparentPng(), 'image/png');
    await settled(attachment);
    await adminDb.doc(paths.todo(attachment.listId, attachment.todoId)).delete();
    await eventually(
      () => attachmentDoc(attachment).get(),
      (doc) => !doc.exists,
      PIPELINE_TIMEOUT,
    );
    await eventually(
      async () => (await adminBucket.getFiles({ prefix: `lists/${attachment.listId}/` }))[0].length,
      (count) => count === 0,
      PIPELINE_TIMEOUT,
    );
  });
});
