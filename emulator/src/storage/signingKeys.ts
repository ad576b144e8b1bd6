/**
 * The service accounts whose signed URLs the emulator can verify: client_email → public key. The
 * emulator cannot know keys that Google holds, so it learns them from service-account key files
 * (firebase.json `emulators.storage.signingKeys`, GOOGLE_APPLICATION_CREDENTIALS) or from the
 * control route `POST /internal/signingKeys`. Only the public half is kept.
 */
import { createPublicKey, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { BadRequestError } from './errors.js';

export class SigningKeys {
  private readonly keys = new Map<string, KeyObject>();

  /**
   * Registers a service account from its key file's JSON (`client_email` and `private_key`), or
   * from `client_email` and `public_key` (PEM). Returns the account's email.
   */
  add(json: unknown, source = 'the request body'): string {
    const entry = (json ?? {}) as Record<string, unknown>;
    const email = entry.client_email;
    const pem = entry.public_key ?? entry.private_key;
    if (typeof email !== 'string' || !email.includes('@') || email.includes('/'))
      throw new BadRequestError(`${source}: 'client_email' must be a service account's email.`);
    if (typeof pem !== 'string')
      throw new BadRequestError(
        `${source}: a signing key needs 'private_key' (a service-account key file) or 'public_key' (PEM).`,
      );
    let key: KeyObject;
    try {
      key = createPublicKey(pem);
    } catch (error) {
      throw new BadRequestError(
        `${source}: the key of ${email} is not a PEM key: ${(error as Error).message}`,
      );
    }
    if (key.asymmetricKeyType !== 'rsa')
      throw new BadRequestError(`${source}: the key of ${email} is not an RSA key.`);
    this.keys.set(email, key);
    return email;
  }

  /** Reads a service-account key file; a file that is not one is an error naming it. */
  addFile(path: string): string {
    let json: unknown;
    try {
      json = JSON.parse(readFileSync(path, 'utf8'));
    } catch (error) {
      throw new BadRequestError(`Cannot read signing key ${path}: ${(error as Error).message}`);
    }
    return this.add(json, path);
  }

  get(email: string): KeyObject | undefined {
    return this.keys.get(email);
  }

  emails(): string[] {
    return [...this.keys.keys()].sort();
  }
}
