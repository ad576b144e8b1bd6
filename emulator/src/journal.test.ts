import { mkdtemp, readdir, readFile, stat, truncate, writeFile } from 'node:fs/promises';
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

  it('reads records followed by the zeros written ahead of them (a process killed mid-segment)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'hearth-journal-'));
    const { journal } = Journal.open(dir, 0, quiet);
    for (const text of ['one', 'two', 'three']) await journal.append(Buffer.from(text));
    // Not closed, as after kill -9: the segment still ends in the zeros written ahead.
    const used = ['one', 'two', 'three'].reduce((sum, text) => sum + 8 + text.length, 0);
    expect((await stat(join(dir, 'segment-0.log'))).size).toBeGreaterThan(used);
    const lines: string[] = [];
    const reopened = Journal.open(dir, 0, (line) => lines.push(line));
    expect(reopened.records.map(String)).toEqual(['one', 'two', 'three']);
    expect(lines).toEqual([]);
    await reopened.journal.append(Buffer.from('four'));
    expect(Journal.open(dir, 0, quiet).records.map(String)).toEqual([
      'one',
      'two',
      'three',
      'four',
    ]);
    await journal.close();
    await reopened.journal.close();
  });

  it('writes zeros ahead in 256 KiB steps as the records cross them, and nothing else', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'hearth-journal-'));
    const { journal } = Journal.open(dir, 0, quiet);
    const payloads = Array.from({ length: 120 }, (_, i) => Buffer.alloc(5000 + i, i + 1));
    for (const payload of payloads.slice(0, 60)) await journal.append(payload);
    await Promise.all(payloads.slice(60).map((payload) => journal.append(payload)));
    const bytes = await readFile(join(dir, 'segment-0.log'));
    const used = payloads.reduce((sum, payload) => sum + 8 + payload.length, 0);
    // The first record wrote zeros up to 512 KiB (256 KiB past it, rounded up to a step); the
    // records crossed that, so zeros were written up to 1 MiB.
    expect(used).toBeGreaterThan(512 * 1024);
    expect(bytes.length).toBe(1024 * 1024);
    expect(bytes.subarray(used).equals(Buffer.alloc(bytes.length - used))).toBe(true);
    expect(readRecords(bytes)).toEqual({ records: payloads, torn: false });
    await journal.close();
  });

  it('reads a segment of zeros only (killed right after writing ahead) as empty, not torn', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'hearth-journal-'));
    await writeFile(join(dir, 'segment-0.log'), Buffer.alloc(256 * 1024));
    await writeFile(join(dir, 'segment-1.log'), Buffer.concat([frame(Buffer.from('after'))]));
    const lines: string[] = [];
    expect(Journal.open(dir, 0, (line) => lines.push(line)).records.map(String)).toEqual(['after']);
    expect(lines).toEqual([]);
  });

  it('stops at a torn record among the zeros written ahead, and says so', () => {
    const good = frame(Buffer.from('good'));
    const torn = frame(Buffer.from('a record cut short'));
    const zeros = Buffer.alloc(4096);
    expect(readRecords(Buffer.concat([good, zeros]))).toEqual({
      records: [Buffer.from('good')],
      torn: false,
    });
    // Its header reached the disk, the end of its payload did not (zeros instead).
    expect(readRecords(Buffer.concat([good, torn.subarray(0, 12), zeros]))).toEqual({
      records: [Buffer.from('good')],
      torn: true,
    });
    // Its first bytes did not, a later part did.
    const late = Buffer.concat([good, zeros]);
    torn.copy(late, good.length + 8, 8);
    expect(readRecords(late)).toEqual({ records: [Buffer.from('good')], torn: true });
  });

  it('refuses an empty record, which would read as the end of a segment', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'hearth-journal-'));
    const { journal } = Journal.open(dir, 0, quiet);
    await expect(journal.append(Buffer.alloc(0))).rejects.toThrow('cannot be empty');
    await journal.close();
  });
});
