/**
 * The Firebase Storage v0 API (`/v0/b/{bucket}/o...`), the front door of the web SDK. Every
 * request from a client is judged by storage.rules; `owner` callers bypass them.
 */
import { randomUUID } from 'node:crypto';
import { callerOf, type Caller } from '../auth.js';
import { authorizeRead, writeAuthorizer, type StorageContext } from '../context.js';
import { BadRequestError, ForbiddenError, NotFoundError, validateBucketName } from '../errors.js';
import { readJson } from '../http/body.js';
import { sendObjectBytes } from '../http/download.js';
import { bucketAndObject, header, type Exchange } from '../http/exchange.js';
import { sendEmpty, sendJson } from '../http/respond.js';
import {
  DOWNLOAD_TOKENS_KEY,
  downloadTokens,
  parseMetadataPatch,
  type MetadataPatch,
} from '../store/object.js';
import { inlineDisposition, toFirebaseResource } from '../store/views.js';
import type { UploadSession } from '../uploads.js';
import {
  checkTarget,
  commitUpload,
  declaredSizeOf,
  finalizeSession,
  readUploadStart,
  stageBody,
  stageMultipart,
} from '../writes.js';
import { parseListQuery } from './listQuery.js';

/** What every v0 request carries once routed: the emulator, the exchange, who calls, which bucket. */
interface BucketCall {
  ctx: StorageContext;
  ex: Exchange;
  caller: Caller;
  bucket: string;
}

export async function handleFirebase(ctx: StorageContext, ex: Exchange): Promise<void> {
  const target = bucketAndObject(ex.segments.slice(1));
  if (!target || target.bucket === undefined) throw new NotFoundError('Not Found.');
  const bucket = validateBucketName(target.bucket);
  ctx.store.ensureBucket(bucket);
  const caller = callerOf(header(ex, 'authorization'), header(ex, 'x-goog-api-client'));
  const call: BucketCall = { ctx, ex, caller, bucket };
  const name = target.name;
  const query = ex.url.searchParams;
  switch (ex.method) {
    case 'GET':
    case 'HEAD':
      return name === undefined ? list(call) : get(call, name);
    case 'PATCH':
      return updateMetadata(call, name);
    case 'DELETE':
      if (name === undefined) throw new NotFoundError('Not Found.');
      await ctx.store.delete(bucket, name, {
        authorize: writeAuthorizer(ctx, caller, bucket, name),
      });
      return sendEmpty(ex.res, 204);
    case 'PUT':
    case 'POST':
      if (header(ex, 'x-http-method-override')?.toUpperCase() === 'PATCH') {
        return updateMetadata(call, name);
      }
      if (name !== undefined && (query.has('create_token') || query.has('delete_token'))) {
        return manageTokens(call, name);
      }
      return upload(call, name ?? query.get('name') ?? undefined);
    default:
      throw new BadRequestError(`Method ${ex.method} is not supported here.`);
  }
}

async function list({ ctx, ex, caller, bucket }: BucketCall): Promise<void> {
  const options = parseListQuery(ex.url.searchParams);
  if (options.prefix !== '' && !options.prefix.endsWith('/')) {
    throw new BadRequestError(
      'The prefix parameter is required to be empty or ends with a single / character.',
    );
  }
  authorizeRead(ctx, caller, {
    method: 'list',
    bucket,
    prefix: options.prefix,
    delimiter: options.delimiter,
  });
  const page = ctx.store.list(bucket, options);
  // Names with empty segments cannot be reached through Firebase paths, so Firebase hides them.
  const reachable = (path: string) =>
    path
      .replace(/\/$/, '')
      .split('/')
      .every((segment) => segment !== '');
  sendJson(ex.res, 200, {
    prefixes: page.prefixes.filter(reachable),
    items: page.items
      .filter((item) => reachable(item.name))
      .map((item) => ({ name: item.name, bucket })),
    ...(page.nextPageToken ? { nextPageToken: page.nextPageToken } : {}),
  });
}

