/**
 * The firebase web SDK (`firebase/storage`, run in Node) against the in-process Storage emulator
 * through the Firebase v0 API: uploads of every kind, downloads, metadata, listing and deletes.
 */
import { createHash } from 'node:crypto';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deleteApp, initializeApp, type FirebaseApp } from 'firebase/app';
import {
  connectStorageEmulator,
  deleteObject,
  getBytes,
  getDownloadURL,
  getMetadata,
  getStorage,
  getStream,
  list,
  listAll,
  ref,
  updateMetadata,
  uploadBytes,
  uploadBytesResumable,
  uploadString,
  type FirebaseStorage,
  type UploadTask,
} from 'firebase/storage';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStorage, type StorageEmulator } from '../src/storage/index.js';

const projectId = 'demo-storage-web';
const bucket = `${projectId}.appspot.com`;
let emulator: StorageEmulator;
let app: FirebaseApp;
let storage: FirebaseStorage;

const RULES = `rules_version = '2';
service firebase.storage {
  match /b/{bucket}/o {
    match /{all=**} { allow read, write: if request.auth.uid == 'alice'; }
  }
}`;

beforeAll(async () => {
  const dir = await mkdtemp(join(tmpdir(), 'storage-web-'));
  await writeFile(join(dir, 'storage.rules'), RULES);
  emulator = await startStorage({ port: 0, projectId, rulesFile: join(dir, 'storage.rules') });
  app = initializeApp({ projectId, apiKey: 'fake-api-key', storageBucket: bucket }, 'storage-web');
  storage = getStorage(app);
  // A signed-in user, so every request below also goes through storage.rules.
  connectStorageEmulator(storage, emulator.host, emulator.port, {
    mockUserToken: { user_id: 'alice' },
  });
});

afterAll(async () => {
  await deleteApp(app);
  await emulator.close();
});

const bytes = (size: number, seed = 1) => {
  const data = new Uint8Array(size);
  for (let i = 0; i < size; i++) data[i] = (i * 31 + seed) & 0xff;
  return data;
};
const md5 = (data: Uint8Array) => createHash('md5').update(data).digest('base64');

function finished(task: UploadTask): Promise<void> {
  return new Promise((resolve, reject) => task.on('state_changed', null, reject, resolve));
}

