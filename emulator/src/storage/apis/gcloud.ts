/**
 * The Cloud Storage JSON API, the front door of @google-cloud/storage (and so of firebase-admin).
 * Its callers hold project credentials: they are admins and bypass storage.rules. With
 * STORAGE_EMULATOR_HOST the client drops the `/storage/v1` prefix, so both spellings are served.
 */
import { createReadStream } from 'node:fs';
import { ADMIN } from '../auth.js';
import type { StorageContext } from '../context.js';
import { BadRequestError, NotFoundError, StorageError, validateBucketName } from '../errors.js';
import { readJson } from '../http/body.js';
import { sendObjectBytes } from '../http/download.js';
import { bucketAndObject, header, type Exchange } from '../http/exchange.js';
import { sendEmpty, sendJson } from '../http/respond.js';
import { parseMetadataPatch, type MetadataPatch, type StoredObject } from '../store/object.js';
import { checkPreconditions, parsePreconditions } from '../store/preconditions.js';
import { toGcsResource } from '../store/views.js';
import type { UploadSession } from '../uploads.js';
import {
  checkTarget,
  commitUpload,
  declaredSizeOf,
  expectedHashesOf,
  finalizeSession,
  readUploadStart,
  stageBody,
  stageMultipart,
} from '../writes.js';
import { parseListQuery } from './listQuery.js';

export async function handleGcloud(ctx: StorageContext, ex: Exchange): Promise<void> {
  const [first, second, third] = ex.segments;
  if (second === 'storage' && third === 'v1' && (first === 'upload' || first === 'download')) {
    const rest = ex.segments.slice(3);
    return first === 'upload' ? handleUpload(ctx, ex, rest) : handleResource(ctx, ex, rest, true);
  }
  const rest = first === 'storage' && second === 'v1' ? ex.segments.slice(2) : ex.segments;
  if (rest[0] === 'b') return handleResource(ctx, ex, rest, false);
  // Public object URLs: http://host/{bucket}/{name}.
  if (rest.length >= 2 && (ex.method === 'GET' || ex.method === 'HEAD') && rest[0]) {
    const object = requireObject(ctx, ex, rest[0], rest.slice(1).join('/'));
    return sendObjectBytes(ex.req, ex.res, object, ctx.store.files.pathOf(object.blob));
  }
  throw new NotFoundError(`Not Found: ${ex.url.pathname}`);
}

async function handleResource(
  ctx: StorageContext,
  ex: Exchange,
  segments: string[],
  download: boolean,
): Promise<void> {
  if (segments.length === 1) return buckets(ctx, ex);
  const copy = copyRequest(segments);
  if (copy) return copyObject(ctx, ex, copy);
  if (
    segments.length === 5 &&
    segments[0] === 'b' &&
    segments[2] === 'o' &&
    segments[4] === 'acl'
  ) {
    return objectAcl(ctx, ex, segments[1]!, segments[3]!);
  }
  const target = bucketAndObject(segments);
  if (!target) throw new NotFoundError(`Not Found: ${ex.url.pathname}`);
  const bucket = validateBucketName(target.bucket);
  const { name } = target;
  if (name === undefined) {
    if (segments.length === 2) return bucketResource(ctx, ex, bucket);
    if (ex.method !== 'GET')
      throw new BadRequestError(`Method ${ex.method} is not supported on objects.`);
    return list(ctx, ex, bucket);
  }
  const query = ex.url.searchParams;
  const preconditions = parsePreconditions(query);
  switch (ex.method) {
    case 'GET':
    case 'HEAD': {
      const object = requireObject(ctx, ex, bucket, name);
      checkPreconditions(object, preconditions, 'read');
      if (download || query.get('alt') === 'media') {
        return sendObjectBytes(ex.req, ex.res, object, ctx.store.files.pathOf(object.blob));
      }
      return sendJson(ex.res, 200, toGcsResource(object, ex.origin));
    }
    case 'PATCH':
    case 'PUT': {
      requireObject(ctx, ex, bucket, name);
      const patch = parseMetadataPatch(await readJson(ex.req));
      const replace = ex.method === 'PUT';
      const object = await ctx.store.updateMetadata(
        bucket,
        name,
        (current) => (replace ? replacing(current, patch) : patch),
        {
          preconditions,
        },
      );
      return sendJson(ex.res, 200, toGcsResource(object, ex.origin));
    }
    case 'DELETE':
      requireObject(ctx, ex, bucket, name);
      await ctx.store.delete(bucket, name, { preconditions });
      return sendEmpty(ex.res, 204);
    default:
      throw new BadRequestError(`Method ${ex.method} is not supported on objects.`);
  }
}

