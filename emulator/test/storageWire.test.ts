/**
 * Bad and unusual input on the wire, sent raw: each gets Google's status, the store is unchanged
 * (no object, no leftover staging file) and the server keeps serving.
 */
import { mkdtemp, readdir } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStorage, type StorageEmulator } from '../src/storage/index.js';
import { preflight } from '../src/testing/cors.js';
import { OWNER, postMultipart, putChunk, uploadCommand } from './storageRequests.js';

const projectId = 'demo-storage-wire';
const bucket = `${projectId}.appspot.com`;
let emulator: StorageEmulator;
let dataDir: string;
let base: string;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'storage-wire-'));
  emulator = await startStorage({ port: 0, projectId, dataDir });
  base = `http://${emulator.host}:${emulator.port}`;
});

afterAll(async () => {
  await emulator.close();
});

const v0 = (name?: string) =>
  `${base}/v0/b/${bucket}/o${name === undefined ? '' : `/${encodeURIComponent(name)}`}`;
const gcs = (name?: string) =>
  `${base}/storage/v1/b/${bucket}/o${name === undefined ? '' : `/${encodeURIComponent(name)}`}`;
const upload = () => `${base}/upload/storage/v1/b/${bucket}/o`;

async function staging(): Promise<string[]> {
  return readdir(join(dataDir, 'staging'));
}

async function exists(name: string): Promise<boolean> {
  const response = await fetch(gcs(name));
  await response.arrayBuffer();
  return response.status === 200;
}

function multipart(boundary: string, metadata: object, media: string, close = true): string {
  return (
    `--${boundary}\r\nContent-Type: application/json; charset=utf-8\r\n\r\n${JSON.stringify(metadata)}\r\n` +
    `--${boundary}\r\nContent-Type: text/plain\r\n\r\n${media}\r\n${close ? `--${boundary}--` : ''}`
  );
}

