import { mkdtemp, readdir, readFile, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { frame, Journal, readRecords } from './journal.js';

const quiet = () => undefined;

describe('journal', () => {
  it('group-commits concurrent appends: every record on disk, far fewer fsyncs than records', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'hearth-journal-'));
    const { journal } = Journal.open(dir, 0, quiet);
    await Promise.all(
      Array.from({ length: 200 }, (_, i) => journal.append(Buffer.from(`record ${i}`))),
    );
    expect(journal.stats.records).toBe(200);
    expect(journal.stats.syncs).toBeGreaterThan(0);
    expect(journal.stats.syncs).toBeLessThan(20);
    await journal.close();
    const { records } = Journal.open(dir, 0, quiet);
    expect(records.map(String)).toEqual(Array.from({ length: 200 }, (_, i) => `record ${i}`));
  });

  it('ignores a torn last record, keeping the ones before it, and says so', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'hearth-journal-'));
    const { journal } = Journal.open(dir, 0, quiet);
    for (const text of ['one', 'two', 'three']) await journal.append(Buffer.from(text));
    await journal.close();
    const file = join(dir, 'segment-0.log');
    await truncate(file, (await readFile(file)).length - 2);
    const lines: string[] = [];
    const reopened = Journal.open(dir, 0, (line) => lines.push(line));
    expect(reopened.records.map(String)).toEqual(['one', 'two']);
    expect(lines.join('\n')).toContain('torn or corrupt record');
    // Appends go to a fresh segment, never after the torn bytes.
    await reopened.journal.append(Buffer.from('four'));
    await reopened.journal.close();
    expect(Journal.open(dir, 0, quiet).records.map(String)).toEqual(['one', 'two', 'four']);
  });

  it('stops at a record whose checksum does not match', () => {
    const good = frame(Buffer.from('good'));
    const bad = frame(Buffer.from('bad!'));
    bad.writeUInt8(bad.readUInt8(bad.length - 1) ^ 1, bad.length - 1);
    expect(readRecords(Buffer.concat([good, bad]))).toEqual({
      records: [Buffer.from('good')],
      torn: true,
    });
  });

  it('rotates to a new segment; segments before a number are skipped and removed', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'hearth-journal-'));
    const { journal } = Journal.open(dir, 0, quiet);
    await journal.append(Buffer.from('old'));
    const segment = await journal.rotate();
    await journal.append(Buffer.from('new'));
    expect(Journal.open(dir, segment, quiet).records.map(String)).toEqual(['new']);
    await journal.removeBefore(segment);
    expect((await readdir(dir)).sort()).not.toContain('segment-0.log');
    await journal.close();
    await writeFile(join(dir, 'unrelated.txt'), 'x');
    expect(Journal.open(dir, 0, quiet).records.map(String)).toEqual(['new']);
  });
});
