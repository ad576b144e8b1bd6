/**
 * Signed URLs (`file.getSignedUrl()` of @google-cloud/storage and firebase-admin): the XML API's
 * `/{bucket}/{object}?X-Goog-…` (V4) or `?GoogleAccessId=…&Expires=…&Signature=…` (V2). GET and
 * HEAD read the object, PUT writes it as one finished upload (with the request's Content-Type),
 * DELETE deletes it, and POST with `x-goog-resumable: start` (`action: 'resumable'`) opens a
 * resumable upload whose session URI (on the JSON API's upload route) takes the bytes.
 * The signature is checked against the account's registered key (`signedUrls.ts`); storage.rules
 * do not apply, as in production, where a signed URL carries the signer's IAM rights. Errors are
 * answered in the XML API's shape, `<Error><Code>…</Code><Message>…</Message><Details>…`.
 */
import { ADMIN } from '../auth.js';
import type { StorageContext } from '../context.js';
import {
  BadRequestError,
  StorageError,
  validateBucketName,
  validateObjectName,
} from '../errors.js';
import { sendObjectBytes } from '../http/download.js';
import { header, type Exchange } from '../http/exchange.js';
import { sendEmpty } from '../http/respond.js';
import { parseMetadataPatch } from '../store/object.js';
import { checkPreconditions, parsePreconditions } from '../store/preconditions.js';
import { SignedUrlError, verifySignedUrl } from '../signedUrls.js';
import { commitUpload, expectedHashesOf, stageBody } from '../writes.js';

export async function handleSignedUrl(ctx: StorageContext, ex: Exchange): Promise<void> {
  try {
    await serve(ctx, ex);
  } catch (error) {
    if (!(error instanceof StorageError) || ex.res.headersSent) throw error;
    // A refused upload's body is not read: drain it so the client sees the answer.
    ex.req.resume();
    sendXmlError(ex, error);
  }
}

