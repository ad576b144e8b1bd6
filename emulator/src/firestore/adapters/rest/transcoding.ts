/**
 * HTTP transcoding (google.api.http) of the document-level REST requests: the request message
 * assembled in proto3 JSON from the URL's path, its query (`mask.fieldPaths=a&mask.fieldPaths=b`,
 * `currentDocument.exists=true`) and the body, then decoded by the decoders every wire shares.
 * Unknown query parameters are refused as Google's front end refuses them. The POST methods'
 * bodies are the whole request, of which the URL binds one field (`bindPath`).
 */
import { invalidArgument } from '../../../model/errors.js';
import type { JsonObject } from '../json/jsonReader.js';

/** How a query parameter binds: a repeated field, a bool (`true`/`false`), or any other scalar. */
type ParamKind = 'repeated' | 'bool' | 'scalar';

const MASK = { 'mask.fieldPaths': 'repeated' } as const;
const CONSISTENCY = { transaction: 'scalar', readTime: 'scalar' } as const;
const PRECONDITION = {
  'currentDocument.exists': 'bool',
  'currentDocument.updateTime': 'scalar',
} as const;

export const QUERY_PARAMS = {
  get: { ...MASK, ...CONSISTENCY },
  list: {
    ...MASK,
    ...CONSISTENCY,
    pageSize: 'scalar',
    pageToken: 'scalar',
    orderBy: 'scalar',
    showMissing: 'bool',
  },
  create: { ...MASK, documentId: 'scalar' },
  patch: { ...MASK, 'updateMask.fieldPaths': 'repeated', ...PRECONDITION },
  delete: PRECONDITION,
} satisfies Record<string, Record<string, ParamKind>>;

/** Parameters any Google API accepts (API key, response shaping). */
const SYSTEM_PARAMS = new Set(['key', 'alt', 'prettyPrint', 'fields', '$alt', '$fields']);

const camelCase = (name: string): string =>
  name.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

/**
 * The request message: `fields` (bound from the path and body) with the query's parameters set
 * at their dotted paths.
 */
export function transcode(
  params: URLSearchParams,
  known: Readonly<Record<string, ParamKind>>,
  fields: JsonObject,
): JsonObject {
  const message: JsonObject = { ...fields };
  const seen = new Set<string>();
  for (const [name, value] of params) {
    if (SYSTEM_PARAMS.has(name)) continue;
    const path = camelCase(name);
    const kind = known[path];
    if (kind === undefined)
      throw invalidArgument(
        `Invalid JSON payload received. Unknown name ${JSON.stringify(name)}: Cannot bind query parameter.`,
      );
    const segments = path.split('.');
    const last = segments.pop() as string;
    let parent = message;
    for (const segment of segments) parent = (parent[segment] ??= {}) as JsonObject;
    if (kind === 'repeated') {
      ((parent[last] ??= []) as string[]).push(value);
      continue;
    }
    if (seen.has(path)) throw invalidArgument(`Query parameter ${path} is given more than once.`);
    seen.add(path);
    parent[last] = kind === 'bool' ? parseBoolParam(value, path) : value;
  }
  return message;
}

function parseBoolParam(value: string, name: string): boolean {
  if (value !== 'true' && value !== 'false')
    throw invalidArgument(`Invalid value at '${name}' (TYPE_BOOL), ${JSON.stringify(value)}`);
  return value === 'true';
}

/** Sets a field the URL names; the body may repeat it, with the same value. */
export function bindPath<Field extends string>(
  request: Record<Field, string>,
  field: Field,
  fromPath: string,
): void {
  const given = request[field];
  if (given !== '' && given !== fromPath)
    throw invalidArgument(
      `The request's ${field} "${given}" does not match the URL's "${fromPath}".`,
    );
  request[field] = fromPath;
}
