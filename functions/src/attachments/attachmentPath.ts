/** Which attachment an uploaded Storage object belongs to, from its name. */
export interface AttachmentRef {
  listId: string;
  todoId: string;
  attachmentId: string;
}

const ORIGINAL = /^lists\/([^/]+)\/todos\/([^/]+)\/([^/]+)\/original$/;

/** The attachment an `.../original` upload belongs to, or null for any other object. */
export function parseOriginalPath(name: string): AttachmentRef | null {
  const match = ORIGINAL.exec(name);
  if (!match) return null;
  const [, listId, todoId, attachmentId] = match as unknown as [string, string, string, string];
  return { listId, todoId, attachmentId };
}
