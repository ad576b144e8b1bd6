/**
 * Signed URLs (firebase-tools #3400): @google-cloud/storage's and firebase-admin's
 * `getSignedUrl`, signing with a service-account key made up here, against the in-process Storage
 * emulator. The URLs read and write until they expire; a changed byte, an expired window, another
 * method or an account whose key the emulator does not know are refused with GCS's XML errors.
 */
import { generateKeyPairSync } from 'node:crypto';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Storage, type File } from '@google-cloud/storage';
import { cert, deleteApp, initializeApp, type App } from 'firebase-admin/app';
import { getStorage } from 'firebase-admin/storage';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { readFirebaseJson } from '../src/config.js';
import { startEmulators } from '../src/emulators.js';
import { startStorage, type ObjectEvent, type StorageEmulator } from '../src/storage/index.js';

const projectId = 'demo-signed-urls';
const bucketName = `${projectId}.appspot.com`;
let emulator: StorageEmulator;
let origin: string;
let storage: Storage;
let app: App;
const events: ObjectEvent[] = [];

/** A service-account key file as the Cloud console hands it out, with a key made up for the test. */
function madeUpServiceAccount(name: string) {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return {
    type: 'service_account',
    project_id: projectId,
    private_key_id: name,
    private_key: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    public_key: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    client_email: `${name}@${projectId}.iam.gserviceaccount.com`,
  };
}

const signer = madeUpServiceAccount('signer');
const stranger = madeUpServiceAccount('stranger');

const clientFor = (account: ReturnType<typeof madeUpServiceAccount>) =>
  new Storage({
    projectId,
    credentials: { client_email: account.client_email, private_key: account.private_key },
  });

beforeAll(async () => {
  const dir = await mkdtemp(join(tmpdir(), 'hearth-signed-'));
  const keyFile = join(dir, 'signer.json');
  const { public_key: _public, ...keyFileJson } = signer;
  await writeFile(keyFile, JSON.stringify(keyFileJson));
  // Rules that refuse everything: signed URLs do not go through them, as in production.
  const rulesFile = join(dir, 'storage.rules');
  await writeFile(
    rulesFile,
    "rules_version = '2';\nservice firebase.storage { match /b/{bucket}/o { match /{all=**} { allow read, write: if false; } } }\n",
  );
  emulator = await startStorage({ port: 0, projectId, rulesFile, signingKeys: [keyFile] });
  emulator.onObjectEvent((event) => events.push(event));
  origin = `http://${emulator.host}:${emulator.port}`;
  process.env.STORAGE_EMULATOR_HOST = origin;
  storage = clientFor(signer);
  app = initializeApp(
    {
      projectId,
      storageBucket: bucketName,
      credential: cert({
        projectId,
        clientEmail: signer.client_email,
        privateKey: signer.private_key,
      }),
    },
    'signed-urls',
  );
});

afterAll(async () => {
  await deleteApp(app);
  await emulator.close();
});

const file = (name: string) => storage.bucket(bucketName).file(name);
const inAMinute = () => Date.now() + 60_000;

async function signed(
  target: File,
  config: {
    action: 'read' | 'write' | 'delete' | 'resumable';
    version?: 'v2' | 'v4';
    contentType?: string;
    promptSaveAs?: string;
    responseType?: string;
  },
  expires = inAMinute(),
): Promise<string> {
  const [url] = await target.getSignedUrl({ version: 'v4', expires, ...config });
  return url;
}

/** Signs as if the clock read `at`: the library refuses to sign a URL that is already expired. */
async function signedAt(
  at: number,
  target: File,
  config: { action: 'read' | 'write'; version?: 'v2' | 'v4' },
): Promise<string> {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(at);
  try {
    return await signed(target, config, at + 60_000);
  } finally {
    vi.useRealTimers();
  }
}

/** The XML API's error: status, `<Code>` and `<Details>`. */
async function xmlError(response: Response) {
  const body = await response.text();
  expect(response.headers.get('content-type')).toMatch(/^application\/xml/);
  return {
    status: response.status,
    code: /<Code>([^<]*)<\/Code>/.exec(body)?.[1],
    details: /<Details>([^<]*)<\/Details>/.exec(body)?.[1] ?? '',
  };
}

