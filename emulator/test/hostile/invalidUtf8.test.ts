/**
 * Strings that are not Unicode text: invalid UTF-8 bytes (gRPC, REST bodies, URLs) and lone
 * surrogates (JSON escapes on REST and WebChannel), in values, field names and document names.
 * Every wire refuses them with INVALID_ARGUMENT and stores nothing.
 */
import { describe, expect, it } from 'vitest';
import { int, status, str, useHostileFirestore, type Json } from './firestoreSetup.js';
import { grpcCall, grpcFrame, requestBytes, spliceBytes, webChannel } from './wire.js';

const fs = useHostileFirestore();
const { db: DB, docs: DOCS, update } = fs;

describe('invalid UTF-8 and lone surrogates', () => {
  const MARK = 'QQ';
  const BAD_UTF8 = [
    Buffer.from([0xc3, 0x28]),
    Buffer.from([0xed, 0xa0]),
    Buffer.from([0xff, 0xfe]),
  ];

  it('gRPC: invalid UTF-8 in a value, a field name or a document name is INVALID_ARGUMENT', async () => {
    const requests = [
      requestBytes('Commit', { database: DB, writes: [update('utf/v', { s: str(`a${MARK}b`) })] }),
      requestBytes('Commit', { database: DB, writes: [update('utf/f', { [`k${MARK}`]: int(1) })] }),
      requestBytes('Commit', { database: DB, writes: [update(`utf/${MARK}`, { n: int(1) })] }),
    ];
    for (const request of requests) {
      for (const bad of BAD_UTF8) {
        const result = await grpcCall(fs.hostPort, 'Commit', [
          grpcFrame(spliceBytes(request, MARK, bad)),
        ]);
        expect(result.code).toBe(3);
        expect(result.message).toMatch(/UTF-8/);
      }
    }
    const listed = await fs.client.unary('ListDocuments', { parent: DOCS, collectionId: 'utf' });
    expect(listed['documents'] ?? []).toEqual([]);
  });

  it('REST: a body that is not UTF-8 is refused before it is parsed', async () => {
    for (const bad of BAD_UTF8) {
      const body = Buffer.concat([
        Buffer.from('{"fields":{"s":{"stringValue":"a'),
        bad,
        Buffer.from('"}}}'),
      ]);
      const answer = await fs.rest('PATCH', `${DOCS}/utf/body`, body);
      expect(answer.status).toBe(400);
      expect(answer.json.error.message).toMatch(/UTF-8/);
    }
  });

  it('REST: a lone surrogate in a value, a field name or a document name is refused', async () => {
    const bodies = [
      `{"fields":{"s":{"stringValue":"a\\ud800b"}}}`,
      `{"fields":{"k\\udc00":{"integerValue":"1"}}}`,
      `{"fields":{"m":{"mapValue":{"fields":{"\\ud83d":{"nullValue":null}}}}}}`,
    ];
    for (const body of bodies) {
      const answer = await fs.rest('PATCH', `${DOCS}/utf/json`, body);
      expect({ body, status: answer.status }).toEqual({ body, status: 400 });
      expect(answer.json.error.message).toMatch(/UTF-8|surrogate/);
    }
    const named = await fs.rest(
      'POST',
      `${DOCS}:commit`,
      `{"writes":[{"update":{"name":"${DOCS}/utf/a\\ud800b","fields":{}}}]}`,
    );
    expect(named.status).toBe(400);
    for (const id of ['%ED%A0%80', '%FF', 'a%C3%28']) {
      const answer = await fs.rest('PATCH', `${DOCS}/utf/${id}`, { fields: {} });
      expect({ id, status: answer.status }).toEqual({ id, status: 400 });
      expect(answer.json.error.message).toMatch(/UTF-8/);
    }
    const listed = await fs.rest('GET', `${DOCS}/utf`);
    expect(listed.json.documents ?? []).toEqual([]);
  });

  it('WebChannel: a lone surrogate in a Write ends the stream with INVALID_ARGUMENT', async () => {
    const channel = webChannel(`http://${fs.hostPort}`, DB);
    const sid = await channel.open('Write', [{ database: DB }]);
    await channel.receive('Write', sid, 1);
    await channel.send('Write', sid, 1, [
      {
        writes: [{ update: { name: `${DOCS}/utf/wc`, fields: { s: { stringValue: 'a\ud800' } } } }],
      },
    ]);
    const [, error] = (await channel.receive('Write', sid, 2)) as Json[];
    expect(error.error).toMatchObject({
      status: 'INVALID_ARGUMENT',
      message: expect.stringMatching(/UTF-8|surrogate/),
    });
    expect((await status(fs.client.unary('GetDocument', { name: `${DOCS}/utf/wc` }))).code).toBe(5);
  });
});
