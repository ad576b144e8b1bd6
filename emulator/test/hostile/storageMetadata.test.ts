/**
 * Custom metadata is at most 8 KiB, keys and values together (Cloud Storage quotas: "Maximum size
 * of custom metadata"); over it, inserts and updates by either API are 400 and change nothing.
 */
import { describe, expect, it } from 'vitest';
import { answer, OWNER, useHostileStorage, type Json } from './storageSetup.js';
import { postMultipart } from '../storageRequests.js';

const st = useHostileStorage();

describe('custom metadata is at most 8 KiB', () => {
  const sized = (bytes: number): Record<string, string> => ({ k: 'x'.repeat(bytes - 1) });

  it('on insert, by either API', async () => {
    await st.put('meta/ok.txt', 'x', sized(8192));
    const body =
      `--b\r\nContent-Type: application/json\r\n\r\n${JSON.stringify({ name: 'meta/big.txt', metadata: sized(8193) })}\r\n` +
      `--b\r\nContent-Type: text/plain\r\n\r\nx\r\n--b--`;
    const gcsInsert = await answer(postMultipart(st.upload(), 'b', body));
    expect(gcsInsert.status).toBe(400);
    expect(gcsInsert.json.error.message).toMatch(/8 KiB/);
    const firebaseStart = await answer(
      fetch(`${st.v0()}?name=meta%2Fbig2.txt`, {
        method: 'POST',
        headers: {
          ...OWNER,
          'X-Goog-Upload-Protocol': 'resumable',
          'X-Goog-Upload-Command': 'start',
          'Content-Type': 'application/json',
        },
        body: JSON.stringify({ name: 'meta/big2.txt', metadata: sized(8193) }),
      }),
    );
    expect(firebaseStart.status).toBe(400);
    expect(firebaseStart.json.error.message).toMatch(/8 KiB/);
    expect(await st.objectNames()).not.toContain('meta/big.txt');
  });

  it('on update, by either API, leaving the metadata as it was', async () => {
    await st.put('meta/grow.txt', 'x', { a: 'small' });
    const patched = await answer(
      fetch(st.gcs('meta/grow.txt'), {
        method: 'PATCH',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ metadata: { b: 'y'.repeat(8200) } }),
      }),
    );
    expect(patched.status).toBe(400);
    expect(patched.json.error.message).toMatch(/8 KiB/);
    const viaFirebase = await answer(
      fetch(st.v0('meta/grow.txt'), {
        method: 'POST',
        headers: {
          ...OWNER,
          'X-HTTP-Method-Override': 'PATCH',
          'Content-Type': 'application/json',
        },
        body: JSON.stringify({ metadata: { c: 'z'.repeat(8200) } }),
      }),
    );
    expect(viaFirebase.status).toBe(400);
    const current = (await (await fetch(st.gcs('meta/grow.txt'))).json()) as Json;
    expect(current.metadata).toEqual({ a: 'small' });
  });
});