/** Flips one character of the URL's part, keeping it well-formed where it must stay so. */
function changeByte(url: string, part: 'path' | 'signature' | 'expires'): string {
  const parsed = new URL(url);
  if (part === 'path') {
    parsed.pathname = parsed.pathname.replace(/.$/, (last) => (last === 't' ? 'x' : 't'));
  } else if (part === 'signature') {
    const signature = parsed.searchParams.get('X-Goog-Signature')!;
    const flipped = signature[10] === 'a' ? 'b' : 'a';
    parsed.searchParams.set(
      'X-Goog-Signature',
      signature.slice(0, 10) + flipped + signature.slice(11),
    );
  } else {
    const expires = Number(parsed.searchParams.get('X-Goog-Expires'));
    parsed.searchParams.set('X-Goog-Expires', String(expires + 1));
  }
  return parsed.toString();
}

describe('V4 signed URLs from @google-cloud/storage', () => {
  it('are path-style URLs on the emulator that sign the host', async () => {
    const url = new URL(await signed(file('shape.txt'), { action: 'read' }));
    expect(url.origin).toBe(origin);
    expect(url.pathname).toBe(`/${bucketName}/shape.txt`);
    expect(url.searchParams.get('X-Goog-Algorithm')).toBe('GOOG4-RSA-SHA256');
    expect(url.searchParams.get('X-Goog-SignedHeaders')).toBe('host');
  });

  it('read: a plain fetch gets the bytes and the content type, past rules that refuse everyone', async () => {
    await file('docs/report 1.txt').save('quarterly numbers', { contentType: 'text/plain' });
    const url = await signed(file('docs/report 1.txt'), { action: 'read' });
    const response = await fetch(url);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/plain');
    expect(await response.text()).toBe('quarterly numbers');
    const partial = await fetch(url, { headers: { Range: 'bytes=0-8' } });
    expect(partial.status).toBe(206);
    expect(await partial.text()).toBe('quarterly');
  });

  it('write: a PUT creates a finished object with the signed Content-Type, readable through the JSON API', async () => {
    const target = file('uploads/photo.png');
    const url = await signed(target, { action: 'write', contentType: 'image/png' });
    const body = Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]);
    const before = events.length;
    const response = await fetch(url, {
      method: 'PUT',
      headers: { 'Content-Type': 'image/png' },
      body,
    });
    expect(response.status).toBe(200);
    const [metadata] = await target.getMetadata();
    expect(metadata).toMatchObject({ contentType: 'image/png', size: '7' });
    expect(response.headers.get('x-goog-generation')).toBe(metadata.generation);
    const [downloaded] = await target.download();
    expect(downloaded.equals(body)).toBe(true);
    expect(events.slice(before).map((event) => event.type)).toContain('finalized');
  });

  it('read: responseType and promptSaveAs set the response headers, not the object', async () => {
    const target = file('docs/report 1.txt');
    const url = await signed(target, {
      action: 'read',
      responseType: 'application/json',
      promptSaveAs: 'report.json',
    });
    const response = await fetch(url);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="report.json"');
    expect((await target.getMetadata())[0].contentType).toBe('text/plain');
  });

  it('resumable: a signed POST opens a session whose URI takes the bytes in chunks', async () => {
    const target = file('uploads/video.bin');
    const url = await signed(target, { action: 'resumable', contentType: 'video/mp4' });
    const data = Buffer.alloc(512 * 1024 + 5, 9);
    const unsigned = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'video/mp4' } });
    expect(await xmlError(unsigned)).toMatchObject({ status: 403, code: 'SignatureDoesNotMatch' });
    const start = await fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'video/mp4', 'x-goog-resumable': 'start' },
    });
    expect(start.status).toBe(201);
    const session = start.headers.get('location')!;
    const first = await fetch(session, {
      method: 'PUT',
      headers: { 'Content-Range': `bytes 0-262143/${data.length}` },
      body: data.subarray(0, 262144),
    });
    expect(first.status).toBe(308);
    expect((await target.exists())[0]).toBe(false);
    const last = await fetch(session, {
      method: 'PUT',
      headers: { 'Content-Range': `bytes 262144-${data.length - 1}/${data.length}` },
      body: data.subarray(262144),
    });
    expect(last.status).toBe(200);
    const [metadata] = await target.getMetadata();
    expect(metadata).toMatchObject({ contentType: 'video/mp4', size: String(data.length) });
    expect((await target.download())[0].equals(data)).toBe(true);
  });

  it('write: a Content-Type other than the signed one is refused and writes nothing', async () => {
    const target = file('uploads/typed.png');
    const url = await signed(target, { action: 'write', contentType: 'image/png' });
    const response = await fetch(url, {
      method: 'PUT',
      headers: { 'Content-Type': 'text/html' },
      body: '<script>',
    });
    expect(await xmlError(response)).toMatchObject({ status: 403, code: 'SignatureDoesNotMatch' });
    expect((await target.exists())[0]).toBe(false);
  });

  it('a read URL cannot write, and a write URL cannot read', async () => {
    await file('docs/keep.txt').save('original');
    const readUrl = await signed(file('docs/keep.txt'), { action: 'read' });
    const put = await fetch(readUrl, { method: 'PUT', body: 'overwritten' });
    expect(await xmlError(put)).toMatchObject({ status: 403, code: 'SignatureDoesNotMatch' });
    const [kept] = await file('docs/keep.txt').download();
    expect(kept.toString()).toBe('original');
    const writeUrl = await signed(file('docs/keep.txt'), { action: 'write' });
    expect(await xmlError(await fetch(writeUrl))).toMatchObject({
      status: 403,
      code: 'SignatureDoesNotMatch',
    });
  });

  it('delete: a DELETE URL deletes the object; a read URL cannot', async () => {
    const target = file('docs/doomed.txt');
    await target.save('doomed');
    const readUrl = await signed(target, { action: 'read' });
    expect(await xmlError(await fetch(readUrl, { method: 'DELETE' }))).toMatchObject({
      status: 403,
      code: 'SignatureDoesNotMatch',
    });
    expect((await target.exists())[0]).toBe(true);
    const deleteUrl = await signed(target, { action: 'delete' });
    expect((await fetch(deleteUrl, { method: 'DELETE' })).status).toBe(204);
    expect((await target.exists())[0]).toBe(false);
    expect(await xmlError(await fetch(deleteUrl, { method: 'DELETE' }))).toMatchObject({
      status: 404,
      code: 'NoSuchKey',
    });
  });

  it.each(['path', 'signature', 'expires'] as const)(
    'a changed byte in the %s is refused with 403 SignatureDoesNotMatch',
    async (part) => {
      await file('docs/secret.txt').save('secret');
      const url = await signed(file('docs/secret.txt'), { action: 'read' });
      expect((await fetch(url)).status).toBe(200);
      const error = await xmlError(await fetch(changeByte(url, part)));
      expect(error).toMatchObject({ status: 403, code: 'SignatureDoesNotMatch' });
      expect(error.details).toMatch(/does not match the signature you provided/);
    },
  );

  it('a changed byte in a write URL writes nothing', async () => {
    const target = file('uploads/tampered.txt');
    const url = changeByte(await signed(target, { action: 'write' }), 'signature');
    const response = await fetch(url, { method: 'PUT', body: 'forged' });
    expect(await xmlError(response)).toMatchObject({ status: 403, code: 'SignatureDoesNotMatch' });
    expect((await target.exists())[0]).toBe(false);
  });

  it('expired URLs are refused with 400 ExpiredToken, for reading and for writing', async () => {
    await file('docs/old.txt').save('old');
    const twoHoursAgo = Date.now() - 2 * 3600_000;
    const readUrl = await signedAt(twoHoursAgo, file('docs/old.txt'), { action: 'read' });
    const read = await xmlError(await fetch(readUrl));
    expect(read).toMatchObject({ status: 400, code: 'ExpiredToken' });
    expect(read.details).toBe(
      `Request signature expired at: ${new Date(Math.floor(twoHoursAgo / 1000) * 1000 + 60_000).toISOString()}`,
    );
    const writeUrl = await signedAt(twoHoursAgo, file('uploads/late.txt'), { action: 'write' });
    const write = await fetch(writeUrl, { method: 'PUT', body: 'too late' });
    expect(await xmlError(write)).toMatchObject({ status: 400, code: 'ExpiredToken' });
    expect((await file('uploads/late.txt').exists())[0]).toBe(false);
  });

  it('a URL that becomes valid later is refused until then', async () => {
    await file('docs/later.txt').save('later');
    const [url] = await file('docs/later.txt').getSignedUrl({
      version: 'v4',
      action: 'read',
      accessibleAt: Date.now() + 3600_000,
      expires: Date.now() + 7200_000,
    });
    expect(await xmlError(await fetch(url))).toMatchObject({ status: 403, code: 'AccessDenied' });
  });

  it('malformed signing parameters are 400 MalformedSecurityHeader', async () => {
    const url = new URL(await signed(file('docs/report 1.txt'), { action: 'read' }));
    url.searchParams.set('X-Goog-Date', '2026-12-04');
    expect(await xmlError(await fetch(url))).toMatchObject({
      status: 400,
      code: 'MalformedSecurityHeader',
    });
    url.searchParams.delete('X-Goog-Credential');
    expect(await xmlError(await fetch(url))).toMatchObject({
      status: 400,
      code: 'MalformedSecurityHeader',
    });
  });

  it('garbage in any signing parameter is a 4xx in XML, never a 500, and writes nothing', async () => {
    const url = await signed(file('uploads/garbage.txt'), { action: 'write' });
    const variants: [string, string | null][] = [
      ['X-Goog-Signature', 'zz'],
      ['X-Goog-Signature', ''],
      ['X-Goog-Algorithm', 'GOOG4-HMAC-SHA256'],
      ['X-Goog-Credential', 'no-slash'],
      ['X-Goog-Expires', '604801'],
      ['X-Goog-Expires', '-5'],
      ['X-Goog-Date', '20261332T250000Z'],
      ['X-Goog-SignedHeaders', 'content-type'],
      ['X-Goog-SignedHeaders', null],
      ['X-Goog-Algorithm', null],
    ];
    for (const [name, value] of variants) {
      const changed = new URL(url);
      if (value === null) changed.searchParams.delete(name);
      else changed.searchParams.set(name, value);
      const response = await fetch(changed, { method: 'PUT', body: 'x' });
      const error = await xmlError(response);
      expect([400, 403], `${name}=${value}`).toContain(error.status);
    }
    const v2 = `${origin}/${bucketName}/uploads/garbage.txt?GoogleAccessId=${encodeURIComponent(signer.client_email)}&Expires=99999999999&Signature=%2B%2B`;
    expect((await xmlError(await fetch(v2, { method: 'PUT', body: 'x' }))).status).toBe(403);
    expect((await file('uploads/garbage.txt').exists())[0]).toBe(false);
  });

  it('a signed URL for a missing object is 404 NoSuchKey', async () => {
    const url = await signed(file('docs/nothing-here.txt'), { action: 'read' });
    expect(await xmlError(await fetch(url))).toMatchObject({ status: 404, code: 'NoSuchKey' });
  });

  it('an account whose key the emulator does not know is refused until its key is registered', async () => {
    await file('docs/shared.txt').save('shared');
    const url = await signed(clientFor(stranger).bucket(bucketName).file('docs/shared.txt'), {
      action: 'read',
    });
    const refused = await xmlError(await fetch(url));
    expect(refused).toMatchObject({ status: 403, code: 'SignatureDoesNotMatch' });
    expect(refused.details).toContain(`knows no signing key for ${stranger.client_email}`);

    const bad = await fetch(`${origin}/internal/signingKeys`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ client_email: stranger.client_email, public_key: 'not a key' }),
    });
    expect(bad.status).toBe(400);
    expect((await fetch(url)).status).toBe(403);

    const registered = await fetch(`${origin}/internal/signingKeys`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        client_email: stranger.client_email,
        public_key: stranger.public_key,
      }),
    });
    expect(registered.status).toBe(200);
    expect(await registered.json()).toEqual({
      accounts: [signer.client_email, stranger.client_email].sort(),
    });
    const served = await fetch(url);
    expect(served.status).toBe(200);
    expect(await served.text()).toBe('shared');
  });
});

