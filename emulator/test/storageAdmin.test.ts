/**
 * firebase-admin (through @google-cloud/storage and the GCS JSON API) against the in-process
 * Storage emulator: every admin operation the app and its functions use.
 */
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deleteApp, initializeApp, type App } from 'firebase-admin/app';
import { getDownloadURL, getStorage } from 'firebase-admin/storage';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStorage, type ObjectEvent, type StorageEmulator } from '../src/storage/index.js';

const projectId = 'demo-storage-admin';
const bucketName = `${projectId}.appspot.com`;
let emulator: StorageEmulator;
let app: App;
const events: ObjectEvent[] = [];

beforeAll(async () => {
  emulator = await startStorage({ port: 0, projectId });
  emulator.onObjectEvent((event) => events.push(event));
  process.env.STORAGE_EMULATOR_HOST = `http://${emulator.host}:${emulator.port}`;
  app = initializeApp({ projectId, storageBucket: bucketName }, 'storage-admin');
});

afterAll(async () => {
  await deleteApp(app);
  await emulator.close();
});

const bucket = () => getStorage(app).bucket();
const md5 = (data: Buffer | string) => createHash('md5').update(data).digest('base64');

describe('firebase-admin against the GCS JSON API', () => {
  it('saves without resumable upload and returns GCS metadata', async () => {
    const file = bucket().file('docs/hello.txt');
    await file.save('hello world', {
      resumable: false,
      contentType: 'text/plain',
      metadata: { metadata: { owner: 'alice' } },
    });
    const [metadata] = await file.getMetadata();
    expect(metadata).toMatchObject({
      kind: 'storage#object',
      name: 'docs/hello.txt',
      bucket: bucketName,
      contentType: 'text/plain',
      size: '11',
      md5Hash: md5('hello world'),
      crc32c: 'yZRlqg==',
      metageneration: '1',
      storageClass: 'STANDARD',
      metadata: { owner: 'alice' },
    });
    expect(metadata.generation).toMatch(/^\d{16}$/);
    expect(metadata.id).toBe(`${bucketName}/docs/hello.txt/${metadata.generation}`);
    expect(new Date(metadata.timeCreated!).getTime()).toBeGreaterThan(Date.now() - 60_000);
  });

  it('saves with a resumable upload and downloads the same bytes', async () => {
    const data = Buffer.alloc(3 * 1024 * 1024 + 17, 7);
    const file = bucket().file('big/blob.bin');
    await file.save(data, { resumable: true, contentType: 'application/octet-stream' });
    const [downloaded] = await file.download();
    expect(downloaded.equals(data)).toBe(true);
  });

  it('streams a resumable createWriteStream in several chunks', async () => {
    const file = bucket().file('chunks/one.bin');
    const data = Buffer.alloc(600 * 1024, 3);
    await new Promise<void>((resolve, reject) => {
      const stream = file.createWriteStream({
        resumable: true,
        chunkSize: 256 * 1024,
        metadata: { contentType: 'image/png' },
      });
      stream.on('error', reject).on('finish', resolve);
      stream.end(data);
    });
    const [metadata] = await file.getMetadata();
    expect(metadata.size).toBe(String(data.length));
    expect(metadata.contentType).toBe('image/png');
    expect(metadata.md5Hash).toBe(md5(data));
  });

  it('uploads a local file with bucket.upload', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'storage-admin-'));
    const local = join(dir, 'photo.jpg');
    await writeFile(local, 'not really a jpeg');
    await bucket().upload(local, { destination: 'uploads/photo.jpg' });
    const [metadata] = await bucket().file('uploads/photo.jpg').getMetadata();
    expect(metadata.contentType).toBe('image/jpeg');
    const target = join(dir, 'back.jpg');
    await bucket().file('uploads/photo.jpg').download({ destination: target });
    expect(await readFile(target, 'utf8')).toBe('not really a jpeg');
  });

  it('downloads a byte range', async () => {
    await bucket().file('range.txt').save('0123456789', { resumable: false });
    const [part] = await bucket().file('range.txt').download({ start: 2, end: 5 });
    expect(part.toString()).toBe('2345');
  });

  it('merges metadata with setMetadata and bumps the metageneration', async () => {
    const file = bucket().file('meta.txt');
    await file.save('x', { resumable: false, metadata: { metadata: { a: '1', b: '2' } } });
    const [updated] = await file.setMetadata({
      cacheControl: 'no-cache',
      metadata: { b: null, c: '3' },
    });
    expect(updated.metadata).toEqual({ a: '1', c: '3' });
    expect(updated.cacheControl).toBe('no-cache');
    expect(updated.metageneration).toBe('2');
  });

  it('reports existence and deletes', async () => {
    const file = bucket().file('gone.txt');
    await file.save('bye', { resumable: false });
    expect((await file.exists())[0]).toBe(true);
    await file.delete();
    expect((await file.exists())[0]).toBe(false);
    await expect(file.delete()).rejects.toMatchObject({ code: 404 });
  });

  it('lists with prefix and delimiter, across pages', async () => {
    for (const name of [
      'tree/a.txt',
      'tree/b.txt',
      'tree/sub/c.txt',
      'tree/sub/deeper/d.txt',
      'treeless.txt',
    ]) {
      await bucket().file(name).save(name, { resumable: false });
    }
    const [files, , response] = await bucket().getFiles({
      prefix: 'tree/',
      delimiter: '/',
      autoPaginate: false,
    });
    expect(files.map((file) => file.name)).toEqual(['tree/a.txt', 'tree/b.txt']);
    expect((response as { prefixes?: string[] }).prefixes).toEqual(['tree/sub/']);
    const [all] = await bucket().getFiles({ prefix: 'tree/', maxResults: 1 });
    expect(all.length).toBe(1);
    const [paged] = await bucket().getFiles({
      prefix: 'tree/',
      autoPaginate: true,
      maxApiCalls: 10,
    });
    expect(paged.map((file) => file.name)).toEqual([
      'tree/a.txt',
      'tree/b.txt',
      'tree/sub/c.txt',
      'tree/sub/deeper/d.txt',
    ]);
  });

  it('enforces ifGenerationMatch with 412', async () => {
    const file = bucket().file('guarded.txt');
    await file.save('v1', { resumable: false });
    await expect(
      file.save('v2', { resumable: false, preconditionOpts: { ifGenerationMatch: 0 } }),
    ).rejects.toMatchObject({
      code: 412,
    });
    const [current] = await file.download();
    expect(current.toString()).toBe('v1');
  });

  it('keeps unicode and slash-heavy names intact', async () => {
    const name = 'ünï/cødé/ 空白 /a+b%20c?d#e/💾.txt';
    await bucket().file(name).save('unicode', { resumable: false });
    const [metadata] = await bucket().file(name).getMetadata();
    expect(metadata.name).toBe(name);
    expect((await bucket().file(name).download())[0].toString()).toBe('unicode');
  });

  it('emits finalized, metadataUpdated and deleted events with GCS metadata', async () => {
    events.length = 0;
    const file = bucket().file('events/e.txt');
    await file.save('e', { resumable: false });
    await file.setMetadata({ metadata: { k: 'v' } });
    await file.delete();
    expect(events.map((event) => event.type)).toEqual(['finalized', 'metadataUpdated', 'deleted']);
    expect(events[0]!.object).toMatchObject({
      kind: 'storage#object',
      name: 'events/e.txt',
      bucket: bucketName,
      size: '1',
    });
    expect(events[1]!.object).toMatchObject({ metageneration: '2', metadata: { k: 'v' } });
  });

  it('getDownloadURL mints a token URL that downloads', async () => {
    const file = bucket().file('shared/report.txt');
    await file.save('report', { resumable: false });
    const url = await getDownloadURL(file);
    expect(url).toMatch(/\/v0\/b\/.+\/o\/shared%2Freport\.txt\?alt=media&token=[0-9a-f-]{36}$/);
    expect(await (await fetch(url)).text()).toBe('report');
  });

  it('accepts makePublic without changing access', async () => {
    const file = bucket().file('public/p.txt');
    await file.save('p', { resumable: false });
    await file.makePublic();
    expect((await file.download())[0].toString()).toBe('p');
  });

  it('copies an object', async () => {
    await bucket()
      .file('copy/src.txt')
      .save('copied', { resumable: false, contentType: 'text/plain' });
    await bucket().file('copy/src.txt').copy(bucket().file('copy/dst.txt'));
    const [metadata] = await bucket().file('copy/dst.txt').getMetadata();
    expect(metadata.contentType).toBe('text/plain');
    expect((await bucket().file('copy/dst.txt').download())[0].toString()).toBe('copied');
  });
});
