/**
 * Object names that are not Unicode text (invalid UTF-8 percent-encoded in a URL or raw in a JSON
 * body, lone surrogates as JSON escapes) are refused by both APIs with 400, and nothing is stored.
 */
import { describe, expect, it } from 'vitest';
import { answer, OWNER, useHostileStorage } from './storageSetup.js';
import { postMultipart } from '../storageRequests.js';

const st = useHostileStorage();

describe('names that are not UTF-8', () => {
  const BAD = ['a%FF', 'a%ED%A0%80', 'a%C3%28'];

  it('are refused in the Firebase API’s path and name parameter', async () => {
    for (const name of BAD) {
      for (const url of [`${st.v0()}?name=${name}`, `${st.base}/v0/b/${st.bucket}/o/${name}`]) {
        const refused = await answer(fetch(url, { method: 'POST', headers: OWNER, body: 'x' }));
        expect({ url, status: refused.status }).toEqual({ url, status: 400 });
        expect(refused.json.error.message).toMatch(/UTF-8/);
      }
    }
  });

  it('are refused in the GCS API’s name parameter, path and JSON metadata', async () => {
    for (const name of BAD) {
      const media = await answer(
        fetch(`${st.upload()}?uploadType=media&name=${name}`, { method: 'POST', body: 'x' }),
      );
      expect(media.status).toBe(400);
      expect(media.json.error.message).toMatch(/UTF-8/);
      const read = await answer(fetch(`${st.base}/storage/v1/b/${st.bucket}/o/${name}`));
      expect(read.status).toBe(400);
      expect(read.json.error.message).toMatch(/UTF-8/);
    }
    for (const body of [
      Buffer.concat([Buffer.from('{"name":"c'), Buffer.from([0xff]), Buffer.from('"}')]),
      Buffer.from('{"name":"c\\ud800"}'),
    ]) {
      const resumable = await answer(
        fetch(`${st.upload()}?uploadType=resumable`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body,
        }),
      );
      expect(resumable.status).toBe(400);
      expect(resumable.json.error.message).toMatch(/UTF-8/);
      const multipart = await answer(
        postMultipart(
          st.upload(),
          'b',
          Buffer.concat([
            Buffer.from('--b\r\nContent-Type: application/json\r\n\r\n'),
            body,
            Buffer.from('\r\n--b\r\nContent-Type: text/plain\r\n\r\nx\r\n--b--'),
          ]),
        ),
      );
      expect(multipart.status).toBe(400);
      expect(multipart.json.error.message).toMatch(/UTF-8/);
    }
    expect((await st.objectNames()).sort()).toEqual(Object.keys(st.kept).sort());
  });
});