describe('V2 signed URLs', () => {
  it('read and write until they expire; a changed byte is refused', async () => {
    const target = file('v2/note.txt');
    const writeUrl = await signed(target, {
      action: 'write',
      version: 'v2',
      contentType: 'text/plain',
    });
    const put = await fetch(writeUrl, {
      method: 'PUT',
      headers: { 'Content-Type': 'text/plain' },
      body: 'v2 bytes',
    });
    expect(put.status).toBe(200);
    const readUrl = await signed(target, { action: 'read', version: 'v2' });
    const read = await fetch(readUrl);
    expect(read.status).toBe(200);
    expect(await read.text()).toBe('v2 bytes');

    const tampered = new URL(readUrl);
    tampered.pathname = tampered.pathname.replace('note', 'nose');
    expect(await xmlError(await fetch(tampered))).toMatchObject({
      status: 403,
      code: 'SignatureDoesNotMatch',
    });
    const expired = await signedAt(Date.now() - 3600_000, target, {
      action: 'read',
      version: 'v2',
    });
    expect(await xmlError(await fetch(expired))).toMatchObject({
      status: 400,
      code: 'ExpiredToken',
    });
  });
});

describe('firebase-admin', () => {
  it("getStorage().bucket().file().getSignedUrl signs with the app's service account", async () => {
    const target = getStorage(app).bucket().file('admin/hello.txt');
    await target.save('from admin', { contentType: 'text/plain' });
    const [url] = await target.getSignedUrl({
      version: 'v4',
      action: 'read',
      expires: inAMinute(),
    });
    const response = await fetch(url);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('from admin');
  });
});

