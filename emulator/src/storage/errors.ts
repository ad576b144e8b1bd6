/**
 * Typed errors thrown by the storage layer and the API adapters. They carry the HTTP status and
 * the GCS `reason`; `http/respond.ts` is the one place that turns them into responses.
 */
export class StorageError extends Error {
  constructor(
    readonly status: number,
    readonly reason: string,
    message: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** A StorageError class with its status and reason fixed: each kind below differs in nothing else. */
function withStatus(status: number, reason: string) {
  return class extends StorageError {
    constructor(message: string) {
      super(status, reason, message);
    }
  };
}

export class BadRequestError extends withStatus(400, 'invalid') {}
export class UnauthorizedError extends withStatus(401, 'required') {}
export class ForbiddenError extends withStatus(403, 'forbidden') {}
export class NotFoundError extends withStatus(404, 'notFound') {}
export class PayloadTooLargeError extends withStatus(413, 'uploadTooLarge') {}

export class PreconditionFailedError extends withStatus(412, 'conditionNotMet') {
  constructor(message = 'At least one of the pre-conditions you specified did not hold.') {
    super(message);
  }
}

/** GCS answers a failed `ifGenerationNotMatch`/`ifMetagenerationNotMatch` on reads with 304. */
export class NotModifiedError extends StorageError {
  constructor() {
    super(304, 'notModified', 'Not Modified');
  }
}

export class RangeNotSatisfiableError extends StorageError {
  constructor(readonly size: number) {
    super(416, 'requestedRangeNotSatisfiable', 'The requested range cannot be satisfied.');
  }
}

/** Object names as GCS accepts them: 1..1024 bytes of UTF-8, no CR/LF, not `.` or `..`. */
export function validateObjectName(name: string): string {
  const bytes = Buffer.byteLength(name, 'utf8');
  if (bytes === 0 || bytes > 1024) {
    throw new BadRequestError('Object name must be between 1 and 1024 bytes of UTF-8.');
  }
  if (/[\r\n]/.test(name) || name === '.' || name === '..') {
    throw new BadRequestError(`Invalid object name: ${JSON.stringify(name)}`);
  }
  if (/[\uD800-\uDFFF]/.test(name.replace(/[\uD800-\uDBFF][\uDC00-\uDFFF]/g, ''))) {
    throw new BadRequestError('Object name is not valid UTF-8.');
  }
  return name;
}

export function validateBucketName(bucket: string): string {
  if (!/^[a-z0-9][a-z0-9._-]{1,220}[a-z0-9]$/.test(bucket)) {
    throw new BadRequestError(`Invalid bucket name: ${JSON.stringify(bucket)}`);
  }
  return bucket;
}
