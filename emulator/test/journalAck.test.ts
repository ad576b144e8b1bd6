// The acknowledgement waits for the journal: with a journal whose flushes the test releases by
// hand, no commit (plain, batch, transaction, REST) and no upload is answered before its record
// is flushed. This catches an answer sent before the write, which a kill -9 test rarely does.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Firestore } from '@google-cloud/firestore';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startFirestore, type FirestoreEmulator } from '../src/firestore/index.js';
import { startStorage, type StorageEmulator } from '../src/storage/index.js';

/** A journal that holds every append until `release()`. */
function heldJournal() {
  const held: { payload: Buffer; release: () => void }[] = [];
  return {
    held,
    journal: {
      records: [] as Buffer[],
      name: 'held',
      append: (payload: Buffer) =>
        new Promise<void>((resolve) => held.push({ payload, release: resolve })),
    },
    release: () => held.splice(0).forEach((entry) => entry.release()),
  };
}

/**
 * Whether `promise` settled before its record reached the journal, or within 100 ms after: it
 * waits for the record first (on a loaded machine a request takes more than 100 ms to arrive).
 */
const settlesBeforeRelease = async (promise: Promise<unknown>, recorded: () => boolean) => {
  let settled = false;
  void promise.then(
    () => (settled = true),
    () => (settled = true),
  );
  await vi.waitFor(() => expect(recorded() || settled).toBe(true), { timeout: 20_000 });
  await new Promise((resolve) => setTimeout(resolve, 100));
  return settled;
};

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});

describe('acknowledged only once journaled', () => {
  it('Firestore: set, batch, transaction, REST and a clear wait for their record', async () => {
    const { journal, held, release } = heldJournal();
    const emulator: FirestoreEmulator = await startFirestore({ port: 0, journal, log: () => {} });
    // The SDK takes FIRESTORE_EMULATOR_HOST over `host` (`npm test` sets it to the stack's emulator):
    // point it at this test's own.
    process.env.FIRESTORE_EMULATOR_HOST = `${emulator.host}:${emulator.port}`;
    const db = new Firestore({
      projectId: 'demo-ack',
      host: `${emulator.host}:${emulator.port}`,
      ssl: false,
    });
    closers.push(async () => {
      release();
      await db.terminate();
      await emulator.close();
    });
    // Connected first, so a slow first call cannot pass for a held answer.
    await db.doc('warm/up').get();
    const writes: [string, () => Promise<unknown>][] = [
      ['set', () => db.doc('a/1').set({ n: 1 })],
      [
        'batch',
        () => {
          const batch = db.batch();
          batch.set(db.doc('a/2'), { n: 2 });
          batch.delete(db.doc('a/1'));
          return batch.commit();
        },
      ],
      ['transaction', () => db.runTransaction(async (t) => t.set(db.doc('a/3'), { n: 3 }))],
      [
        'REST',
        () =>
          fetch(
            `http://${emulator.host}:${emulator.port}/v1/projects/demo-ack/databases/(default)/documents/a?documentId=4`,
            {
              method: 'POST',
              headers: { 'content-type': 'application/json', authorization: 'Bearer owner' },
              body: JSON.stringify({ fields: { n: { integerValue: '4' } } }),
            },
          ).then((response) => expect(response.status).toBe(200)),
      ],
      [
        'clear (the emulator endpoint)',
        () =>
          fetch(
            `http://${emulator.host}:${emulator.port}/emulator/v1/projects/demo-ack/databases/(default)/documents`,
            { method: 'DELETE' },
          ).then((response) => expect(response.status).toBe(200)),
      ],
    ];
    for (const [what, write] of writes) {
      const before = held.length;
      const answered = write();
      expect(
        await settlesBeforeRelease(answered, () => held.length > before),
        `${what} answered before its record was flushed`,
      ).toBe(false);
      expect(held.length, what).toBeGreaterThan(before);
      release();
      await answered;
    }
  });

  it('Storage: an upload and a deletion wait for their record', async () => {
    const { journal, held, release } = heldJournal();
    const dataDir = await mkdtemp(join(tmpdir(), 'hearth-ack-'));
    const emulator: StorageEmulator = await startStorage({
      port: 0,
      projectId: 'demo-ack',
      dataDir,
      journal,
      log: () => {},
    });
    closers.push(async () => {
      release();
      await emulator.close();
    });
    const base = `http://${emulator.host}:${emulator.port}`;
    const bucket = 'demo-ack.appspot.com';
    const uploaded = fetch(`${base}/upload/storage/v1/b/${bucket}/o?uploadType=media&name=x`, {
      method: 'POST',
      headers: { 'Content-Type': 'text/plain' },
      body: 'bytes',
    });
    expect(await settlesBeforeRelease(uploaded, () => held.length > 0)).toBe(false);
    expect(JSON.parse(held[0]?.payload.toString() ?? '{}').put.name).toBe('x');
    release();
    expect((await uploaded).status).toBe(200);
    const deleted = fetch(`${base}/storage/v1/b/${bucket}/o/x`, { method: 'DELETE' });
    expect(await settlesBeforeRelease(deleted, () => held.length > 0)).toBe(false);
    release();
    expect((await deleted).ok).toBe(true);
  });
});
