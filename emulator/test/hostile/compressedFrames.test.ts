/**
 * gRPC messages with the compressed flag, framed by hand: every `grpc-encoding`, bytes that do not
 * inflate, inflate too far or lie about their length. Each ends only its own call, with the status
 * gRPC gives; a compressed frame that is well formed is served.
 */
import { deflateSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { int, useHostileFirestore } from './firestoreSetup.js';
import { grpcCall, grpcExchange, grpcFrame, requestBytes } from './wire.js';

const fs = useHostileFirestore();
const { db: DB, docs: DOCS, update } = fs;

describe('compressed gRPC frames', () => {
  const compress = { gzip: gzipSync, deflate: deflateSync };
  const getDocument = requestBytes('GetDocument', { name: `${DOCS}/kept/a` });
  const frames: Record<string, Buffer> = {
    GetDocument: getDocument,
    Commit: requestBytes('Commit', { database: DB, writes: [update('zip/x', { n: int(1) })] }),
    RunQuery: requestBytes('RunQuery', {
      parent: DOCS,
      structuredQuery: { from: [{ collectionId: 'kept' }] },
    }),
    Listen: requestBytes('Listen', {
      database: DB,
      addTarget: { targetId: 1, documents: { documents: [`${DOCS}/kept/a`] } },
    }),
    Write: requestBytes('Write', { database: DB }),
  };

  for (const encoding of ['gzip', 'deflate'] as const) {
    it(`${encoding}: a frame that does not decompress ends only its own call, with INTERNAL`, async () => {
      for (const rpc of Object.keys(frames)) {
        const result = await grpcCall(
          fs.hostPort,
          rpc,
          [grpcFrame(Buffer.from('these bytes are not compressed'), { compressed: true })],
          { 'grpc-encoding': encoding },
        );
        expect({ rpc, code: result.code, message: result.message }).toEqual({
          rpc,
          code: 13,
          message: expect.stringMatching(/decompress/i),
        });
      }
    });

    it(`${encoding}: a truncated compressed frame ends its call the same way`, async () => {
      const whole = compress[encoding](getDocument);
      const result = await grpcCall(
        fs.hostPort,
        'GetDocument',
        [grpcFrame(whole.subarray(0, whole.length - 4), { compressed: true })],
        { 'grpc-encoding': encoding },
      );
      expect(result.code).toBe(13);
    });

    it(`${encoding}: a well-formed compressed request is served`, async () => {
      const write = requestBytes('Commit', {
        database: DB,
        writes: [update(`zip/${encoding}`, { n: int(7) })],
      });
      const result = await grpcCall(
        fs.hostPort,
        'Commit',
        [grpcFrame(compress[encoding](write), { compressed: true })],
        { 'grpc-encoding': encoding },
      );
      expect(result.code).toBe(0);
      const doc = await fs.client.unary('GetDocument', { name: `${DOCS}/zip/${encoding}` });
      expect(doc['fields']).toMatchObject({ n: { integerValue: '7' } });
    });

    it(`${encoding}: a message that inflates past the receive limit is RESOURCE_EXHAUSTED`, async () => {
      const bomb = compress[encoding](Buffer.alloc(80 << 20));
      const result = await grpcCall(
        fs.hostPort,
        'GetDocument',
        [grpcFrame(bomb, { compressed: true })],
        {
          'grpc-encoding': encoding,
        },
      );
      expect(result.code).toBe(8);
      expect(result.message).toMatch(/larger than/);
    });
  }

  it('an encoding the server does not support is UNIMPLEMENTED', async () => {
    for (const encoding of ['br', 'snappy', 'x-unknown']) {
      const result = await grpcCall(
        fs.hostPort,
        'GetDocument',
        [grpcFrame(getDocument, { compressed: true })],
        { 'grpc-encoding': encoding },
      );
      expect(result.code).toBe(12);
      expect(result.message).toContain(encoding);
    }
  });

  it('a bad frame mid-stream ends that stream; what it acknowledged before stays written', async () => {
    const write = grpcExchange(fs.hostPort, 'Write', { 'grpc-encoding': 'gzip' });
    write.send(grpcFrame(frames['Write'] as Buffer));
    await write.received(1);
    write.send(
      grpcFrame(
        requestBytes('Write', { database: DB, writes: [update('zip/streamed', { n: int(3) })] }),
      ),
    );
    const [, acknowledged] = await write.received(2);
    expect(acknowledged!['commitTime']).toBeDefined();
    write.send(grpcFrame(Buffer.from('garbage'), { compressed: true }));
    expect((await write.status).code).toBe(13);
    const doc = await fs.client.unary('GetDocument', { name: `${DOCS}/zip/streamed` });
    expect(doc['fields']).toMatchObject({ n: { integerValue: '3' } });
  });

  it('frames that lie about their length end the call without ending the server', async () => {
    const truncated = await grpcCall(fs.hostPort, 'GetDocument', [
      grpcFrame(getDocument, { declaredLength: getDocument.length + 50 }),
    ]);
    expect(truncated.code).not.toBe(0);
    const huge = await grpcCall(fs.hostPort, 'GetDocument', [
      grpcFrame(Buffer.alloc(16), { declaredLength: 0xffffffff }),
    ]);
    expect(huge.code).toBe(8);
  });
});
