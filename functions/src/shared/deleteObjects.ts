import { defaultBucket } from '../admin.js';

const PARALLEL = 10;

/**
 * Deletes every Storage object under `prefix`. Triggers race to delete the same files (a deleted
 * to-do and each of its deleted attachments both clean up), so an object that is already gone
 * counts as deleted instead of failing the function (`Bucket.deleteFiles` rejects on a 404).
 */
export async function deleteObjects(prefix: string): Promise<void> {
  const [files] = await defaultBucket().getFiles({ prefix });
  for (let start = 0; start < files.length; start += PARALLEL) {
    await Promise.all(
      files.slice(start, start + PARALLEL).map((file) => file.delete({ ignoreNotFound: true })),
    );
  }
}
