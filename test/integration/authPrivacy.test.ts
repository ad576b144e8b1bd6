// The Auth emulator as `npm test` starts it: with the email enumeration protection new Firebase
// projects have, so that nothing a stranger sends tells whether an address has an account.
import { describe, expect, it } from 'vitest';
import { createUser } from '../support/authUsers.js';
import { authEmulator } from '../support/env.js';

const identityToolkit = `http://${authEmulator.host}:${authEmulator.port}/identitytoolkit.googleapis.com/v1`;

async function post(path: string, body: unknown) {
  const response = await fetch(`${identityToolkit}${path}?key=demo-api-key`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return {
    status: response.status,
    body: (await response.json()) as { error?: { message: string } },
  };
}

describe('email enumeration protection', () => {
  it('answers a wrong password and an unknown address alike', async () => {
    const user = await createUser('enum');
    const signIn = (email: string, password: string) =>
      post('/accounts:signInWithPassword', { email, password, returnSecureToken: true });
    const wrongPassword = await signIn(user.email, 'not the password');
    const unknownEmail = await signIn(`nobody-${Date.now()}@example.com`, user.password);
    expect(wrongPassword).toEqual(unknownEmail);
    expect(unknownEmail.body.error?.message).toBe('INVALID_LOGIN_CREDENTIALS');
  });

  it('accepts a reset for an address no account uses, as for one that has', async () => {
    const reset = await post('/accounts:sendOobCode', {
      requestType: 'PASSWORD_RESET',
      email: `nobody-${Date.now()}@example.com`,
    });
    expect(reset.status).toBe(200);
  });
});