describe('multipart bodies', () => {
  it('a truncated multipart body is 400 and writes nothing (Firebase API)', async () => {
    const response = await fetch(`${v0()}?name=cut.txt`, {
      method: 'POST',
      headers: {
        ...OWNER,
        'X-Goog-Upload-Protocol': 'multipart',
        'Content-Type': 'multipart/related; boundary=zz',
      },
      body: multipart('zz', { name: 'cut.txt' }, 'partial data', false),
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(
      /closing boundary/,
    );
    expect(await exists('cut.txt')).toBe(false);
    expect(await staging()).toEqual([]);
  });

  it('a truncated multipart body is 400 and writes nothing (GCS API)', async () => {
    const response = await postMultipart(
      upload(),
      'yy',
      multipart('yy', { name: 'cut2.txt' }, 'x').slice(0, 60),
    );
    expect(response.status).toBe(400);
    expect(await exists('cut2.txt')).toBe(false);
  });

  it('metadata that is not JSON is 400', async () => {
    const body = `--b\r\nContent-Type: application/json\r\n\r\n{not json\r\n--b\r\nContent-Type: text/plain\r\n\r\nx\r\n--b--`;
    const response = await postMultipart(upload(), 'b', body, '&name=bad.txt');
    expect(response.status).toBe(400);
    expect(await exists('bad.txt')).toBe(false);
  });

  it('metadata that cannot be sent back as a header is 400', async () => {
    const response = await postMultipart(
      upload(),
      'h',
      multipart('h', { name: 'header.txt', contentDisposition: 'inline\r\nSet-Cookie: x=1' }, 'x'),
    );
    expect(response.status).toBe(400);
    expect(await exists('header.txt')).toBe(false);
  });

  it('a wrong md5Hash in the metadata is 400 and the old object survives', async () => {
    await fetch(`${upload()}?uploadType=media&name=kept.txt`, { method: 'POST', body: 'original' });
    const response = await postMultipart(
      upload(),
      'm',
      multipart('m', { name: 'kept.txt', md5Hash: 'AAAAAAAAAAAAAAAAAAAAAA==' }, 'replacement'),
    );
    expect(response.status).toBe(400);
    expect(await (await fetch(`${gcs('kept.txt')}?alt=media`)).text()).toBe('original');
  });

  it('a client that disconnects mid-upload leaves nothing and the server keeps serving', async () => {
    await new Promise<void>((resolve) => {
      const req = request(`${upload()}?uploadType=media&name=dropped.bin`, {
        method: 'POST',
        headers: { 'Content-Length': '1000000' },
      });
      req.on('error', () => resolve());
      req.write(Buffer.alloc(1000));
      setTimeout(() => {
        req.destroy();
        resolve();
      }, 50);
    });
    await expect.poll(staging, { timeout: 5000 }).toEqual([]);
    expect(await exists('dropped.bin')).toBe(false);
  });
});

describe('resumable uploads (Firebase API)', () => {
  async function start(name: string, size: number): Promise<string> {
    const response = await fetch(`${v0()}?name=${encodeURIComponent(name)}`, {
      method: 'POST',
      headers: {
        ...OWNER,
        'X-Goog-Upload-Protocol': 'resumable',
        'X-Goog-Upload-Command': 'start',
        'X-Goog-Upload-Header-Content-Length': String(size),
        'Content-Type': 'application/json',
      },
      body: JSON.stringify({ name }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('x-goog-upload-status')).toBe('active');
    return response.headers.get('x-goog-upload-url')!;
  }
  it('an unknown upload id is 404', async () => {
    const response = await uploadCommand(
      `${v0()}?name=x&upload_id=nope&upload_protocol=resumable`,
      'query',
    );
    expect(response.status).toBe(404);
  });

  it('an unknown command is 400, and so is a command other than start without an upload id', async () => {
    const url = await start('cmd.txt', 3);
    expect((await uploadCommand(url, 'explode')).status).toBe(400);
    const response = await fetch(`${v0()}?name=cmd.txt`, {
      method: 'POST',
      headers: {
        ...OWNER,
        'X-Goog-Upload-Protocol': 'resumable',
        'X-Goog-Upload-Command': 'upload',
      },
      body: 'abc',
    });
    expect(response.status).toBe(400);
  });

  it('an offset that does not match what was received is 400 and changes nothing', async () => {
    const url = await start('offset.txt', 6);
    expect((await uploadCommand(url, 'upload', 'abc', 0)).status).toBe(200);
    expect((await uploadCommand(url, 'upload', 'def', 1)).status).toBe(400);
    const query = await uploadCommand(url, 'query');
    expect(query.headers.get('x-goog-upload-size-received')).toBe('3');
    const done = await uploadCommand(url, 'upload, finalize', 'def', 3);
    expect(done.status).toBe(200);
    expect(done.headers.get('x-goog-upload-status')).toBe('final');
    expect(await (await fetch(`${gcs('offset.txt')}?alt=media`)).text()).toBe('abcdef');
  });

  it('finalizing fewer bytes than declared is 400 and writes nothing', async () => {
    const url = await start('short.txt', 10);
    expect((await uploadCommand(url, 'upload, finalize', 'abc', 0)).status).toBe(400);
    expect(await exists('short.txt')).toBe(false);
  });

  it('sending more bytes than declared is 413 and keeps what was received', async () => {
    const url = await start('long.txt', 2);
    expect((await uploadCommand(url, 'upload', 'abcdef', 0)).status).toBe(413);
    expect((await uploadCommand(url, 'query')).headers.get('x-goog-upload-size-received')).toBe(
      '0',
    );
  });

  it('a cancelled upload refuses further chunks', async () => {
    const url = await start('cancel.txt', 3);
    expect((await uploadCommand(url, 'cancel')).status).toBe(200);
    expect((await uploadCommand(url, 'upload, finalize', 'abc', 0)).status).toBe(400);
    expect(await exists('cancel.txt')).toBe(false);
  });
});

describe('resumable uploads (GCS API)', () => {
  async function start(name: string): Promise<string> {
    const response = await fetch(
      `${upload()}?uploadType=resumable&name=${encodeURIComponent(name)}`,
      {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Upload-Content-Type': 'text/plain' },
        body: '{}',
      },
    );
    expect(response.status).toBe(200);
    return response.headers.get('location')!;
  }

  it('chunks answer 308 with the persisted range, then 200 with the object', async () => {
    const url = await start('gcs-chunks.txt');
    const first = await putChunk(url, 'bytes 0-2/*', 'abc');
    expect(first.status).toBe(308);
    expect(first.headers.get('range')).toBe('bytes=0-2');
    const status = await putChunk(url, 'bytes */*');
    expect(status.status).toBe(308);
    const last = await putChunk(url, 'bytes 3-5/6', 'def');
    expect(last.status).toBe(200);
    expect(await last.json()).toMatchObject({
      name: 'gcs-chunks.txt',
      size: '6',
      contentType: 'text/plain',
    });
  });

  it('a chunk shorter than its Content-Range is 400', async () => {
    const url = await start('gcs-short.txt');
    const response = await putChunk(url, 'bytes 0-9/10', 'abc');
    expect(response.status).toBe(400);
    expect(await exists('gcs-short.txt')).toBe(false);
  });

  it('an unknown upload id is 404 and a malformed Content-Range is 400', async () => {
    expect(
      (
        await fetch(`${upload()}?uploadType=resumable&upload_id=missing`, {
          method: 'PUT',
          body: 'x',
        })
      ).status,
    ).toBe(404);
    const url = await start('gcs-range.txt');
    expect((await putChunk(url, 'bytes=0-1/2', 'ab')).status).toBe(400);
  });
});

describe('names', () => {
  it.each([
    ['an empty name', ''],
    ['a newline', 'a\nb'],
    ['a dot', '.'],
    ['more than 1024 bytes', 'é'.repeat(513)],
  ])('rejects %s with 400', async (_label, name) => {
    const response = await fetch(`${upload()}?uploadType=media&name=${encodeURIComponent(name)}`, {
      method: 'POST',
      body: 'x',
    });
    expect(response.status).toBe(400);
  });

  it('malformed percent-encoding in the path is 400', async () => {
    const response = await fetch(`${base}/storage/v1/b/${bucket}/o/%E0%A4%A`);
    expect(response.status).toBe(400);
  });

  it('accepts slash-heavy names through the GCS API, and Firebase listing hides unreachable ones', async () => {
    for (const name of ['slashy//double', 'slashy/trailing/', 'slashy/ok']) {
      expect(
        (
          await fetch(`${upload()}?uploadType=media&name=${encodeURIComponent(name)}`, {
            method: 'POST',
            body: 'x',
          })
        ).status,
      ).toBe(200);
      expect(await exists(name)).toBe(true);
    }
    const listing = (await (
      await fetch(`${v0()}?prefix=slashy/&delimiter=/`, { headers: OWNER })
    ).json()) as {
      items: { name: string }[];
      prefixes: string[];
    };
    expect(listing.items.map((item) => item.name)).toEqual(['slashy/ok']);
    expect(listing.prefixes).toEqual(['slashy/trailing/']);
  });

  it('a Firebase list prefix must end with a slash', async () => {
    expect((await fetch(`${v0()}?prefix=abc`, { headers: OWNER })).status).toBe(400);
  });
});

describe('downloads and preconditions', () => {
  beforeAll(async () => {
    await fetch(`${upload()}?uploadType=media&name=digits.txt`, {
      method: 'POST',
      headers: { 'Content-Type': 'text/plain' },
      body: '0123456789',
    });
  });

  it('serves byte ranges with 206 and unsatisfiable ones with 416', async () => {
    const part = await fetch(`${gcs('digits.txt')}?alt=media`, { headers: { Range: 'bytes=2-5' } });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe('bytes 2-5/10');
    expect(await part.text()).toBe('2345');
    const suffix = await fetch(`${v0('digits.txt')}?alt=media`, {
      headers: { ...OWNER, Range: 'bytes=-3' },
    });
    expect(await suffix.text()).toBe('789');
    const beyond = await fetch(`${gcs('digits.txt')}?alt=media`, {
      headers: { Range: 'bytes=20-30' },
    });
    expect(beyond.status).toBe(416);
    expect(beyond.headers.get('content-range')).toBe('bytes */10');
  });

  it('sends the hashes and generation headers GCS clients validate', async () => {
    const response = await fetch(`${gcs('digits.txt')}?alt=media`);
    const metadata = (await (await fetch(gcs('digits.txt'))).json()) as Record<string, string>;
    expect(response.headers.get('x-goog-hash')).toBe(
      `crc32c=${metadata.crc32c},md5=${metadata.md5Hash}`,
    );
    expect(response.headers.get('x-goog-generation')).toBe(metadata.generation);
    expect(response.headers.get('content-type')).toBe('text/plain');
  });

  it('ifGenerationMatch and ifMetagenerationMatch fail with 412; ifGenerationNotMatch reads 304', async () => {
    const metadata = (await (await fetch(gcs('digits.txt'))).json()) as Record<string, string>;
    expect(
      (await fetch(`${gcs('digits.txt')}?ifGenerationMatch=1`, { method: 'DELETE' })).status,
    ).toBe(412);
    const patch = await fetch(`${gcs('digits.txt')}?ifMetagenerationMatch=7`, {
      method: 'PATCH',
      headers: { 'Content-Type': 'application/json' },
      body: '{"metadata":{"a":"b"}}',
    });
    expect(patch.status).toBe(412);
    expect(
      (await fetch(`${gcs('digits.txt')}?ifGenerationNotMatch=${metadata.generation}`)).status,
    ).toBe(304);
    expect(await exists('digits.txt')).toBe(true);
  });

  it('gzip-stored objects go out compressed to gzip clients and plain to the others', async () => {
    const { gzipSync } = await import('node:zlib');
    const compressed = gzipSync(Buffer.from('squeezed text'));
    const body = Buffer.concat([
      Buffer.from(
        '--g\r\nContent-Type: application/json\r\n\r\n{"name":"zipped.txt","contentType":"text/plain","contentEncoding":"gzip"}\r\n' +
          '--g\r\nContent-Type: text/plain\r\n\r\n',
      ),
      compressed,
      Buffer.from('\r\n--g--'),
    ]);
    const created = await postMultipart(upload(), 'g', body);
    expect(((await created.json()) as { size: string }).size).toBe(String(compressed.length));
    const gzipped = await fetch(`${gcs('zipped.txt')}?alt=media`, {
      headers: { 'Accept-Encoding': 'gzip' },
    });
    expect(gzipped.headers.get('content-encoding')).toBe('gzip');
    expect(await gzipped.text()).toBe('squeezed text');
    const plain = await fetch(`${gcs('zipped.txt')}?alt=media`, {
      headers: { 'Accept-Encoding': 'identity' },
    });
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(plain.headers.get('x-goog-stored-content-encoding')).toBe('gzip');
    expect(await plain.text()).toBe('squeezed text');
  });

  it('an invalid precondition value is 400', async () => {
    expect((await fetch(`${gcs('digits.txt')}?ifGenerationMatch=abc`)).status).toBe(400);
  });

  it("a missing object is 404 in Google's error shape", async () => {
    const response = await fetch(gcs('missing.txt'));
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({
      error: { code: 404, errors: [{ reason: 'notFound' }] },
    });
  });
});

describe('clients', () => {
  it('answers CORS preflights and exposes the upload headers', async () => {
    const response = await preflight(v0('x'), 'x-goog-upload-command');
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    expect(response.headers.get('access-control-allow-headers')).toBe('x-goog-upload-command');
    const get = await fetch(`${gcs('digits.txt')}?alt=media`, {
      headers: { Origin: 'http://localhost:5173' },
    });
    expect(get.headers.get('access-control-expose-headers')).toMatch(/X-Goog-Upload-URL/);
  });

  it('a malformed Firebase token is 401', async () => {
    expect(
      (await fetch(v0('digits.txt'), { headers: { Authorization: 'Firebase not-a-jwt' } })).status,
    ).toBe(401);
  });

  it('without a loaded ruleset, client requests are 403 with the reason', async () => {
    const response = await fetch(v0('digits.txt'));
    expect(response.status).toBe(403);
    expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(
      /no loaded ruleset/,
    );
  });

  it('download tokens open the bytes without rules; a wrong token does not', async () => {
    const metadata = (await (await fetch(v0('digits.txt'), { headers: OWNER })).json()) as {
      downloadTokens: string;
    };
    expect(metadata.downloadTokens).toMatch(/^[0-9a-f-]{36}$/);
    expect(
      (await fetch(`${v0('digits.txt')}?alt=media&token=${metadata.downloadTokens}`)).status,
    ).toBe(200);
    expect((await fetch(`${v0('digits.txt')}?alt=media&token=wrong`)).status).toBe(403);
  });
});
