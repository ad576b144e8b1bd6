import { describe, expect, it } from 'vitest';
import { AppError } from '../shared/errors.js';
import { ApiError, methodNotAllowed, toApiError, tooManyRequests } from './errors.js';

describe('toApiError', () => {
  it.each([
    ['invalid-argument', 400],
    ['unauthenticated', 401],
    ['permission-denied', 403],
    ['not-found', 404],
    ['already-exists', 409],
    ['failed-precondition', 409],
    ['resource-exhausted', 409],
  ] as const)('maps AppError %s to %i with its message', (code, status) => {
    const mapped = toApiError(new AppError(code, 'Because.'));
    expect(mapped.status).toBe(status);
    expect(mapped.body).toEqual({ error: { code, message: 'Because.' } });
  });

  it('asks for a bearer token on 401', () => {
    expect(toApiError(new AppError('unauthenticated', 'x')).headers).toEqual({
      'WWW-Authenticate': 'Bearer',
    });
  });

  it('hides anything unexpected behind a 500', () => {
    const mapped = toApiError(new Error('secret database detail'));
    expect(mapped.status).toBe(500);
    expect(mapped.body.error.code).toBe('internal');
    expect(mapped.message).not.toContain('secret');
  });

  it('passes ApiErrors through', () => {
    const error = new ApiError(415, 'unsupported-media-type', 'JSON please.');
    expect(toApiError(error)).toBe(error);
  });

  it('names the allowed methods in the Allow header of a 405', () => {
    expect(methodNotAllowed(['GET', 'POST']).headers).toEqual({ Allow: 'GET, POST' });
  });

  it('tells a flooding caller when to retry', () => {
    const error = tooManyRequests(3);
    expect(error.status).toBe(429);
    expect(error.headers).toEqual({ 'Retry-After': '3' });
  });
});
