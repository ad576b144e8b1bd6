/**
 * A resumable-upload request that is refused changes nothing: not the bytes received, not the
 * announced size. Finishing the upload afterwards yields exactly the object sent.
 */
import { describe, expect, it } from 'vitest';
import { answer, md5, OWNER, useHostileStorage, type Json } from './storageSetup.js';
import { putChunk, uploadCommand } from '../storageRequests.js';

const st = useHostileStorage();

describe('a refused resumable chunk changes nothing', () => {
  async function startGcs(name: string, headers: Record<string, string> = {}): Promise<string> {
    const response = await fetch(
      `${st.upload()}?uploadType=resumable&name=${encodeURIComponent(name)}`,
      { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: '{}' },
    );
    expect(response.status).toBe(200);
    return response.headers.get('location')!;
  }
  const persisted = async (url: string, total: string): Promise<string | null> => {
    const status = await putChunk(url, `bytes */${total}`);
    expect(status.status).toBe(308);
    return status.headers.get('range');
  };

  it('GCS: a chunk shorter or longer than its Content-Range leaves the upload as it was', async () => {
    const url = await startGcs('chunked.txt');
    expect((await putChunk(url, 'bytes 0-3/*', 'abcd')).status).toBe(308);
    for (const [range, body] of [
      ['bytes 4-9/20', 'ef'],
      ['bytes 4-5/20', 'efghij'],
    ] as const) {
      const refused = await answer(putChunk(url, range, body));
      expect(refused.status).toBe(400);
      expect(refused.json.error.message).toMatch(/carried .* bytes where its request announced/);
      expect(await persisted(url, '*')).toBe('bytes=0-3');
    }
    const done = await answer(putChunk(url, 'bytes 4-9/10', 'efghij'));
    expect(done.status).toBe(200);
    expect(done.json.md5Hash).toBe(md5('abcdefghij'));
    expect(await (await fetch(`${st.gcs('chunked.txt')}?alt=media`)).text()).toBe('abcdefghij');
  });

  it('GCS: a refused chunk does not fix the total it announced', async () => {
    const url = await startGcs('total.txt');
    expect((await putChunk(url, 'bytes 5-9/30', 'fghij')).status).toBe(400);
    const done = await answer(putChunk(url, 'bytes 0-4/5', 'abcde'));
    expect(done.status).toBe(200);
    expect(done.json.size).toBe('5');
  });

  it('Firebase: upload-and-finalize with too few bytes is refused and keeps nothing of them', async () => {
    const start = await fetch(`${st.v0()}?name=short.txt`, {
      method: 'POST',
      headers: {
        ...OWNER,
        'X-Goog-Upload-Protocol': 'resumable',
        'X-Goog-Upload-Command': 'start',
        'X-Goog-Upload-Header-Content-Length': '6',
        'Content-Type': 'application/json',
      },
      body: '{"name":"short.txt"}',
    });
    const url = start.headers.get('x-goog-upload-url')!;
    expect((await uploadCommand(url, 'upload, finalize', 'abc', 0)).status).toBe(400);
    const query = await uploadCommand(url, 'query');
    expect(query.headers.get('x-goog-upload-size-received')).toBe('0');
    const done = await uploadCommand(url, 'upload, finalize', 'abcdef', 0);
    expect(done.status).toBe(200);
    expect(((await done.json()) as Json).md5Hash).toBe(md5('abcdef'));
  });
});
