/**
 * A refusal costs little: bodies are judged for size and depth while they arrive, so a request the
 * server will refuse is answered before it has been read, whatever its length.
 */
import { describe, expect, it } from 'vitest';
import { useHostileFirestore, type Json } from './firestoreSetup.js';

const fs = useHostileFirestore();
const { docs: DOCS } = fs;

describe('bounded work before a refusal', () => {
  /** A body that never ends: the answer can only come from a server that stopped reading. */
  function endless(chunk: string): ReadableStream<Uint8Array> {
    const bytes = new TextEncoder().encode(chunk.repeat(65536 / chunk.length));
    return new ReadableStream({ pull: (controller) => controller.enqueue(bytes) });
  }
  const post = (path: string, body: ReadableStream<Uint8Array>): Promise<Response> =>
    fetch(`http://${fs.hostPort}/v1/${path}`, {
      method: 'POST',
      body,
      headers: { Authorization: 'Bearer owner' },
      duplex: 'half',
    } as RequestInit);

  it('an endless body of [ is refused for its depth while it is still arriving', async () => {
    const response = await post(`${DOCS}:commit`, endless('['));
    expect(response.status).toBe(400);
    expect(((await response.json()) as Json).error.message).toMatch(/deep|depth|nest/i);
  });

  it('an endless body of valid JSON is refused at 10 MiB while it is still arriving', async () => {
    const response = await post(`${DOCS}:commit`, endless(' '));
    expect(response.status).toBe(400);
    expect(((await response.json()) as Json).error.message).toMatch(/10485760/);
  });
});