/** `?generation=` addresses one generation; only the live one exists here. */
function requireObject(
  ctx: StorageContext,
  ex: Exchange,
  bucket: string,
  name: string,
): StoredObject {
  const object = ctx.store.require(bucket, name);
  const generation = ex.url.searchParams.get('generation');
  if (generation !== null && generation !== object.generation) {
    throw new NotFoundError(`No such object: ${bucket}/${name}#${generation}`);
  }
  return object;
}

/** PUT replaces every writable field: what the body leaves out is cleared. */
function replacing(current: StoredObject, patch: MetadataPatch): MetadataPatch {
  const cleared = Object.fromEntries(Object.keys(current.metadata).map((key) => [key, null]));
  return {
    contentType: patch.contentType ?? null,
    contentEncoding: patch.contentEncoding ?? null,
    contentDisposition: patch.contentDisposition ?? null,
    contentLanguage: patch.contentLanguage ?? null,
    cacheControl: patch.cacheControl ?? null,
    customTime: patch.customTime ?? null,
    metadata: { ...cleared, ...patch.metadata },
  };
}

function list(ctx: StorageContext, ex: Exchange, bucket: string): void {
  const page = ctx.store.list(bucket, parseListQuery(ex.url.searchParams));
  sendJson(ex.res, 200, {
    kind: 'storage#objects',
    ...(page.nextPageToken ? { nextPageToken: page.nextPageToken } : {}),
    ...(page.prefixes.length > 0 ? { prefixes: page.prefixes } : {}),
    ...(page.items.length > 0
      ? { items: page.items.map((item) => toGcsResource(item, ex.origin)) }
      : {}),
  });
}

function bucketJson(bucket: string, origin: string): Record<string, unknown> {
  const epoch = new Date(0).toISOString();
  return {
    kind: 'storage#bucket',
    id: bucket,
    name: bucket,
    selfLink: `${origin}/storage/v1/b/${bucket}`,
    projectNumber: '0',
    metageneration: '1',
    location: 'US',
    locationType: 'multi-region',
    storageClass: 'STANDARD',
    etag: 'CAE=',
    timeCreated: epoch,
    updated: epoch,
  };
}

async function buckets(ctx: StorageContext, ex: Exchange): Promise<void> {
  if (ex.method === 'POST') {
    const body = (await readJson(ex.req)) as { name?: unknown } | undefined;
    if (typeof body?.name !== 'string') throw new BadRequestError('Required field: name.');
    ctx.store.ensureBucket(validateBucketName(body.name));
    return sendJson(ex.res, 200, bucketJson(body.name, ex.origin));
  }
  sendJson(ex.res, 200, {
    kind: 'storage#buckets',
    items: ctx.store.bucketNames().map((bucket) => bucketJson(bucket, ex.origin)),
  });
}

function bucketResource(ctx: StorageContext, ex: Exchange, bucket: string): void {
  // Buckets exist on first use, as in Google's emulator: any bucket name is served.
  ctx.store.ensureBucket(bucket);
  if (ex.method !== 'GET' && ex.method !== 'HEAD')
    throw new BadRequestError(`Method ${ex.method} is not supported on buckets.`);
  sendJson(ex.res, 200, bucketJson(bucket, ex.origin));
}

/**
 * Object ACLs (`file.makePublic()` and the like) are accepted and answered but change nothing:
 * emulated objects have no ACLs, and Firebase access goes through rules and tokens.
 */
async function objectAcl(
  ctx: StorageContext,
  ex: Exchange,
  bucket: string,
  name: string,
): Promise<void> {
  const object = requireObject(ctx, ex, bucket, name);
  const body = (await readJson(ex.req)) as { entity?: unknown; role?: unknown } | undefined;
  if (ex.method !== 'POST')
    return sendJson(ex.res, 200, { kind: 'storage#objectAccessControls', items: [] });
  const entity = typeof body?.entity === 'string' ? body.entity : 'allUsers';
  sendJson(ex.res, 200, {
    kind: 'storage#objectAccessControl',
    id: `${bucket}/${name}/${object.generation}/${entity}`,
    bucket,
    object: name,
    generation: object.generation,
    entity,
    role: typeof body?.role === 'string' ? body.role : 'READER',
    etag: 'CAE=',
  });
}

