/**
 * An export is streamed both ways, never held whole: a regression to building the whole file as
 * one string (or reading it as one) fails here, as it failed for Google's emulator on a 652 MB
 * import (firebase-tools #4916) and would stop at Node's ~512 MiB string limit.
 *
 * A child process (fixtures/export-memory/run.ts) holds ~200 MB of documents whose export file is
 * about as large. A first run measures the heap the data takes (D); the export and the import then
 * run with V8's heap capped at D plus half the file's size: streamed, they need little beyond D;
 * holding the file's text, or the parsed file, whole needs at least D plus the whole file, and the
 * child dies of "heap out of memory".
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const SCRIPT = fileURLToPath(new URL('./fixtures/export-memory/run.ts', import.meta.url));
const MiB = 1024 * 1024;
const dir = mkdtempSync(join(tmpdir(), 'hearth-export-memory-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(
  nodeOptions: string[],
  ...args: string[]
): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [...nodeOptions, '--import', 'tsx', SCRIPT, ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('exit', (code) => resolve({ code, out: out.trim(), err }));
  });
}

describe('export and import of a large export', () => {
  it('stream within a heap that cannot hold the data and the file together', async () => {
    const measured = await run(['--expose-gc'], 'measure');
    expect(measured.code, measured.err).toBe(0);
    const data = Number(measured.out);
    // The data is mostly its strings: the file is about as large (checked below).
    const fileEstimate = 25_000 * 8_100;
    const cap = [`--max-old-space-size=${Math.round((data + fileEstimate / 2) / MiB)}`];

    const exported = await run(cap, 'export', join(dir, 'export'));
    expect(exported.code, exported.err.slice(-2000)).toBe(0);
    const fileSize = Number(exported.out);
    expect(fileSize).toBeGreaterThan(fileEstimate * 0.9);
    expect(fileSize).toBeLessThan(fileEstimate * 1.1);

    const imported = await run(cap, 'import', join(dir, 'export'));
    expect(imported.code, imported.err.slice(-2000)).toBe(0);
    expect(imported.out).toBe('25000');
  }, 180_000);
});
