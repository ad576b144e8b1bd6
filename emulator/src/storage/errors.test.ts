import { describe, expect, it } from 'vitest';
import {
  BadRequestError,
  ForbiddenError,
  NotFoundError,
  PayloadTooLargeError,
  PreconditionFailedError,
  StorageError,
  UnauthorizedError,
} from './errors.js';

describe('storage errors', () => {
  it('carry the status and GCS reason of their kind, and their own class name', () => {
    const kinds = [
      [new BadRequestError('m'), 400, 'invalid', 'BadRequestError'],
      [new UnauthorizedError('m'), 401, 'required', 'UnauthorizedError'],
      [new ForbiddenError('m'), 403, 'forbidden', 'ForbiddenError'],
      [new NotFoundError('m'), 404, 'notFound', 'NotFoundError'],
      [new PayloadTooLargeError('m'), 413, 'uploadTooLarge', 'PayloadTooLargeError'],
    ] as const;
    for (const [error, status, reason, name] of kinds) {
      expect(error).toBeInstanceOf(StorageError);
      expect({ status: error.status, reason: error.reason, name: error.name }).toEqual({
        status,
        reason,
        name,
      });
      expect(error.message).toBe('m');
    }
  });

  it('word a failed precondition as GCS does unless told otherwise', () => {
    const error = new PreconditionFailedError();
    expect(error).toBeInstanceOf(StorageError);
    expect([error.status, error.reason, error.name]).toEqual([
      412,
      'conditionNotMet',
      'PreconditionFailedError',
    ]);
    expect(error.message).toBe('At least one of the pre-conditions you specified did not hold.');
    expect(new PreconditionFailedError('other').message).toBe('other');
  });
});
