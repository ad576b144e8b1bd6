/**
 * Import and export of the whole emulator's data. An export is written into a fresh sibling
 * folder and swapped in by rename, so a crash mid-export never leaves a half-written one.
 */
import { existsSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

export const EXPORT_MARKER = 'hearth-export.json';

export interface Exporter {
  exportData(dir: string): Promise<void>;
}

export async function exportAtomically(dir: string, parts: Record<string, Exporter>) {
  const target = path.resolve(dir);
  const staging = `${target}.tmp-${process.pid}-${Date.now()}`;
  await mkdir(staging, { recursive: true });
  try {
    for (const [name, part] of Object.entries(parts))
      await part.exportData(path.join(staging, name));
    await writeFile(
      path.join(staging, EXPORT_MARKER),
      JSON.stringify(
        { version: 1, exportedAt: new Date().toISOString(), parts: Object.keys(parts) },
        null,
        2,
      ),
    );
    const previous = `${target}.old-${process.pid}-${Date.now()}`;
    if (existsSync(target)) await rename(target, previous);
    await rename(staging, target);
    await rm(previous, { recursive: true, force: true });
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    throw error;
  }
}

/** The folder of one part of an export, or undefined when there is nothing to import. */
export function importPart(dir: string | undefined, part: string): string | undefined {
  if (!dir) return undefined;
  const partDir = path.join(path.resolve(dir), part);
  return existsSync(path.join(path.resolve(dir), EXPORT_MARKER)) && existsSync(partDir)
    ? partDir
    : undefined;
}