describe('web SDK against the Firebase v0 API', () => {
  it('uploadBytes stores bytes, content type and custom metadata', async () => {
    const data = bytes(1000);
    const result = await uploadBytes(ref(storage, 'photos/one.bin'), data, {
      contentType: 'image/png',
      customMetadata: { owner: 'alice' },
    });
    expect(result.metadata).toMatchObject({
      bucket,
      fullPath: 'photos/one.bin',
      name: 'one.bin',
      size: 1000,
      contentType: 'image/png',
      md5Hash: md5(data),
      customMetadata: { owner: 'alice' },
      contentDisposition: "inline; filename*=utf-8''one.bin",
    });
    expect(result.metadata.generation).toMatch(/^\d+$/);
    expect(new Uint8Array(await getBytes(ref(storage, 'photos/one.bin')))).toEqual(data);
  });

  it('uploadString in each format', async () => {
    await uploadString(ref(storage, 'strings/raw.txt'), 'plain text');
    await uploadString(
      ref(storage, 'strings/b64.txt'),
      Buffer.from('base64 text').toString('base64'),
      'base64',
    );
    await uploadString(
      ref(storage, 'strings/url.txt'),
      'data:text/plain;base64,' + Buffer.from('data url').toString('base64'),
      'data_url',
    );
    const text = async (path: string) => Buffer.from(await getBytes(ref(storage, path))).toString();
    expect(await text('strings/raw.txt')).toBe('plain text');
    expect(await text('strings/b64.txt')).toBe('base64 text');
    expect(await text('strings/url.txt')).toBe('data url');
    expect((await getMetadata(ref(storage, 'strings/url.txt'))).contentType).toBe('text/plain');
  });

  it('uploadBytesResumable reports progress and completes', async () => {
    const data = bytes(3 * 1024 * 1024 + 5, 9);
    const task = uploadBytesResumable(ref(storage, 'big/resumable.bin'), data, {
      contentType: 'application/x-test',
    });
    const progress: number[] = [];
    task.on('state_changed', (snapshot) => progress.push(snapshot.bytesTransferred));
    await finished(task);
    expect(progress.at(-1)).toBe(data.length);
    expect(progress.length).toBeGreaterThan(1);
    expect(task.snapshot.metadata.size).toBe(data.length);
    expect(task.snapshot.metadata.md5Hash).toBe(md5(data));
    expect(Buffer.from(await getBytes(ref(storage, 'big/resumable.bin'))).equals(data)).toBe(true);
  });

  it('a resumable upload can be paused and resumed', async () => {
    const data = bytes(2 * 1024 * 1024, 4);
    const task = uploadBytesResumable(ref(storage, 'big/paused.bin'), data);
    let paused = false;
    await new Promise<void>((resolve, reject) => {
      task.on(
        'state_changed',
        (snapshot) => {
          if (!paused && snapshot.bytesTransferred > 0) {
            paused = true;
            task.pause();
            setTimeout(() => task.resume(), 50);
          }
        },
        reject,
        resolve,
      );
    });
    expect(paused).toBe(true);
    expect(task.snapshot.state).toBe('success');
    expect((await getMetadata(ref(storage, 'big/paused.bin'))).md5Hash).toBe(md5(data));
  });

  it('a cancelled resumable upload leaves nothing behind', async () => {
    const task = uploadBytesResumable(ref(storage, 'big/cancelled.bin'), bytes(2 * 1024 * 1024));
    let cancelledAt = -1;
    task.on('state_changed', (snapshot) => {
      if (cancelledAt < 0 && snapshot.bytesTransferred > 0) {
        cancelledAt = snapshot.bytesTransferred;
        task.cancel();
      }
    });
    await expect(finished(task)).rejects.toMatchObject({ code: 'storage/canceled' });
    expect(cancelledAt).toBeGreaterThan(0);
    await expect(getMetadata(ref(storage, 'big/cancelled.bin'))).rejects.toMatchObject({
      code: 'storage/object-not-found',
    });
  });

  it('getDownloadURL returns a token URL that downloads without credentials', async () => {
    await uploadString(ref(storage, 'shared/readme.txt'), 'public via token');
    const url = await getDownloadURL(ref(storage, 'shared/readme.txt'));
    expect(url).toMatch(
      new RegExp(
        `^http://${emulator.host}:${emulator.port}/v0/b/${bucket}/o/shared%2Freadme.txt\\?alt=media&token=`,
      ),
    );
    const response = await fetch(url);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toBe("inline; filename*=utf-8''readme.txt");
    expect(await response.text()).toBe('public via token');
  });

  // getBlob exists only in browsers; the Chromium suite covers it.
  it('getStream and a capped getBytes', async () => {
    const data = bytes(5000, 2);
    await uploadBytes(ref(storage, 'dl/data.bin'), data);
    const chunks: Buffer[] = [];
    for await (const chunk of getStream(
      ref(storage, 'dl/data.bin'),
    ) as unknown as AsyncIterable<Buffer>)
      chunks.push(Buffer.from(chunk));
    expect(new Uint8Array(Buffer.concat(chunks))).toEqual(data);
    const capped = await getBytes(ref(storage, 'dl/data.bin'), 100);
    expect(new Uint8Array(capped)).toEqual(data.subarray(0, 100));
  });

  it('updateMetadata merges custom metadata and deletes keys set to null', async () => {
    const fileRef = ref(storage, 'meta/doc.txt');
    await uploadString(fileRef, 'x', 'raw', { customMetadata: { a: '1', b: '2' } });
    const updated = await updateMetadata(fileRef, {
      cacheControl: 'public, max-age=60',
      customMetadata: { b: null as unknown as string, c: '3' },
    });
    expect(updated.customMetadata).toEqual({ a: '1', c: '3' });
    expect(updated.cacheControl).toBe('public, max-age=60');
    expect(updated.metageneration).toBe('2');
  });

  it('deleteObject removes the object; a second delete is object-not-found', async () => {
    const fileRef = ref(storage, 'trash/t.txt');
    await uploadString(fileRef, 't');
    await deleteObject(fileRef);
    await expect(getMetadata(fileRef)).rejects.toMatchObject({ code: 'storage/object-not-found' });
    await expect(deleteObject(fileRef)).rejects.toMatchObject({ code: 'storage/object-not-found' });
  });

  it('list pages through items and prefixes; listAll gathers them', async () => {
    for (const name of ['a.txt', 'b.txt', 'c.txt', 'sub1/x.txt', 'sub2/y.txt']) {
      await uploadString(ref(storage, `listing/${name}`), name);
    }
    const first = await list(ref(storage, 'listing'), { maxResults: 2 });
    expect(first.items.length + first.prefixes.length).toBe(2);
    expect(first.nextPageToken).toBeTruthy();
    const all = await listAll(ref(storage, 'listing'));
    expect(all.items.map((item) => item.fullPath)).toEqual([
      'listing/a.txt',
      'listing/b.txt',
      'listing/c.txt',
    ]);
    expect(all.prefixes.map((prefix) => prefix.fullPath)).toEqual(['listing/sub1', 'listing/sub2']);
  });

  it('keeps unicode names with many slashes', async () => {
    const path = 'ü/ñ/ 空 /a+b%20/🙂.txt';
    await uploadString(ref(storage, path), 'unicode');
    const metadata = await getMetadata(ref(storage, path));
    expect(metadata.fullPath).toBe(path);
    expect(Buffer.from(await getBytes(ref(storage, path))).toString()).toBe('unicode');
  });
});
