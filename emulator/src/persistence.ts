/**
 * Import and export of the whole emulator's data. An export is written into a fresh sibling
 * folder and swapped in by rename, so a crash mid-export never leaves a half-written one.
 */
import { existsSync, readdirSync, readFileSync, renameSync, statSync } from 'node:fs';
import { mkdir, open, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

export const EXPORT_MARKER = 'hearth-export.json';

export interface Exporter {
  exportData(dir: string): Promise<void>;
}

/**
 * `extra` goes into the export's marker file; the journal records there the first segment the
 * export does not hold (`journalSegment`).
 */
export async function exportAtomically(
  dir: string,
  parts: Record<string, Exporter>,
  extra: Record<string, unknown> = {},
) {
  const target = path.resolve(dir);
  const staging = `${target}.tmp-${process.pid}-${Date.now()}`;
  await mkdir(staging, { recursive: true });
  try {
    for (const [name, part] of Object.entries(parts))
      await part.exportData(path.join(staging, name));
    await writeFile(
      path.join(staging, EXPORT_MARKER),
      JSON.stringify(
        {
          version: 1,
          exportedAt: new Date().toISOString(),
          parts: Object.keys(parts),
          ...extra,
        },
        null,
        2,
      ),
    );
    const previous = `${target}.old-${process.pid}-${Date.now()}`;
    if (existsSync(target)) await rename(target, previous);
    await rename(staging, target);
    // The swap itself survives a power cut once the parent folder is synced.
    const parent = await open(path.dirname(target), 'r');
    try {
      await parent.sync();
    } finally {
      await parent.close();
    }
    await rm(previous, { recursive: true, force: true });
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    throw error;
  }
}

/**
 * Refuses an import folder that is not there, or is a file: starting empty instead would hide a
 * mistyped --import and, with --export-on-exit, write the empty data over the right folder later.
 * A folder without an export in it (a first run) is fine; `describeImport` says so.
 */
export function checkImportDir(dir: string | undefined): void {
  if (!dir) return;
  const resolved = path.resolve(dir);
  if (!existsSync(resolved))
    throw new Error(
      `Cannot import from ${resolved}: there is no such folder. Check the path given to --import; an export (--export-on-exit, or the console's Export) is a folder holding ${EXPORT_MARKER}.`,
    );
  if (!statSync(resolved).isDirectory())
    throw new Error(`Cannot import from ${resolved}: it is a file, not the folder of an export.`);
}

/** What an import will do, in a line for the log; null when there is none. */
export function describeImport(dir: string | undefined): string | null {
  if (!dir) return null;
  const resolved = path.resolve(dir);
  return existsSync(path.join(resolved, EXPORT_MARKER))
    ? `Importing the export in ${resolved}`
    : `Nothing to import in ${resolved} (no ${EXPORT_MARKER}): starting empty`;
}

/** The folder of one part of an export, or undefined when there is nothing to import. */
export function importPart(dir: string | undefined, part: string): string | undefined {
  if (!dir) return undefined;
  const partDir = path.join(path.resolve(dir), part);
  return existsSync(path.join(path.resolve(dir), EXPORT_MARKER)) && existsSync(partDir)
    ? partDir
    : undefined;
}

/** The first journal segment an export does not hold: 0 when it has none (or no journal wrote it). */
export function exportJournalSegment(dir: string, key = 'journalSegment'): number {
  try {
    const marker = JSON.parse(
      readFileSync(path.join(path.resolve(dir), EXPORT_MARKER), 'utf8'),
    ) as Record<string, unknown>;
    const segment = marker[key];
    return typeof segment === 'number' ? segment : 0;
  } catch {
    return 0;
  }
}

/** What exportAtomically leaves beside `target` when a crash interrupts it: `.tmp-…` and `.old-…`. */
function exportLeftovers(target: string): string[] {
  const parent = path.dirname(target);
  if (!existsSync(parent)) return [];
  const base = path.basename(target);
  return readdirSync(parent)
    .filter((name) => name.startsWith(`${base}.tmp-`) || name.startsWith(`${base}.old-`))
    .map((name) => path.join(parent, name));
}

/**
 * A crash between exportAtomically's two renames leaves no export in `dir`, only the complete
 * new one (`<dir>.tmp-…`, marker written last) or the previous one (`<dir>.old-…`). Puts back the
 * complete one that holds the most (the highest journal segments: an older complete `.tmp-…`
 * left by an earlier crash before its swap must not win, as the journal segments it needs may
 * be gone); says whether it did.
 */
export function recoverInterruptedExport(dir: string, log: (line: string) => void): boolean {
  const target = path.resolve(dir);
  if (existsSync(path.join(target, EXPORT_MARKER))) return false;
  const found = exportLeftovers(target)
    .filter((candidate) => existsSync(path.join(candidate, EXPORT_MARKER)))
    .map((candidate) => ({
      candidate,
      firestore: exportJournalSegment(candidate),
      storage: exportJournalSegment(candidate, 'storageJournalSegment'),
      staged: candidate.includes('.tmp-') ? 1 : 0,
    }))
    .sort(
      (a, b) => b.firestore - a.firestore || b.storage - a.storage || b.staged - a.staged,
    )[0]?.candidate;
  if (!found) return false;
  if (existsSync(target)) renameSync(target, `${target}.empty-${Date.now()}`);
  renameSync(found, target);
  log(
    `Recovered the export an interrupted compaction left in ${found}: importing it from ${target}`,
  );
  return true;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes what interrupted exports left beside `dir` (a half-written `.tmp-…`, a superseded
 * `.old-…`, each a whole copy of the data) once the process that wrote it is gone; call it after
 * recoverInterruptedExport, which takes the one worth keeping.
 */
export async function removeExportLeftovers(
  dir: string,
  log: (line: string) => void,
): Promise<void> {
  const stale = exportLeftovers(path.resolve(dir)).filter((leftover) => {
    const pid = Number(/\.(?:tmp|old)-(\d+)-/.exec(path.basename(leftover))?.[1]);
    return !Number.isInteger(pid) || !alive(pid);
  });
  for (const leftover of stale) await rm(leftover, { recursive: true, force: true });
  if (stale.length > 0)
    log(
      `Removed what ${stale.length} interrupted export${stale.length === 1 ? '' : 's'} left beside ${path.resolve(dir)}: ${stale.map((leftover) => path.basename(leftover)).join(', ')}`,
    );
}
