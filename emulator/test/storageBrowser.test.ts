/**
 * The firebase web SDK in headless Chromium against the Storage emulator, from another origin
 * (so CORS is real): resumable upload with progress, pause and resume, then the download URL and
 * getBlob, which only browsers have.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { Page } from 'playwright-core';
import { launchChromium, type Browser } from './browser/chromium.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStorage, type StorageEmulator } from '../src/storage/index.js';

const projectId = 'demo-storage-browser';
const bucket = `${projectId}.appspot.com`;

/** Runs in the page: each helper returns plain data for the test to check. */
const PAGE_SCRIPT = `
import { initializeApp } from 'firebase/app';
import { connectStorageEmulator, getBlob, getDownloadURL, getStorage, ref, uploadBytesResumable } from 'firebase/storage';

function pattern(size) {
  const data = new Uint8Array(size);
  for (let i = 0; i < size; i++) data[i] = (i * 7 + 3) & 0xff;
  return data;
}
async function digest(buffer) {
  return Array.from(new Uint8Array(await crypto.subtle.digest('SHA-256', buffer)), (b) => b.toString(16).padStart(2, '0')).join('');
}

window.storageTest = {
  async upload({ host, port, bucket, projectId, path, size, pauseOnce }) {
    const app = initializeApp({ projectId, apiKey: 'fake', storageBucket: bucket }, path);
    const storage = getStorage(app);
    connectStorageEmulator(storage, host, port, { mockUserToken: { user_id: 'alice' } });
    const data = pattern(size);
    const task = uploadBytesResumable(ref(storage, path), data, { contentType: 'application/x-test' });
    const progress = [];
    const states = [];
    let paused = false;
    await new Promise((resolve, reject) => {
      task.on('state_changed', (snapshot) => {
        progress.push(snapshot.bytesTransferred);
        states.push(snapshot.state);
        if (pauseOnce && !paused && snapshot.bytesTransferred > 0 && snapshot.bytesTransferred < size) {
          paused = true;
          task.pause();
          setTimeout(() => task.resume(), 100);
        }
      }, reject, resolve);
    });
    const url = await getDownloadURL(ref(storage, path));
    const fetched = await (await fetch(url)).arrayBuffer();
    const blob = await getBlob(ref(storage, path));
    return {
      progress,
      states,
      total: task.snapshot.totalBytes,
      finalState: task.snapshot.state,
      metadataSize: task.snapshot.metadata.size,
      sent: await digest(data),
      fetched: await digest(fetched),
      blob: await digest(await blob.arrayBuffer()),
      blobType: blob.type,
    };
  },
};
`;

let emulator: StorageEmulator;
let pages: Server;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  const dir = await mkdtemp(join(tmpdir(), 'storage-browser-'));
  const rulesFile = join(dir, 'storage.rules');
  await writeFile(
    rulesFile,
    "rules_version = '2';\nservice firebase.storage { match /b/{bucket}/o { match /{all=**} { allow read, write: if request.auth.uid == 'alice'; } } }",
  );
  emulator = await startStorage({ port: 0, projectId, rulesFile });
  const bundle = await build({
    stdin: {
      contents: PAGE_SCRIPT,
      resolveDir: fileURLToPath(new URL('.', import.meta.url)),
      loader: 'js',
    },
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'browser',
    logLevel: 'silent',
  });
  const script = bundle.outputFiles[0]!.contents;
  pages = createServer((req, res) => {
    if (req.url === '/bundle.js') {
      res.writeHead(200, { 'Content-Type': 'text/javascript' }).end(script);
    } else {
      res
        .writeHead(200, { 'Content-Type': 'text/html' })
        .end('<!doctype html><script type="module" src="/bundle.js"></script>');
    }
  });
  await new Promise<void>((resolve) => pages.listen(0, '127.0.0.1', resolve));
  browser = await launchChromium();
  page = await browser.context.newPage();
  // The page is served from "localhost" and the emulator addressed as 127.0.0.1: two origins.
  await page.goto(`http://localhost:${(pages.address() as AddressInfo).port}/`);
  await page.waitForFunction(() => 'storageTest' in window);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => pages?.close(resolve));
  await emulator?.close();
});

interface UploadResult {
  progress: number[];
  states: string[];
  total: number;
  finalState: string;
  metadataSize: number;
  sent: string;
  fetched: string;
  blob: string;
  blobType: string;
}

function upload(path: string, size: number, pauseOnce: boolean): Promise<UploadResult> {
  return page.evaluate(
    (args) =>
      (
        window as unknown as { storageTest: { upload(a: typeof args): Promise<UploadResult> } }
      ).storageTest.upload(args),
    { host: emulator.host, port: emulator.port, bucket, projectId, path, size, pauseOnce },
  );
}

describe('web SDK in Chromium', () => {
  it('a resumable upload reports growing progress up to the full size', async () => {
    const size = 3 * 1024 * 1024 + 11;
    const result = await upload('browser/progress.bin', size, false);
    expect(result.total).toBe(size);
    expect(result.metadataSize).toBe(size);
    expect(result.progress.at(-1)).toBe(size);
    expect(
      new Set(result.progress.filter((bytes) => bytes > 0 && bytes < size)).size,
    ).toBeGreaterThan(1);
    expect(result.progress).toEqual([...result.progress].sort((a, b) => a - b));
    expect(result.finalState).toBe('success');
  });

  it('pauses and resumes, and the bytes come back intact through the download URL and getBlob', async () => {
    const size = 2 * 1024 * 1024 + 5;
    const result = await upload('browser/paused.bin', size, true);
    expect(result.states).toContain('paused');
    expect(result.fetched).toBe(result.sent);
    expect(result.blob).toBe(result.sent);
    expect(result.blobType).toBe('application/x-test');
  });
});