describe('keys from firebase.json and GOOGLE_APPLICATION_CREDENTIALS (startEmulators)', () => {
  it('verifies the accounts named there, refuses others, and fails the start on an unreadable key file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'hearth-signed-config-'));
    const fromConfig = madeUpServiceAccount('from-config');
    const fromEnv = madeUpServiceAccount('from-env');
    await mkdir(join(dir, 'keys'));
    await writeFile(join(dir, 'keys', 'config.json'), JSON.stringify(fromConfig));
    await writeFile(join(dir, 'env.json'), JSON.stringify(fromEnv));
    await writeFile(
      join(dir, 'firebase.json'),
      JSON.stringify({ emulators: { storage: { port: 0, signingKeys: ['keys/config.json'] } } }),
    );
    const saved = { ...process.env };
    process.env.GOOGLE_APPLICATION_CREDENTIALS = join(dir, 'env.json');
    const lines: string[] = [];
    const running = await startEmulators({
      config: readFirebaseJson(join(dir, 'firebase.json')),
      projectId,
      firestore: false,
      storage: true,
      ui: false,
      log: (line) => lines.push(line),
    });
    try {
      process.env.STORAGE_EMULATOR_HOST = running.env.STORAGE_EMULATOR_HOST;
      await clientFor(fromConfig).bucket(bucketName).file('cfg/a.txt').save('configured');
      for (const account of [fromConfig, fromEnv]) {
        const url = await signed(clientFor(account).bucket(bucketName).file('cfg/a.txt'), {
          action: 'read',
        });
        const response = await fetch(url);
        expect(response.status).toBe(200);
        expect(await response.text()).toBe('configured');
      }
      const unknown = await signed(clientFor(signer).bucket(bucketName).file('cfg/a.txt'), {
        action: 'read',
      });
      expect(await xmlError(await fetch(unknown))).toMatchObject({
        status: 403,
        code: 'SignatureDoesNotMatch',
      });
      expect(lines.join('\n')).toContain(`verifying signed URLs of ${fromEnv.client_email}`);
    } finally {
      await running.stop();
      process.env = saved;
    }
    await writeFile(join(dir, 'keys', 'config.json'), '{ not json');
    await expect(
      startEmulators({
        config: readFirebaseJson(join(dir, 'firebase.json')),
        projectId,
        firestore: false,
        storage: true,
        ui: false,
        log: () => undefined,
      }),
    ).rejects.toThrow(/Cannot read signing key .*config\.json/);
  });
});
