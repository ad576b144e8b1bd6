import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BadRequestError } from './errors.js';
import { SigningKeys } from './signingKeys.js';

const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 });
const privatePem = rsa.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const publicPem = rsa.publicKey.export({ type: 'spki', format: 'pem' }).toString();
const email = 'signer@demo-x.iam.gserviceaccount.com';

describe('SigningKeys', () => {
  it('keeps the public half of a key file, or a public key as given', () => {
    const keys = new SigningKeys();
    expect(keys.add({ client_email: email, private_key: privatePem })).toBe(email);
    expect(keys.get(email)?.type).toBe('public');
    keys.add({ client_email: 'other@demo-x.iam.gserviceaccount.com', public_key: publicPem });
    expect(keys.emails()).toEqual(['other@demo-x.iam.gserviceaccount.com', email]);
  });

  it('refuses what is not a service account with an RSA key, naming the source', () => {
    const keys = new SigningKeys();
    expect(() => keys.add({ private_key: privatePem }, 'k.json')).toThrow(
      /k\.json: 'client_email'/,
    );
    expect(() => keys.add({ client_email: email })).toThrow(/needs 'private_key'/);
    expect(() => keys.add({ client_email: email, public_key: 'nope' })).toThrow(BadRequestError);
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    expect(() =>
      keys.add({
        client_email: email,
        public_key: ec.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
      }),
    ).toThrow(/not an RSA key/);
    expect(keys.emails()).toEqual([]);
  });

  it('reads key files, and says which one it could not read', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hearth-keys-'));
    const good = join(dir, 'sa.json');
    writeFileSync(
      good,
      JSON.stringify({ type: 'service_account', client_email: email, private_key: privatePem }),
    );
    const broken = join(dir, 'broken.json');
    writeFileSync(broken, '{ "client_email": ');
    const keys = new SigningKeys();
    expect(keys.addFile(good)).toBe(email);
    expect(() => keys.addFile(broken)).toThrow(/Cannot read signing key .*broken\.json/);
    expect(() => keys.addFile(join(dir, 'missing.json'))).toThrow(/missing\.json/);
  });
});
