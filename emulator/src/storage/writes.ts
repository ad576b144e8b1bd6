/**
 * Writing object data, shared by both APIs: stream a body into a staging file, check the hashes
 * the client claimed, and commit through the store (rules and preconditions run there, under the
 * object's lock). Whatever fails, the staging file is discarded and the live object is untouched.
 */
import type { IncomingMessage } from 'node:http';
import { writeAuthorizer, type StorageContext } from './context.js';
import { BadRequestError, StorageError, validateBucketName, validateObjectName } from './errors.js';
import { readJson } from './http/body.js';
import { boundaryOf, readMultipart } from './http/multipart.js';
import type { ExpectedHashes, StagedBlob } from './store/blobFiles.js';
import { parseMetadataPatch, type MetadataPatch, type StoredObject } from './store/object.js';
import type { UploadSession, UploadTarget } from './uploads.js';

export function expectedHashesOf(resource: unknown, hashHeader?: string): ExpectedHashes {
  const expected: ExpectedHashes = {};
  if (resource && typeof resource === 'object') {
    const { md5Hash, crc32c } = resource as Record<string, unknown>;
    if (typeof md5Hash === 'string' && md5Hash) expected.md5Hash = md5Hash;
    if (typeof crc32c === 'string' && crc32c) expected.crc32c = crc32c;
  }
  for (const pair of (hashHeader ?? '').split(',')) {
    const at = pair.indexOf('=');
    if (at < 0) continue;
    const kind = pair.slice(0, at).trim();
    const value = pair.slice(at + 1).trim();
    if (kind === 'md5') expected.md5Hash = value;
    if (kind === 'crc32c') expected.crc32c = value;
  }
  return expected;
}

export function checkTarget(
  bucket: string,
  name: string | undefined,
): { bucket: string; name: string } {
  if (name === undefined) throw new BadRequestError('Required parameter: name.');
  return { bucket: validateBucketName(bucket), name: validateObjectName(name) };
}

/** The object name a JSON resource names, when the URL does not. */
export function nameOf(resource: unknown): string | undefined {
  const name =
    resource && typeof resource === 'object'
      ? (resource as Record<string, unknown>).name
      : undefined;
  return typeof name === 'string' ? name : undefined;
}

/** A size announced in a header (`X-Upload-Content-Length` and the like), validated. */
export function declaredSizeOf(
  value: string | undefined,
  headerName: string,
): { declaredSize?: number } {
  if (value === undefined) return {};
  if (!/^\d+$/.test(value)) throw new BadRequestError(`Invalid ${headerName}: ${value}`);
  return { declaredSize: Number(value) };
}

/** A multipart upload read and staged: where it goes, its metadata, its bytes, the hashes it claims. */
export interface StagedMultipart {
  target: { bucket: string; name: string };
  metadata: MetadataPatch;
  staged: StagedBlob;
  expected: ExpectedHashes;
}

export async function stageMultipart(
  ctx: StorageContext,
  req: IncomingMessage,
  bucket: string,
  queryName: string | undefined,
): Promise<StagedMultipart> {
  const multipart = await readMultipart(req, boundaryOf(req.headers['content-type']));
  const metadata = parseMetadataPatch(multipart.metadata);
  // The media part's own Content-Type came from the body, not a parsed header: validate it too.
  metadata.contentType ??= parseMetadataPatch({
    contentType: multipart.mediaContentType,
  }).contentType;
  const target = checkTarget(bucket, queryName ?? nameOf(multipart.metadata));
  const staged = await stageBody(ctx, multipart.media);
  return {
    target,
    metadata,
    staged,
    expected: expectedHashesOf(
      multipart.metadata,
      req.headers['x-goog-hash'] as string | undefined,
    ),
  };
}

/** The JSON body that starts a resumable upload: where the object goes, and its metadata. */
export async function readUploadStart(
  req: IncomingMessage,
  bucket: string,
  queryName: string | undefined,
  headerContentType: string | undefined,
): Promise<{
  resource: unknown;
  metadata: MetadataPatch;
  target: { bucket: string; name: string };
}> {
  const resource = await readJson(req);
  const metadata = parseMetadataPatch(resource);
  metadata.contentType ??= headerContentType;
  return { resource, metadata, target: checkTarget(bucket, queryName ?? nameOf(resource)) };
}

/** Streams a whole body into a new staging file; nothing is left behind if the stream fails. */
export async function stageBody(
  ctx: StorageContext,
  body: AsyncIterable<Uint8Array>,
): Promise<StagedBlob> {
  const staged = await ctx.store.files.stage();
  try {
    await staged.append(body);
    return staged;
  } catch (error) {
    await staged.discard();
    throw error;
  }
}

export async function commitUpload(
  ctx: StorageContext,
  staged: StagedBlob,
  target: UploadTarget,
  expected: ExpectedHashes = {},
): Promise<StoredObject> {
  const digest = staged.digest();
  const mismatch =
    (expected.md5Hash !== undefined && expected.md5Hash !== digest.md5Hash) ||
    (expected.crc32c !== undefined && expected.crc32c !== digest.crc32c);
  if (target.declaredSize !== undefined && target.declaredSize !== digest.size) {
    await staged.discard();
    throw new BadRequestError(
      `Upload size ${digest.size} does not match the declared size ${target.declaredSize}.`,
    );
  }
  if (mismatch) {
    await staged.discard();
    throw new BadRequestError(
      'Provided MD5 hash or CRC32C checksum does not match the uploaded data.',
    );
  }
  return ctx.store.commit(staged, {
    bucket: target.bucket,
    name: target.name,
    metadata: target.metadata,
    preconditions: target.preconditions,
    authorize: writeAuthorizer(ctx, target.caller, target.bucket, target.name),
  });
}

/** Finalizes a resumable session once; later finalize calls get the same answer again. */
export async function finalizeSession(
  ctx: StorageContext,
  session: UploadSession,
  expected: ExpectedHashes = {},
): Promise<StoredObject> {
  if (session.status === 'final' && session.outcome) {
    if (session.outcome instanceof StorageError) throw session.outcome;
    return session.outcome;
  }
  const staged = ctx.uploads.take(session);
  try {
    const object = await commitUpload(ctx, staged, session, { ...session.expected, ...expected });
    ctx.uploads.settle(session, object);
    return object;
  } catch (error) {
    if (error instanceof StorageError) ctx.uploads.settle(session, error);
    throw error;
  }
}