interface CopyRequest {
  method: 'copyTo' | 'rewriteTo';
  source: { bucket: string; name: string };
  destination: { bucket: string; name: string };
}

function copyRequest(segments: string[]): CopyRequest | null {
  const [b, bucket, o, name, method, b2, bucket2, o2, name2] = segments;
  if (segments.length !== 9 || b !== 'b' || o !== 'o' || b2 !== 'b' || o2 !== 'o') return null;
  if (method !== 'copyTo' && method !== 'rewriteTo') return null;
  return {
    method,
    source: { bucket: bucket!, name: name! },
    destination: checkTarget(bucket2!, name2),
  };
}

async function copyObject(ctx: StorageContext, ex: Exchange, copy: CopyRequest): Promise<void> {
  if (ex.method !== 'POST') throw new BadRequestError('Copy requires POST.');
  const source = requireObject(ctx, ex, copy.source.bucket, copy.source.name);
  const body = await readJson(ex.req);
  const staged = await stageBody(ctx, createReadStream(ctx.store.files.pathOf(source.blob)));
  const inherited: MetadataPatch = {
    contentType: source.contentType,
    ...(source.contentEncoding ? { contentEncoding: source.contentEncoding } : {}),
    ...(source.contentDisposition ? { contentDisposition: source.contentDisposition } : {}),
    ...(source.contentLanguage ? { contentLanguage: source.contentLanguage } : {}),
    ...(source.cacheControl ? { cacheControl: source.cacheControl } : {}),
    metadata: { ...source.metadata },
  };
  const override = parseMetadataPatch(body);
  const object = await commitUpload(ctx, staged, {
    ...copy.destination,
    metadata: body === undefined ? inherited : { ...inherited, ...override },
    preconditions: parsePreconditions(ex.url.searchParams),
    caller: ADMIN,
  });
  const resource = toGcsResource(object, ex.origin);
  if (copy.method === 'copyTo') return sendJson(ex.res, 200, resource);
  sendJson(ex.res, 200, {
    kind: 'storage#rewriteResponse',
    totalBytesRewritten: String(object.size),
    objectSize: String(object.size),
    done: true,
    resource,
  });
}

async function handleUpload(ctx: StorageContext, ex: Exchange, segments: string[]): Promise<void> {
  const target = bucketAndObject(segments);
  if (!target || target.name !== undefined || segments.length < 3)
    throw new NotFoundError(`Not Found: ${ex.url.pathname}`);
  const bucket = validateBucketName(target.bucket);
  ctx.store.ensureBucket(bucket);
  const query = ex.url.searchParams;
  const uploadId = query.get('upload_id');
  if (uploadId !== null) return continueResumable(ctx, ex, bucket, uploadId);
  if (ex.method !== 'POST') throw new BadRequestError('Uploads start with POST.');
  const uploadType = query.get('uploadType') ?? header(ex, 'x-goog-upload-protocol');
  const preconditions = parsePreconditions(query);
  const queryName = query.get('name') ?? undefined;
  switch (uploadType) {
    case 'resumable':
      return startResumable(ctx, ex, bucket, queryName);
    case 'multipart': {
      const upload = await stageMultipart(ctx, ex.req, bucket, queryName);
      const object = await commitUpload(
        ctx,
        upload.staged,
        { ...upload.target, metadata: upload.metadata, preconditions, caller: ADMIN },
        upload.expected,
      );
      return sendJson(ex.res, 200, toGcsResource(object, ex.origin));
    }
    case 'media':
    case undefined: {
      const where = checkTarget(bucket, queryName);
      const staged = await stageBody(ctx, ex.req);
      const contentType = header(ex, 'content-type');
      const object = await commitUpload(
        ctx,
        staged,
        { ...where, metadata: contentType ? { contentType } : {}, preconditions, caller: ADMIN },
        expectedHashesOf(undefined, header(ex, 'x-goog-hash')),
      );
      return sendJson(ex.res, 200, toGcsResource(object, ex.origin));
    }
    default:
      throw new BadRequestError(`Invalid uploadType: ${uploadType}`);
  }
}