async function get({ ctx, ex, caller, bucket }: BucketCall, name: string): Promise<void> {
  let object = ctx.store.get(bucket, name);
  const token = ex.url.searchParams.get('token');
  const media = ex.url.searchParams.get('alt') === 'media';
  // A download token is a capability: it opens the bytes without asking the rules.
  const tokenOpens =
    media && token !== null && object !== undefined && downloadTokens(object).includes(token);
  if (!tokenOpens) authorizeRead(ctx, caller, { method: 'get', bucket, name, object });
  if (!object) throw new NotFoundError(`No such object: ${bucket}/${name}`);
  if (media) return sendObjectBytes(ex.req, ex.res, object, ctx.store.files.pathOf(object.blob));
  if (downloadTokens(object).length === 0) {
    // Firebase mints a token the first time a client reads the metadata of an object without one
    // (e.g. written through GCS), so that getDownloadURL works; it is not a client-visible update.
    object = await ctx.store.updateMetadata(
      bucket,
      name,
      // Two first readers racing must end up with one token: the second sees the first's.
      (current) =>
        downloadTokens(current).length > 0
          ? {}
          : { metadata: { [DOWNLOAD_TOKENS_KEY]: randomUUID() } },
      {
        silent: true,
      },
    );
  }
  sendJson(ex.res, 200, toFirebaseResource(object));
}

async function updateMetadata(
  { ctx, ex, caller, bucket }: BucketCall,
  name: string | undefined,
): Promise<void> {
  if (name === undefined) throw new NotFoundError('Not Found.');
  const patch = parseMetadataPatch(await readJson(ex.req));
  const object = await ctx.store.updateMetadata(bucket, name, () => patch, {
    authorize: writeAuthorizer(ctx, caller, bucket, name),
  });
  sendJson(ex.res, 200, toFirebaseResource(object));
}

async function manageTokens({ ctx, ex, caller, bucket }: BucketCall, name: string): Promise<void> {
  if (caller.kind !== 'admin') throw new ForbiddenError('Missing admin credentials.');
  const query = ex.url.searchParams;
  const create = query.get('create_token');
  const remove = query.get('delete_token');
  if (create !== null && create !== 'true')
    throw new BadRequestError('create_token must be "true".');
  const object = await ctx.store.updateMetadata(bucket, name, (current) => {
    const tokens = downloadTokens(current);
    const next =
      create !== null ? [...tokens, randomUUID()] : tokens.filter((token) => token !== remove);
    return { metadata: { [DOWNLOAD_TOKENS_KEY]: next.length > 0 ? next.join(',') : null } };
  });
  sendJson(ex.res, 200, toFirebaseResource(object));
}

/**
 * What Firebase adds to every object it writes: a download token, and an inline disposition
 * naming the file, so that download URLs open in the browser.
 */
function firebaseDefaults(patch: MetadataPatch, name: string): MetadataPatch {
  return {
    ...patch,
    contentDisposition: patch.contentDisposition ?? inlineDisposition(name),
    metadata: { [DOWNLOAD_TOKENS_KEY]: randomUUID(), ...patch.metadata },
  };
}

async function upload(call: BucketCall, queryName: string | undefined): Promise<void> {
  const { ctx, ex, caller, bucket } = call;
  const uploadId = ex.url.searchParams.get('upload_id');
  if (uploadId !== null) return continueResumable(call, uploadId);
  const command = header(ex, 'x-goog-upload-command');
  const protocol = header(ex, 'x-goog-upload-protocol');
  if (command !== undefined || protocol === 'resumable') {
    if (command?.trim().toLowerCase() !== 'start') {
      throw new BadRequestError(
        `Upload command ${JSON.stringify(command ?? '')} needs an upload_id.`,
      );
    }
    return startResumable(call, queryName);
  }
  const contentType = header(ex, 'content-type');
  if (protocol === 'multipart' || /^multipart\/related/i.test(contentType ?? '')) {
    const upload = await stageMultipart(ctx, ex.req, bucket, queryName);
    const object = await commitUpload(
      ctx,
      upload.staged,
      {
        ...upload.target,
        metadata: firebaseDefaults(upload.metadata, upload.target.name),
        preconditions: {},
        caller,
      },
      upload.expected,
    );
    return sendJson(ex.res, 200, toFirebaseResource(object));
  }
  const where = checkTarget(bucket, queryName);
  const staged = await stageBody(ctx, ex.req);
  const patch: MetadataPatch = contentType ? { contentType } : {};
  const object = await commitUpload(ctx, staged, {
    ...where,
    metadata: firebaseDefaults(patch, where.name),
    preconditions: {},
    caller,
  });
  sendJson(ex.res, 200, toFirebaseResource(object));
}

