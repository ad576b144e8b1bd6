// Cloud Storage delivers an event at least once: the upload trigger must let a redelivered finalize
// event change nothing. The emulators deliver each event once, so these tests hand the Functions
// emulator the event again themselves, after the real upload has gone through the pipeline.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { paths } from '../../functions/src/model/index.js';
import { REASONS } from '../../functions/src/attachments/inspect.js';
import { adminBucket, adminDb } from '../support/admin.js';
import { eventually } from '../support/eventually.js';
import {
  attachmentDoc,
  images,
  pendingAttachment,
  uploadOriginal,
  type PendingAttachment,
} from '../support/images.js';
import {
  deliverEvent,
  storageObjectEvent,
  type StorageObject,
  type TriggerAnswer,
} from '../support/triggerEvents.js';

const owner = `owner-${randomUUID().slice(0, 8)}`;
const TRIGGER = 'onOriginalUploaded';
const PIPELINE_TIMEOUT = { timeoutMs: 60_000, intervalMs: 200 };
/** A cold runtime loading sharp on a busy machine, twice over. */
const TEST_TIMEOUT_MS = 120_000;

/** Everything a delivery could change, with the update times and generations that show a rewrite. */
async function pipelineState(attachment: PendingAttachment) {
  const [doc, todo, [files]] = await Promise.all([
    attachmentDoc(attachment).get(),
    adminDb.doc(paths.todo(attachment.listId, attachment.todoId)).get(),
    adminBucket.getFiles({ prefix: `lists/${attachment.listId}/` }),
  ]);
  return {
    attachment: doc.data(),
    attachmentUpdateTime: doc.updateTime?.valueOf(),
    attachmentCount: todo.get('attachmentCount') as unknown,
    todoUpdateTime: todo.updateTime?.valueOf(),
    files: files
      .map(({ name, metadata }) => ({
        name,
        generation: metadata.generation,
        metageneration: metadata.metageneration,
      }))
      .sort((a, b) => a.name.localeCompare(b.name)),
  };
}

/**
 * Uploads `bytes` as a new attachment's original and waits for the trigger's verdict and for the
 * to-do to count the attachment; returns the object's resource, which the finalize event carries.
 */
async function settledUpload(bytes: Buffer, contentType = 'image/jpeg') {
  const attachment = await pendingAttachment(owner, contentType);
  const object = await uploadOriginal(attachment, bytes, contentType);
  await eventually(
    () => attachmentDoc(attachment).get(),
    (doc) => doc.get('status') !== 'processing',
    PIPELINE_TIMEOUT,
  );
  await eventually(
    () => adminDb.doc(paths.todo(attachment.listId, attachment.todoId)).get(),
    (todo) => todo.get('attachmentCount') === 1,
    PIPELINE_TIMEOUT,
  );
  return { attachment, object };
}

/** The function ran to its end: the emulator answers 500 with the error when it throws. */
function expectRan(answer: TriggerAnswer, delivery: string): void {
  expect(answer.status, `${delivery}: ${answer.body}`).toBe(200);
  expect(JSON.parse(answer.body), delivery).toEqual({ status: 'acknowledged' });
}

/**
 * Delivers the finalize event of `object` twice under one id (the bridge's own delivery used an
 * id it keeps to itself) and checks after each that nothing changed.
 */
async function redeliverAndCompare(attachment: PendingAttachment, object: StorageObject) {
  const before = await pipelineState(attachment);
  const event = await storageObjectEvent(TRIGGER, object, randomUUID());
  for (const delivery of ['first redelivery', 'second redelivery']) {
    expectRan(await deliverEvent(TRIGGER, event), delivery);
    expect(await pipelineState(attachment), delivery).toEqual(before);
  }
  return before;
}

describe('a redelivered upload event', () => {
  it(
    'changes nothing once the upload has ended ready',
    async () => {
      const { attachment, object } = await settledUpload(await images.rotatedJpeg());
      const before = await redeliverAndCompare(attachment, object);
      expect(before.attachment).toMatchObject({ status: 'ready', width: 800, height: 1200 });
      expect(before.attachmentCount).toBe(1);
      expect(before.files.map((file) => file.name)).toEqual(
        [attachment.originalPath, attachment.thumbPath].sort(),
      );
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'changes nothing once the upload has ended rejected and its original is gone',
    async () => {
      const { attachment, object } = await settledUpload(await images.textNamedJpeg());
      await eventually(
        async () => (await adminBucket.file(attachment.originalPath).exists())[0],
        (exists) => !exists,
        PIPELINE_TIMEOUT,
      );
      const before = await redeliverAndCompare(attachment, object);
      expect(before.attachment).toMatchObject({ status: 'rejected', error: REASONS.notAnImage });
      expect(before.files).toEqual([]);
    },
    TEST_TIMEOUT_MS,
  );

  // A redelivery can overlap the delivery it repeats (Storage retries one that seems slow): this is
  // the state between that delivery's thumbnail and its verdict. It also shows that the deliveries
  // above do reach the trigger, which the checks there could not tell from an ignored event.
  it(
    'finishes the work of a delivery still under way, keeping the thumbnail it wrote',
    async () => {
      const { attachment, object } = await settledUpload(
        await images.transparentPng(),
        'image/png',
      );
      await attachmentDoc(attachment).update({
        status: 'processing',
        width: null,
        height: null,
        format: null,
        thumbPath: null,
      });
      const underWay = await pipelineState(attachment);
      const event = await storageObjectEvent(TRIGGER, object, randomUUID());
      expectRan(await deliverEvent(TRIGGER, event), 'redelivery');
      const after = await pipelineState(attachment);
      expect(after.attachment).toMatchObject({
        status: 'ready',
        width: 640,
        height: 480,
        format: 'png',
        thumbPath: attachment.thumbPath,
      });
      expect(after.attachmentUpdateTime).not.toBe(underWay.attachmentUpdateTime);
      expect(after.files).toEqual(underWay.files);
    },
    TEST_TIMEOUT_MS,
  );
});
