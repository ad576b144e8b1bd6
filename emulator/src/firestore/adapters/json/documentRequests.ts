/**
 * The document-level REST requests (get, list, create, patch, delete), whose fields travel in the
 * URL query as HTTP transcoding maps them (`mask.fieldPaths=a&mask.fieldPaths=b`,
 * `currentDocument.exists=true`), each read with the same proto3-JSON scalar rules as bodies.
 */
import { invalidArgument } from '../../../model/errors.js';
import type * as T from '../../api/messages.js';
import { decodeDocument } from './document.js';
import { MessageReader } from './reader.js';
import { parseBytes, parseInt32, parseTimestamp } from './scalars.js';

const KNOWN_PARAMS: Record<string, readonly string[]> = {
  get: ['mask.fieldPaths', 'transaction', 'readTime'],
  list: [
    'mask.fieldPaths',
    'transaction',
    'readTime',
    'pageSize',
    'pageToken',
    'orderBy',
    'showMissing',
  ],
  create: ['mask.fieldPaths', 'documentId'],
  patch: [
    'mask.fieldPaths',
    'updateMask.fieldPaths',
    'currentDocument.exists',
    'currentDocument.updateTime',
  ],
  delete: ['currentDocument.exists', 'currentDocument.updateTime'],
};
/** Parameters any Google API accepts (API key, response shaping). */
const SYSTEM_PARAMS = new Set(['key', 'alt', 'prettyPrint', 'fields', '$alt', '$fields']);

type Kind = keyof typeof KNOWN_PARAMS;

class QueryParams {
  constructor(
    private readonly params: URLSearchParams,
    kind: Kind,
  ) {
    const known = KNOWN_PARAMS[kind] as readonly string[];
    for (const name of params.keys()) {
      const canonical = name.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
      if (!known.includes(canonical) && !SYSTEM_PARAMS.has(name)) {
        throw invalidArgument(
          `Invalid JSON payload received. Unknown name ${JSON.stringify(name)}: Cannot bind query parameter.`,
        );
      }
    }
  }

  private values(name: string): string[] {
    const snake = name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
    return [...this.params.getAll(name), ...(snake === name ? [] : this.params.getAll(snake))];
  }

  private single(name: string): string | undefined {
    const values = this.values(name);
    if (values.length > 1)
      throw invalidArgument(`Query parameter ${name} is given more than once.`);
    return values[0];
  }

  mask(name: string): T.DocumentMask | undefined {
    const paths = this.values(`${name}.fieldPaths`);
    return paths.length > 0 ? { fieldPaths: paths } : undefined;
  }

  string(name: string): string | undefined {
    return this.single(name);
  }

  int32(name: string): number | undefined {
    const value = this.single(name);
    return value === undefined ? undefined : parseInt32(value, name);
  }

  boolean(name: string): boolean | undefined {
    const value = this.single(name);
    if (value === undefined) return undefined;
    if (value !== 'true' && value !== 'false')
      throw invalidArgument(`Invalid value at '${name}' (TYPE_BOOL), ${JSON.stringify(value)}`);
    return value === 'true';
  }

  consistency(): T.ReadConsistency {
    const transaction = this.single('transaction');
    const readTime = this.single('readTime');
    if (transaction !== undefined && readTime !== undefined)
      throw invalidArgument('Only one of transaction and readTime may be set.');
    return {
      ...(transaction !== undefined ? { transaction: parseBytes(transaction, 'transaction') } : {}),
      ...(readTime !== undefined ? { readTime: parseTimestamp(readTime, 'readTime') } : {}),
    };
  }

  precondition(): T.Precondition | undefined {
    const exists = this.boolean('currentDocument.exists');
    const updateTime = this.single('currentDocument.updateTime');
    if (exists !== undefined && updateTime !== undefined)
      throw invalidArgument('A precondition sets exists or updateTime, not both.');
    if (exists !== undefined) return { exists };
    if (updateTime !== undefined)
      return { updateTime: parseTimestamp(updateTime, 'currentDocument.updateTime') };
    return undefined;
  }
}

export function decodeGetDocumentRequest(
  name: string,
  params: URLSearchParams,
): T.GetDocumentRequest {
  const query = new QueryParams(params, 'get');
  const mask = query.mask('mask');
  return { name, ...(mask ? { mask } : {}), ...query.consistency() };
}

export function decodeListDocumentsRequest(
  parent: string,
  collectionId: string,
  params: URLSearchParams,
): T.ListDocumentsRequest {
  const query = new QueryParams(params, 'list');
  const mask = query.mask('mask');
  const pageSize = query.int32('pageSize');
  const pageToken = query.string('pageToken');
  const orderBy = query.string('orderBy');
  const showMissing = query.boolean('showMissing');
  return {
    parent,
    collectionId,
    ...(mask ? { mask } : {}),
    ...(pageSize !== undefined ? { pageSize } : {}),
    ...(pageToken ? { pageToken } : {}),
    ...(orderBy ? { orderBy } : {}),
    ...(showMissing ? { showMissing } : {}),
    ...query.consistency(),
  };
}

export function decodeCreateDocumentRequest(
  parent: string,
  collectionId: string,
  params: URLSearchParams,
  body: unknown,
): T.CreateDocumentRequest {
  const query = new QueryParams(params, 'create');
  const mask = query.mask('mask');
  const documentId = query.string('documentId');
  const document = MessageReader.read(body ?? {}, 'document', decodeDocument);
  if (document.name !== '')
    throw invalidArgument(
      'A document to create is named by the URL and documentId, not by its name field.',
    );
  return {
    parent,
    collectionId,
    document: { fields: document.fields },
    ...(documentId ? { documentId } : {}),
    ...(mask ? { mask } : {}),
  };
}

export function decodeUpdateDocumentRequest(
  name: string,
  params: URLSearchParams,
  body: unknown,
): T.UpdateDocumentRequest {
  const query = new QueryParams(params, 'patch');
  const document = MessageReader.read(body ?? {}, 'document', decodeDocument);
  if (document.name !== '' && document.name !== name)
    throw invalidArgument(
      `The document's name "${document.name}" does not match the URL's "${name}".`,
    );
  const updateMask = query.mask('updateMask');
  const mask = query.mask('mask');
  const currentDocument = query.precondition();
  return {
    document: { name, fields: document.fields },
    ...(updateMask ? { updateMask } : {}),
    ...(mask ? { mask } : {}),
    ...(currentDocument ? { currentDocument } : {}),
  };
}

export function decodeDeleteDocumentRequest(
  name: string,
  params: URLSearchParams,
): T.DeleteDocumentRequest {
  const currentDocument = new QueryParams(params, 'delete').precondition();
  return { name, ...(currentDocument ? { currentDocument } : {}) };
}