async function startResumable(
  { ctx, ex, caller, bucket }: BucketCall,
  queryName: string | undefined,
): Promise<void> {
  const { metadata, target: where } = await readUploadStart(
    ex.req,
    bucket,
    queryName,
    header(ex, 'x-goog-upload-header-content-type'),
  );
  const session = await ctx.uploads.start({
    ...where,
    metadata: firebaseDefaults(metadata, where.name),
    ...declaredSizeOf(
      header(ex, 'x-goog-upload-header-content-length'),
      'X-Goog-Upload-Header-Content-Length',
    ),
    preconditions: {},
    caller,
  });
  const url = new URL(`${ex.origin}/v0/b/${encodeURIComponent(bucket)}/o`);
  url.searchParams.set('name', where.name);
  url.searchParams.set('upload_id', session.id);
  url.searchParams.set('upload_protocol', 'resumable');
  sendEmpty(ex.res, 200, {
    'X-Goog-Upload-Status': 'active',
    'X-Goog-Upload-URL': url.toString(),
    'X-Goog-Upload-Control-URL': url.toString(),
    'X-Goog-Upload-Chunk-Granularity': String(256 * 1024),
    'X-GUploader-UploadID': session.id,
  });
}

const COMMANDS = new Set(['upload', 'finalize', 'query', 'cancel']);

async function continueResumable({ ctx, ex, bucket }: BucketCall, uploadId: string): Promise<void> {
  const session = ctx.uploads.get(uploadId, bucket);
  const commands = (header(ex, 'x-goog-upload-command') ?? '')
    .split(',')
    .map((command) => command.trim().toLowerCase())
    .filter((command) => command !== '');
  if (commands.length === 0 || commands.some((command) => !COMMANDS.has(command))) {
    throw new BadRequestError(
      `Invalid X-Goog-Upload-Command: ${header(ex, 'x-goog-upload-command') ?? '(none)'}`,
    );
  }
  if (commands.includes('query')) return sendEmpty(ex.res, 200, statusHeaders(session));
  if (commands.includes('cancel')) {
    await ctx.uploads.cancel(session);
    return sendEmpty(ex.res, 200, { 'X-Goog-Upload-Status': 'cancelled' });
  }
  if (commands.includes('upload')) {
    const offset = header(ex, 'x-goog-upload-offset');
    if (offset === undefined || !/^\d+$/.test(offset)) {
      throw new BadRequestError('X-Goog-Upload-Offset is required with the upload command.');
    }
    // Finalizing in the same request: the chunk must bring the upload to its declared size, or
    // it is refused whole instead of being kept by a request that failed.
    const length =
      commands.includes('finalize') && session.declaredSize !== undefined
        ? session.declaredSize - Number(offset)
        : undefined;
    await ctx.uploads.append(session, Number(offset), ex.req, length);
  }
  if (!commands.includes('finalize')) return sendEmpty(ex.res, 200, statusHeaders(session));
  const object = await finalizeSession(ctx, session);
  sendJson(ex.res, 200, toFirebaseResource(object), { 'X-Goog-Upload-Status': 'final' });
}

function statusHeaders(session: UploadSession): Record<string, string> {
  const received =
    session.outcome && !(session.outcome instanceof Error)
      ? session.outcome.size
      : session.received;
  return {
    'X-Goog-Upload-Status': session.status,
    'X-Goog-Upload-Size-Received': String(received),
  };
}
