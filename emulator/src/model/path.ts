/**
 * Resource names: `projects/{project}/databases/{database}/documents[/{path}]`. Inside the store
 * a document is known by its path relative to the database root ('lists/l1/todos/t1').
 */
import { invalidArgument } from './errors.js';

export interface DatabaseId {
  projectId: string;
  database: string;
}

export interface ResourceName extends DatabaseId {
  /** Segments after `documents/`; empty for the database root. */
  segments: string[];
}

const MAX_ID_BYTES = 1500;

export function databaseRoot(db: DatabaseId): string {
  return `projects/${db.projectId}/databases/${db.database}/documents`;
}

export function documentName(db: DatabaseId, path: string): string {
  return path === '' ? databaseRoot(db) : `${databaseRoot(db)}/${path}`;
}

/**
 * Database names already parsed: requests name the same few databases over and over. Only valid
 * names are kept, one per database the emulator creates on first use anyway.
 */
const databaseIds = new Map<string, Readonly<DatabaseId>>();

/** `projects/p/databases/d` → database id (used by requests' `database` fields). */
export function parseDatabaseName(name: string): DatabaseId {
  const known = databaseIds.get(name);
  if (known) return known;
  const parts = typeof name === 'string' ? name.split('/') : [];
  if (
    parts.length !== 4 ||
    parts[0] !== 'projects' ||
    parts[2] !== 'databases' ||
    !parts[1] ||
    !parts[3]
  ) {
    throw invalidArgument(`Invalid database name: ${String(name)}`);
  }
  const id = Object.freeze({ projectId: parts[1], database: parts[3] });
  databaseIds.set(name, id);
  return id;
}

export function parseResourceName(name: string): ResourceName {
  if (typeof name !== 'string') throw invalidArgument('Missing resource name.');
  const parts = name.split('/');
  if (
    parts.length < 5 ||
    parts[0] !== 'projects' ||
    parts[2] !== 'databases' ||
    parts[4] !== 'documents' ||
    !parts[1] ||
    !parts[3]
  ) {
    throw invalidArgument(`Invalid resource name: ${name}`);
  }
  const segments = parts.slice(5);
  for (const segment of segments) validateId(segment, name);
  return { projectId: parts[1], database: parts[3], segments };
}

const RESERVED_ID = /^__.*__$/;

function validateId(segment: string, name: string): void {
  if (segment === '') throw invalidArgument(`Invalid resource name: ${name}: empty path segment.`);
  if (segment === '.' || segment === '..')
    throw invalidArgument(`Invalid resource name: ${name}: '${segment}' is not a valid id.`);
  // Each check starts with a cheap test that almost every id fails (names are parsed per request).
  if (segment.startsWith('__') && RESERVED_ID.test(segment))
    throw invalidArgument(
      `Resource id "${segment}" is invalid because reserved ids match the regex "__.*__".`,
    );
  // UTF-8 needs at most 3 bytes per UTF-16 code unit, so only longer ids can exceed the limit.
  if (segment.length * 3 > MAX_ID_BYTES && Buffer.byteLength(segment) > MAX_ID_BYTES)
    throw invalidArgument(
      `Resource id "${segment.slice(0, 40)}..." exceeds the maximum of ${MAX_ID_BYTES} bytes.`,
    );
}

/** A document's name: an even, non-zero number of segments. */
export function parseDocumentName(name: string): ResourceName & { path: string } {
  const parsed = parseResourceName(name);
  if (parsed.segments.length === 0 || parsed.segments.length % 2 !== 0) {
    throw invalidArgument(
      `Document name "${name}" has ${parsed.segments.length} segments; a document name needs an even number.`,
    );
  }
  return withPath(parsed);
}

/** A query's or listing's parent: the database root or a document. */
export function parseParentName(name: string): ResourceName & { path: string } {
  const parsed = parseResourceName(name);
  if (parsed.segments.length % 2 !== 0)
    throw invalidArgument(`Invalid parent: ${name} is a collection, not a document.`);
  return withPath(parsed);
}

// Built field by field: an object spread costs more than the rest of a parse.
function withPath(parsed: ResourceName): ResourceName & { path: string } {
  const { projectId, database, segments } = parsed;
  return { projectId, database, segments, path: segments.join('/') };
}

export function parentOf(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? '' : path.slice(0, i);
}

export function lastSegment(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** The collection id a document lives in ('todos' for 'lists/l1/todos/t1'). */
export function collectionIdOf(docPath: string): string {
  return lastSegment(parentOf(docPath));
}

export function joinPath(parent: string, child: string): string {
  return parent === '' ? child : `${parent}/${child}`;
}
