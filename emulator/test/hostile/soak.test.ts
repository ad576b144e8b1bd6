/**
 * A seeded run of mixed valid and invalid traffic, bounded in time, across gRPC, REST, WebChannel
 * and Storage at once. Each worker owns its documents and objects and draws its actions from its
 * own seeded sequence, so it knows exactly what it was acknowledged; every refusal must come with
 * the status its wire gives bad input and change nothing. At the end every acknowledged write is
 * read back. `HEARTH_SOAK_SEED` replays a run, `HEARTH_SOAK_SECONDS` (default 12) lengthens it.
 */
import { gzipSync } from 'node:zlib';
import { expect, it } from 'vitest';
import { seededRandom, type SeededRandom } from '../../src/testing/seededRandom.js';
import { int, str, useHostileFirestore, type Json, type Wire } from './firestoreSetup.js';
import { useHostileStorage } from './storageSetup.js';
import { postMultipart } from '../storageRequests.js';
import { grpcCall, grpcFrame, requestBytes, webChannel } from './wire.js';

const SEED = Number(process.env['HEARTH_SOAK_SEED'] ?? 20261204);
const SECONDS = Number(process.env['HEARTH_SOAK_SECONDS'] ?? 12);
const WORKERS = 6;

const fs = useHostileFirestore('demo-soak');
const st = useHostileStorage('demo-soak-storage');

type Wire3 = 'grpc' | 'rest' | 'webchannel';

/** What a worker was told: a document's fields (null once deleted), an object's contents. */
interface Acknowledged {
  documents: Map<string, Wire | null>;
  objects: Map<string, string | null>;
}

/** A write over one wire: 'ok', or the status it was refused with (gRPC code, HTTP status). */
async function commit(wire: Wire3, writes: Wire[]): Promise<'ok' | number> {
  if (wire === 'grpc')
    return fs.commit(writes).then(
      () => 'ok' as const,
      (error: { code: number }) => error.code,
    );
  if (wire === 'rest') {
    const answer = await fs.rest('POST', `${fs.db}/documents:commit`, { writes });
    return answer.status === 200 ? 'ok' : answer.status;
  }
  const channel = webChannel(`http://${fs.hostPort}`, fs.db);
  const sid = await channel.open('Write', [{ database: fs.db }], 'Authorization:Bearer owner\r\n');
  await channel.receive('Write', sid, 1);
  await channel.send('Write', sid, 1, [{ writes }]);
  const [, answer] = (await channel.receive('Write', sid, 2)) as Json[];
  return answer.error ? answer.error.code : 'ok';
}

/** Statuses that mean "your request is wrong" on each wire (INVALID_ARGUMENT, 400). */
const REFUSED: Record<Wire3, number[]> = { grpc: [3], rest: [400], webchannel: [400, 3] };

async function step(worker: number, n: number, rng: SeededRandom, acked: Acknowledged) {
  const { random, pick } = rng;
  const wire = pick<Wire3>(['grpc', 'rest', 'webchannel']);
  const path = `soak/w${worker}-${Math.floor(random() * 8)}`;
  const name = `${fs.docs}/${path}`;
  const object = `soak/w${worker}-${Math.floor(random() * 4)}.txt`;
  const roll = random();
  if (roll < 0.35) {
    const fields = { n: int(n), s: str(`${wire} ${n}`), toString: int(worker) };
    expect(await commit(wire, [{ update: { name, fields } }])).toBe('ok');
    acked.documents.set(path, fields);
  } else if (roll < 0.45) {
    expect(await commit(wire, [{ delete: name }])).toBe('ok');
    acked.documents.set(path, null);
  } else if (roll < 0.65) {
    // Invalid writes to the same documents: each must be refused and change nothing.
    const bad = pick<Wire>([
      { update: { name, fields: { __proto__x: int(1), ['__reserved__']: int(n) } } },
      { update: { name, fields: { g: { geoPointValue: { latitude: 91, longitude: 0 } } } } },
      { update: { name, fields: { r: { referenceValue: 'not/a/document/name' } } } },
      { update: { name: `${name}/..`, fields: { n: int(n) } } },
      { update: { name, fields: { n: int(n) } }, updateMask: { fieldPaths: ['`unterminated'] } },
    ]);
    const outcome = await commit(wire, [bad]);
    expect(REFUSED[wire], `${wire} ${JSON.stringify(bad)} → ${outcome}`).toContain(outcome);
  } else if (roll < 0.72) {
    // Bytes that are not a request: a frame that does not decompress, or is cut short.
    const frame = pick([
      grpcFrame(Buffer.from('not gzip'), { compressed: true }),
      grpcFrame(gzipSync(requestBytes('Commit', { database: fs.db })).subarray(0, 9), {
        compressed: true,
      }),
    ]);
    const result = await grpcCall(fs.hostPort, 'Commit', [frame], { 'grpc-encoding': 'gzip' });
    expect(result.code).toBe(13);
  } else if (roll < 0.77) {
    const answer = await fs.rest('POST', `${fs.db}/documents:commit`, '['.repeat(20_000));
    expect(answer.status).toBe(400);
  } else if (roll < 0.9) {
    const data = `w${worker} n${n} ${'x'.repeat(Math.floor(random() * 2000))}`;
    await st.put(object, data);
    acked.objects.set(object, data);
  } else if (roll < 0.95) {
    const response = await fetch(st.gcs(object), { method: 'DELETE' });
    expect([204, 404]).toContain(response.status);
    await response.arrayBuffer();
    if (response.status === 204) acked.objects.set(object, null);
  } else {
    // A multipart upload whose metadata is not JSON: refused, the object as it was.
    const response = await postMultipart(
      st.upload(),
      'b',
      `--b\r\nContent-Type: application/json\r\n\r\n{"name": "${object}", \r\n--b\r\nContent-Type: text/plain\r\n\r\nlost\r\n--b--`,
    );
    expect(response.status).toBe(400);
    await response.arrayBuffer();
  }
}

it(`keeps every acknowledged write through ${SECONDS} s of mixed traffic (seed ${SEED})`, async () => {
  const until = Date.now() + SECONDS * 1000;
  const workers = Array.from({ length: WORKERS }, (_, worker) => ({
    rng: seededRandom(SEED + worker),
    acked: { documents: new Map(), objects: new Map() } as Acknowledged,
    steps: 0,
  }));
  await Promise.all(
    workers.map(async (w, worker) => {
      while (Date.now() < until) await step(worker, ++w.steps, w.rng, w.acked);
    }),
  );
  let documents = 0;
  let objects = 0;
  for (const { acked } of workers) {
    for (const [path, fields] of acked.documents) {
      const answer = await fs.rest('GET', `${fs.docs}/${path}`);
      if (fields === null) expect(answer.status, path).toBe(404);
      else expect({ path, fields: answer.json.fields }).toEqual({ path, fields });
      documents++;
    }
    for (const [object, data] of acked.objects) {
      const response = await fetch(`${st.gcs(object)}?alt=media`);
      const body = await response.text();
      if (data === null) expect(response.status, object).toBe(404);
      else expect({ object, body }).toEqual({ object, body: data });
      objects++;
    }
  }
  const total = workers.reduce((sum, w) => sum + w.steps, 0);
  console.log(
    `soak: seed ${SEED}, ${SECONDS} s, ${total} requests by ${WORKERS} workers; ${documents} documents and ${objects} objects checked`,
  );
  expect(total).toBeGreaterThan(WORKERS * 10);
});