async function startResumable(
  ctx: StorageContext,
  ex: Exchange,
  bucket: string,
  queryName: string | undefined,
): Promise<void> {
  const {
    resource,
    metadata,
    target: where,
  } = await readUploadStart(ex.req, bucket, queryName, header(ex, 'x-upload-content-type'));
  const session = await ctx.uploads.start({
    ...where,
    metadata,
    ...declaredSizeOf(header(ex, 'x-upload-content-length'), 'X-Upload-Content-Length'),
    preconditions: parsePreconditions(ex.url.searchParams),
    caller: ADMIN,
    expected: expectedHashesOf(resource),
  });
  const url = new URL(`${ex.origin}/upload/storage/v1/b/${encodeURIComponent(bucket)}/o`);
  url.searchParams.set('uploadType', 'resumable');
  url.searchParams.set('name', where.name);
  url.searchParams.set('upload_id', session.id);
  sendEmpty(ex.res, 200, { Location: url.toString(), 'X-GUploader-UploadID': session.id });
}

/** Content-Range as resumable uploads use it: a byte span (last may be open) or none, then the total or a star. */
function parseContentRange(
  value: string | undefined,
): { first?: number; last?: number | '*'; total?: number } | null {
  if (value === undefined) return null;
  const match = /^bytes (?:(\d+)-(\d+|\*)|\*)\/(\d+|\*)$/.exec(value.trim());
  if (!match) throw new BadRequestError(`Invalid Content-Range: ${value}`);
  const [, first, last, total] = match;
  return {
    ...(first !== undefined ? { first: Number(first) } : {}),
    ...(last !== undefined ? { last: last === '*' ? '*' : Number(last) } : {}),
    ...(total !== '*' ? { total: Number(total) } : {}),
  };
}

async function continueResumable(
  ctx: StorageContext,
  ex: Exchange,
  bucket: string,
  uploadId: string,
): Promise<void> {
  const session = ctx.uploads.get(uploadId, bucket);
  if (ex.method === 'DELETE') {
    await ctx.uploads.cancel(session);
    throw new StorageError(499, 'clientClosedRequest', 'Upload cancelled.');
  }
  if (ex.method !== 'PUT' && ex.method !== 'POST')
    throw new BadRequestError(`Method ${ex.method} is not supported on uploads.`);
  if (session.status === 'final') return answerFinal(ctx, ex, session);
  const range = parseContentRange(header(ex, 'content-range'));
  const total = range?.total;
  if (total !== undefined && session.declaredSize !== undefined && session.declaredSize !== total) {
    throw new BadRequestError(
      `Content-Range total ${total} does not match the declared size ${session.declaredSize}.`,
    );
  }
  const expected = expectedHashesOf(undefined, header(ex, 'x-goog-hash'));
  if (range && range.first === undefined) {
    // No span: a status check, or the final empty request once everything has arrived.
    if (total === undefined || session.received !== total) return incomplete(ex, session);
    session.declaredSize = total;
    return finish(ctx, ex, session, expected);
  }
  const first = range?.first ?? session.received;
  // A closed span carries exactly its bytes; an open one with a total, the rest of the upload.
  const length =
    typeof range?.last === 'number'
      ? range.last - first + 1
      : total === undefined
        ? undefined
        : total - first;
  if (length !== undefined && (length < 0 || (total !== undefined && first + length > total)))
    throw new BadRequestError(`Invalid Content-Range: ${header(ex, 'content-range')}`);
  await ctx.uploads.append(session, first, ex.req, length);
  // The total binds the upload only once a chunk announcing it has been accepted.
  if (total !== undefined) session.declaredSize = total;
  // An open-ended span (or none) carries the rest of the upload; a closed one must reach the total.
  const complete =
    range === null || range.last === '*'
      ? total === undefined || session.received === total
      : session.received === total;
  if (complete) return finish(ctx, ex, session, expected);
  incomplete(ex, session);
}

async function finish(
  ctx: StorageContext,
  ex: Exchange,
  session: UploadSession,
  expected: ReturnType<typeof expectedHashesOf>,
): Promise<void> {
  const object = await finalizeSession(ctx, session, expected);
  sendJson(ex.res, 200, toGcsResource(object, ex.origin));
}

async function answerFinal(
  ctx: StorageContext,
  ex: Exchange,
  session: UploadSession,
): Promise<void> {
  ex.req.resume();
  return finish(ctx, ex, session, {});
}

/** 308 "Resume Incomplete" with the bytes persisted so far. */
function incomplete(ex: Exchange, session: UploadSession): void {
  sendEmpty(ex.res, 308, session.received > 0 ? { Range: `bytes=0-${session.received - 1}` } : {});
}
