/**
 * `get()`/`exists()`/`getAfter()` for rules: rules paths (`/databases/{db}/documents/...`) resolved
 * against the store, and, inside a batch, against the batch's result.
 */
import type { DocumentAccess, RulesDocument } from '../../rules/api.js';
import type { Databases } from '../database/databases.js';
import type { StoredDocument } from '../documents/document.js';

const RULES_PATH = /^\/?(?:projects\/[^/]+\/)?databases\/([^/]+)\/documents\/(.+)$/;

function parseRulesPath(path: string): { database: string; path: string } | null {
  const match = RULES_PATH.exec(path);
  if (!match) return null;
  const docPath = (match[2] as string).replace(/\/+$/, '');
  if (docPath.split('/').length % 2 !== 0) return null;
  return { database: match[1] as string, path: docPath };
}

export function rulesDocument(doc: StoredDocument | null): RulesDocument | null {
  return doc
    ? { name: doc.name, fields: doc.fields, createTime: doc.createTime, updateTime: doc.updateTime }
    : null;
}

/**
 * @param after the batch's view of its own database (documents as if it committed); absent
 *   outside batches, where getAfter equals get.
 */
export function documentAccess(
  databases: Databases,
  projectId: string,
  database: string,
  after?: (path: string) => StoredDocument | null,
): DocumentAccess {
  const read = (path: string, useAfter: boolean): RulesDocument | null => {
    const parsed = parseRulesPath(path);
    if (!parsed) return null;
    if (useAfter && after && parsed.database === database) return rulesDocument(after(parsed.path));
    return rulesDocument(
      databases.get({ projectId, database: parsed.database }).store.get(parsed.path),
    );
  };
  return { get: (path) => read(path, false), getAfter: (path) => read(path, true) };
}
