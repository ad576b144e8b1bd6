import { describe, expect, it } from 'vitest';
import { callerOf } from './auth.js';
import { UnauthorizedError } from './errors.js';

const jwt = (claims: object) =>
  `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.`;

describe('callerOf', () => {
  it('treats a missing header as an anonymous client', () => {
    expect(callerOf(undefined)).toEqual({ kind: 'client', auth: null });
  });
  it('treats the Cloud Storage client library without credentials as admin, and nobody else', () => {
    expect(callerOf(undefined, 'gl-node/20.0.0 gccl/7.22.0-CJS gccl-invocation-id/x')).toEqual({
      kind: 'admin',
    });
    expect(callerOf(undefined, 'gl-node/20.0.0 fire/12')).toEqual({ kind: 'client', auth: null });
  });
  it('treats the owner token as admin', () => {
    expect(callerOf('Firebase owner')).toEqual({ kind: 'admin' });
    expect(callerOf('Bearer owner')).toEqual({ kind: 'admin' });
  });
  it('turns an unsigned ID token into request.auth', () => {
    const caller = callerOf(`Firebase ${jwt({ sub: 'alice', email: 'a@x.test' })}`);
    expect(caller).toEqual({
      kind: 'client',
      auth: { uid: 'alice', token: { sub: 'alice', uid: 'alice', email: 'a@x.test' } },
    });
    expect(callerOf(`Bearer ${jwt({ user_id: 'bob' })}`)).toMatchObject({ auth: { uid: 'bob' } });
  });
  it('rejects a Firebase token that is not a JWT, or one without a uid', () => {
    expect(() => callerOf('Firebase nonsense')).toThrow(UnauthorizedError);
    expect(() => callerOf(`Firebase ${jwt({ email: 'x' })}`)).toThrow(UnauthorizedError);
    expect(() => callerOf('Basic abc')).toThrow(UnauthorizedError);
  });
});
