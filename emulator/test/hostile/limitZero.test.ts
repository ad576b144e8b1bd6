/**
 * `limit: 0` (query.proto: "Must be >= 0 if specified") asks for no documents: runQuery and
 * runAggregationQuery answer with none over REST and gRPC, and a Listen target with it is served,
 * empty, beside the stream's other targets, on gRPC and WebChannel.
 */
import { describe, expect, it } from 'vitest';
import { status, useHostileFirestore, type Json, type Wire } from './firestoreSetup.js';
import { grpcExchange, grpcFrame, requestBytes, webChannel } from './wire.js';

const fs = useHostileFirestore();
const { db: DB, docs: DOCS } = fs;

describe('limit: 0', () => {
  const query = (limit: number): Wire => ({ from: [{ collectionId: 'kept' }], limit });

  it('runQuery answers no documents and runAggregationQuery counts none, over REST', async () => {
    const run = await fs.rest('POST', `${DOCS}:runQuery`, { structuredQuery: query(0) });
    expect(run.status).toBe(200);
    expect(run.json).toEqual([{ readTime: expect.any(String), done: true }]);
    const counted = await fs.rest('POST', `${DOCS}:runAggregationQuery`, {
      structuredAggregationQuery: {
        structuredQuery: query(0),
        aggregations: [{ alias: 'n', count: {} }],
      },
    });
    expect(counted.status).toBe(200);
    expect(counted.json[0].result.aggregateFields).toEqual({ n: { integerValue: '0' } });
  });

  it('runQuery answers no documents and runAggregationQuery counts none, over gRPC', async () => {
    const structuredQuery = { from: [{ collectionId: 'kept' }], limit: { value: 0 } };
    const run = await fs.client.stream('RunQuery', { parent: DOCS, structuredQuery });
    expect(run.map((r) => r['document'] ?? null)).toEqual([null]);
    const [counted] = await fs.client.stream('RunAggregationQuery', {
      parent: DOCS,
      structuredAggregationQuery: {
        structuredQuery,
        aggregations: [{ alias: 'n', count: {} }],
      },
    });
    expect((counted!['result'] as Wire)['aggregateFields']).toMatchObject({
      n: { integerValue: '0' },
    });
  });

  it('a Listen target with limit 0 is served, empty, beside the stream’s other targets', async () => {
    const listen = grpcExchange(fs.hostPort, 'Listen');
    const target = (targetId: number, limit?: number): Buffer =>
      grpcFrame(
        requestBytes('Listen', {
          database: DB,
          addTarget: {
            targetId,
            query: {
              parent: DOCS,
              structuredQuery: {
                from: [{ collectionId: 'kept' }],
                ...(limit === undefined ? {} : { limit: { value: limit } }),
              },
            },
          },
        }),
      );
    listen.send(target(1, 0));
    const first = await listen.received(3);
    expect(first.map((r) => (r['targetChange'] as Wire | undefined)?.['targetChangeType'])).toEqual(
      ['ADD', 'CURRENT', 'NO_CHANGE'],
    );
    listen.send(target(2));
    const all = await listen.received(3 + 1 + Object.keys(fs.kept).length + 2);
    const changes = all.slice(3).filter((r) => r['documentChange']);
    expect(changes.map((r) => (r['documentChange'] as Wire)['targetIds'])).toEqual([[2], [2]]);
    listen.end();
    expect((await listen.status).code).toBe(0);
  });

  it('a Listen target with limit 0 is served over WebChannel', async () => {
    const channel = webChannel(`http://${fs.hostPort}`, DB);
    const sid = await channel.open('Listen', [
      {
        database: DB,
        addTarget: {
          targetId: 4,
          query: { parent: DOCS, structuredQuery: query(0) },
        },
      },
    ]);
    const messages = (await channel.receive('Listen', sid, 3)) as Json[];
    expect(messages.map((m) => m.targetChange?.targetChangeType ?? 'NO_CHANGE')).toEqual([
      'ADD',
      'CURRENT',
      'NO_CHANGE',
    ]);
  });

  it('a negative limit is still INVALID_ARGUMENT on both wires', async () => {
    expect((await fs.rest('POST', `${DOCS}:runQuery`, { structuredQuery: query(-1) })).status).toBe(
      400,
    );
    const grpc = await status(
      fs.client.stream('RunQuery', {
        parent: DOCS,
        structuredQuery: { from: [{ collectionId: 'kept' }], limit: { value: -1 } },
      }),
    );
    expect(grpc.code).toBe(3);
  });
});
