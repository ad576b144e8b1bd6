/**
 * Photo pipeline latency (`npm run bench -- images`, inside the stack): from the moment a
 * 12-megapixel JPEG has finished uploading to the moment its attachment is `ready` with a
 * thumbnail, median of 5. The peer, in the same run, is the same check and thumbnail done
 * in-process on the same bytes (`inspectImage`): the difference is what the trigger path costs
 * (bridge delivery, the Functions emulator, download, upload, Firestore writes).
 */
import { randomUUID } from 'node:crypto';
import sharp from 'sharp';
import { paths } from '../functions/src/model/index.js';
import { inspectImage } from '../functions/src/attachments/inspect.js';
import { adminBucket, adminDb } from '../test/support/admin.js';
import { eventually } from '../test/support/eventually.js';
import { pendingAttachment } from '../test/support/images.js';
import { median } from './support/stats.js';

const RUNS = 5;
const WIDTH = 4000;
const HEIGHT = 3000;

async function twelveMegapixelJpeg(): Promise<Buffer> {
  return sharp({
    create: {
      width: WIDTH,
      height: HEIGHT,
      channels: 3,
      background: { r: 90, g: 140, b: 200 },
      noise: { type: 'gaussian', mean: 128, sigma: 12 },
    },
  })
    .jpeg({ quality: 80 })
    .toBuffer();
}

async function throughPipeline(bytes: Buffer, uid: string): Promise<number> {
  const attachment = await pendingAttachment(uid);
  await adminBucket
    .file(attachment.originalPath)
    .save(bytes, { contentType: 'image/jpeg', resumable: false });
  const uploaded = performance.now();
  const doc = adminDb.doc(
    paths.attachment(attachment.listId, attachment.todoId, attachment.attachmentId),
  );
  const settled = await eventually(
    () => doc.get(),
    (snapshot) => snapshot.get('status') !== 'processing',
    { timeoutMs: 120_000, intervalMs: 25 },
  );
  if (settled.get('status') !== 'ready') throw new Error(`not ready: ${settled.get('error')}`);
  return performance.now() - uploaded;
}

async function inProcess(bytes: Buffer): Promise<number> {
  const started = performance.now();
  const verdict = await inspectImage(bytes);
  if (!verdict.accepted) throw new Error(verdict.reason);
  return performance.now() - started;
}

const bytes = await twelveMegapixelJpeg();
const uid = `bench-${randomUUID().slice(0, 8)}`;
console.log(
  `12-megapixel JPEG (${WIDTH}×${HEIGHT}), ${(bytes.length / 1024 / 1024).toFixed(1)} MB, ${RUNS} runs each`,
);
await throughPipeline(bytes, uid); // warm the function's runtime
const pipeline: number[] = [];
const peer: number[] = [];
for (let run = 0; run < RUNS; run++) {
  pipeline.push(await throughPipeline(bytes, uid));
  peer.push(await inProcess(bytes));
}
const [ours, theirs] = [median(pipeline), median(peer)];
console.table({
  'upload finished → thumbnail ready (trigger)': { 'median ms': Math.round(ours) },
  'same check + thumbnail in-process (peer)': { 'median ms': Math.round(theirs) },
});
console.log(`pipeline / in-process: ${(ours / theirs).toFixed(2)}x`);
process.exit(0);
