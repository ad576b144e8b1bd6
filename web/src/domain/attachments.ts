import { LIMITS } from '@model';

const KINDS = 'JPEG, PNG, WebP, AVIF or GIF';

/** For a file whose first bytes are not a photo of a kind Hearth takes (`photoTypeOf`). */
export const notAPhoto = (name: string) => `“${name}” is not a photo Hearth can show (${KINDS}).`;

/** Human size: "850 KB", "2.4 MB". */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/**
 * Why a picked file cannot be attached, by its name and size, or null when it may be (its bytes
 * are checked next, with `photoTypeOf`). The browser checks first so a person hears at once;
 * storage.rules and the upload trigger check again, trusting nothing sent here.
 */
export function attachmentProblem(file: { name: string; size: number }): string | null {
  if (file.size < 1) return `“${file.name}” is empty.`;
  if (file.size > LIMITS.attachmentBytes)
    return `“${file.name}” is ${formatBytes(file.size)}; a photo may be at most ${formatBytes(LIMITS.attachmentBytes)}.`;
  if (file.name.length > LIMITS.attachmentName)
    return `“${file.name.slice(0, 40)}…” has a name longer than ${LIMITS.attachmentName} characters.`;
  return null;
}
