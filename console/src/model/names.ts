/**
 * Firestore's rules for names, with messages written for the person typing them
 * (https://firebase.google.com/docs/firestore/quotas#collections_documents_and_fields): document
 * and collection ids, paths, field names and field paths (`a.b`, `` `odd name`.x ``).
 */
const MAX_NAME_BYTES = 1500;
const RESERVED = /^__.*__$/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const SIMPLE_FIELD = /^[_a-zA-Z][_a-zA-Z0-9]*$/;

export type Checked<T> = { ok: true; value: T } | { ok: false; message: string };

const ok = <T>(value: T): Checked<T> => ({ ok: true, value });
const fail = <T>(message: string): Checked<T> => ({ ok: false, message });

export function utf8Length(text: string): number {
  return new TextEncoder().encode(text).length;
}

export function hasLoneSurrogate(text: string): boolean {
  return LONE_SURROGATE.test(text);
}

/** null when `id` may name a document or a collection; otherwise why not. */
export function idProblem(id: string, what: 'document' | 'collection'): string | null {
  if (id === '') return `A ${what} id cannot be empty.`;
  if (id.includes('/')) return `A ${what} id cannot contain "/".`;
  if (id === '.' || id === '..') return `A ${what} id cannot be "." or "..".`;
  if (RESERVED.test(id))
    return `"${id}" is reserved: ids of the form __name__ belong to Firestore.`;
  if (hasLoneSurrogate(id)) return `A ${what} id must be valid UTF-8 (it has a lone surrogate).`;
  if (utf8Length(id) > MAX_NAME_BYTES)
    return `A ${what} id can be at most ${MAX_NAME_BYTES} bytes.`;
  return null;
}

/** Splits `a/b/c` into ids, checking each; `kind` says whether it must name a document or a collection. */
export function parsePath(text: string, kind: 'document' | 'collection'): Checked<string[]> {
  const trimmed = text.trim().replace(/^\/+|\/+$/g, '');
  if (trimmed === '') return fail(`Enter a ${kind} path, such as ${example(kind)}.`);
  const segments = trimmed.split('/');
  for (const [i, segment] of segments.entries()) {
    const problem = idProblem(segment, i % 2 === 0 ? 'collection' : 'document');
    if (problem) return fail(`${problem} (segment ${i + 1} of "${trimmed}")`);
  }
  const isDocument = segments.length % 2 === 0;
  if (kind === 'document' && !isDocument)
    return fail(
      `"${trimmed}" is a collection: a document path has an even number of segments, such as ${example(kind)}.`,
    );
  if (kind === 'collection' && isDocument)
    return fail(
      `"${trimmed}" is a document: a collection path has an odd number of segments, such as ${example(kind)}.`,
    );
  return ok(segments);
}

function example(kind: 'document' | 'collection'): string {
  return kind === 'document' ? 'users/alice' : 'users or users/alice/notes';
}

/** null when `name` may be a field name (one segment of a field path). */
export function fieldNameProblem(name: string): string | null {
  if (name === '') return 'A field name cannot be empty.';
  if (RESERVED.test(name))
    return `"${name}" is reserved: field names of the form __name__ belong to Firestore.`;
  if (hasLoneSurrogate(name)) return 'A field name must be valid UTF-8 (it has a lone surrogate).';
  if (utf8Length(name) > MAX_NAME_BYTES)
    return `A field name can be at most ${MAX_NAME_BYTES} bytes.`;
  return null;
}

/**
 * Parses a field path as Firestore writes it: segments joined by ".", each a simple name
 * (`[_a-zA-Z][_a-zA-Z0-9]*`) or quoted in backticks with `\`` and `\\` escapes. `__name__` is
 * accepted when `allowDocumentId` (queries may filter and order on the document id).
 */
export function parseFieldPath(text: string, allowDocumentId = false): Checked<string[]> {
  if (text === '') return fail('Enter a field path, such as status or address.city.');
  if (allowDocumentId && text === '__name__') return ok(['__name__']);
  const segments: string[] = [];
  let i = 0;
  while (i <= text.length) {
    let segment = '';
    if (text[i] === '`') {
      const opened = i;
      i++;
      let closed = false;
      while (i < text.length) {
        const c = text[i] as string;
        if (c === '\\') {
          const next = text[i + 1];
          if (next !== '`' && next !== '\\')
            return fail(`In a quoted field name, "\\" may only escape "\`" or "\\" (at ${i + 1}).`);
          segment += next;
          i += 2;
        } else if (c === '`') {
          closed = true;
          i++;
          break;
        } else {
          segment += c;
          i++;
        }
      }
      if (!closed) return fail(`The quoted field name at ${opened + 1} is not closed with "\`".`);
      if (i < text.length && text[i] !== '.')
        return fail(`Expected "." after the quoted field name (at ${i + 1}).`);
    } else {
      const end = text.indexOf('.', i);
      segment = text.slice(i, end < 0 ? text.length : end);
      i = end < 0 ? text.length : end;
      if (segment === '')
        return fail(`"${text}" has an empty segment: use single dots between names.`);
      if (!SIMPLE_FIELD.test(segment))
        return fail(
          `"${segment}" must be quoted with backticks (\`${segment}\`): unquoted field names use only letters, digits and "_", and do not start with a digit.`,
        );
    }
    const problem = fieldNameProblem(segment);
    if (problem) return fail(problem);
    segments.push(segment);
    if (i >= text.length) break;
    i++; // the "."
    if (i >= text.length) return fail(`"${text}" ends with ".": remove it or add a field name.`);
  }
  return ok(segments);
}

/** Writes segments back as a field path, quoting what is not a simple name. */
export function formatFieldPath(segments: readonly string[]): string {
  return segments
    .map((s) => (SIMPLE_FIELD.test(s) ? s : `\`${s.replace(/\\/g, '\\\\').replace(/`/g, '\\`')}\``))
    .join('.');
}