async function serve(ctx: StorageContext, ex: Exchange): Promise<void> {
  const [rawPath = '/', rawQuery = ''] = (ex.req.url ?? '/').split('?');
  const { account, version } = verifySignedUrl(
    { method: ex.method, rawPath, rawQuery, headers: ex.req.headers },
    ctx.signingKeys,
  );
  const [bucketSegment, ...nameSegments] = ex.segments;
  if (!bucketSegment || nameSegments.length === 0 || nameSegments.join('/') === '')
    throw new BadRequestError('A signed URL names a bucket and an object: /{bucket}/{object}.');
  const bucket = validateBucketName(bucketSegment);
  const name = validateObjectName(nameSegments.join('/'));
  ctx.log(`storage: ${ex.method} ${bucket}/${name} by a ${version} URL signed by ${account}`);
  const preconditions = parsePreconditions(
    new URLSearchParams(
      Object.entries({
        ifGenerationMatch: header(ex, 'x-goog-if-generation-match'),
        ifMetagenerationMatch: header(ex, 'x-goog-if-metageneration-match'),
      }).filter((entry): entry is [string, string] => entry[1] !== undefined),
    ),
  );
  switch (ex.method) {
    case 'GET':
    case 'HEAD': {
      const object = ctx.store.require(bucket, name);
      checkPreconditions(object, preconditions, 'read');
      // `responseType`, `promptSaveAs` and `responseDisposition` of getSignedUrl: signed query
      // parameters that set the response's headers, not the object's.
      const query = ex.url.searchParams;
      const served = {
        ...object,
        contentType: query.get('response-content-type') ?? object.contentType,
        contentDisposition: query.get('response-content-disposition') ?? object.contentDisposition,
      };
      return sendObjectBytes(ex.req, ex.res, served, ctx.store.files.pathOf(object.blob));
    }
    case 'POST': {
      // `action: 'resumable'`: starts a resumable upload whose session URI takes the bytes.
      if (header(ex, 'x-goog-resumable') !== 'start')
        throw new SignedUrlError(
          400,
          'InvalidArgument',
          'Invalid argument.',
          'A POST to a signed URL starts a resumable upload and needs x-goog-resumable: start.',
        );
      ctx.store.ensureBucket(bucket);
      const contentType = header(ex, 'content-type');
      const session = await ctx.uploads.start({
        bucket,
        name,
        metadata: parseMetadataPatch(contentType ? { contentType } : {}),
        preconditions,
        caller: ADMIN,
      });
      ex.req.resume();
      const location = new URL(`${ex.origin}/upload/storage/v1/b/${encodeURIComponent(bucket)}/o`);
      location.searchParams.set('uploadType', 'resumable');
      location.searchParams.set('name', name);
      location.searchParams.set('upload_id', session.id);
      return sendEmpty(ex.res, 201, {
        Location: location.toString(),
        'X-GUploader-UploadID': session.id,
      });
    }
    case 'PUT': {
      ctx.store.ensureBucket(bucket);
      // The Content-Type is validated before a byte is staged: a bad one changes nothing.
      const metadata = parseMetadataPatch({
        ...(header(ex, 'content-type') ? { contentType: header(ex, 'content-type') } : {}),
        ...(header(ex, 'cache-control') ? { cacheControl: header(ex, 'cache-control') } : {}),
        ...(header(ex, 'content-disposition')
          ? { contentDisposition: header(ex, 'content-disposition') }
          : {}),
      });
      const staged = await stageBody(ctx, ex.req);
      const object = await commitUpload(
        ctx,
        staged,
        { bucket, name, metadata, preconditions, caller: ADMIN },
        expectedHashesOf(undefined, header(ex, 'x-goog-hash')),
      );
      return sendEmpty(ex.res, 200, {
        ETag: `"${Buffer.from(object.md5Hash, 'base64').toString('hex')}"`,
        'X-Goog-Generation': object.generation,
        'X-Goog-Metageneration': String(object.metageneration),
        'X-Goog-Hash': `crc32c=${object.crc32c},md5=${object.md5Hash}`,
        'X-Goog-Stored-Content-Length': String(object.size),
      });
    }
    case 'DELETE':
      ctx.store.require(bucket, name);
      await ctx.store.delete(bucket, name, { preconditions });
      return sendEmpty(ex.res, 204);
    default:
      throw new SignedUrlError(
        405,
        'MethodNotAllowed',
        'The specified method is not allowed against this resource.',
        `Signed URLs are served for GET, HEAD, PUT, POST (resumable) and DELETE, not ${ex.method}.`,
      );
  }
}

/** The XML API's codes for the emulator's own errors (JSON reasons otherwise). */
const XML_CODES: Record<number, [string, string]> = {
  400: ['InvalidArgument', 'Invalid argument.'],
  404: ['NoSuchKey', 'The specified key does not exist.'],
  412: ['PreconditionFailed', 'At least one of the pre-conditions you specified did not hold.'],
  416: ['InvalidRange', 'The requested range cannot be satisfied.'],
};

function sendXmlError(ex: Exchange, error: StorageError): void {
  if (error.status === 304) return sendEmpty(ex.res, 304);
  const [code, message, details, extra] =
    error instanceof SignedUrlError
      ? [error.code, error.message, error.details, error.extra]
      : [...(XML_CODES[error.status] ?? [error.reason, error.message]), error.message, {}];
  const elements = { Code: code, Message: message, Details: details, ...extra };
  const body =
    "<?xml version='1.0' encoding='UTF-8'?><Error>" +
    Object.entries(elements)
      .map(([name, value]) => `<${name}>${escapeXml(value)}</${name}>`)
      .join('') +
    '</Error>';
  ex.res.writeHead(error.status, {
    'Content-Type': 'application/xml; charset=UTF-8',
    'Content-Length': Buffer.byteLength(body),
  });
  ex.res.end(body);
}

function escapeXml(text: string): string {
  return text.replace(
    /[<>&'"]/g,
    (char) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[char]!,
  );
}
