/**
 * Eventarc path patterns as Firestore triggers use them (`users/{uid}`, `{path=**}/todos/{id}`):
 * `*` and `{name}` (or `{name=*}`) match one segment, `**` and `{name=**}` match zero or more.
 * Matching returns the captured params, or null when the path does not match.
 */
export type Segment =
  | { kind: 'literal'; value: string }
  | { kind: 'one'; capture: string | null }
  | { kind: 'many'; capture: string | null };

export type PathPattern = readonly Segment[];

const CAPTURE = /^\{([^/{}=]+)(?:=(\*\*?))?\}$/;

export function splitPath(path: string): string[] {
  return path.split('/').filter((segment) => segment !== '');
}

export function parsePathPattern(pattern: string): PathPattern {
  return splitPath(pattern).map((part): Segment => {
    if (part === '*') return { kind: 'one', capture: null };
    if (part === '**') return { kind: 'many', capture: null };
    const capture = CAPTURE.exec(part);
    if (capture) {
      const name = capture[1] as string;
      return capture[2] === '**' ? { kind: 'many', capture: name } : { kind: 'one', capture: name };
    }
    return { kind: 'literal', value: part };
  });
}

export function matchPathPattern(
  pattern: PathPattern,
  path: string,
): Record<string, string> | null {
  return matchFrom(pattern, 0, splitPath(path), 0);
}

function matchFrom(
  pattern: PathPattern,
  at: number,
  segments: readonly string[],
  from: number,
): Record<string, string> | null {
  const segment = pattern[at];
  if (segment === undefined) return from === segments.length ? {} : null;
  if (segment.kind === 'many') {
    // Try the longest run first; patterns have at most one or two such segments, so backtracking is cheap.
    for (let to = segments.length; to >= from; to--) {
      const rest = matchFrom(pattern, at + 1, segments, to);
      if (rest) return withCapture(rest, segment.capture, segments.slice(from, to).join('/'));
    }
    return null;
  }
  const value = segments[from];
  if (value === undefined) return null;
  if (segment.kind === 'literal' && segment.value !== value) return null;
  const rest = matchFrom(pattern, at + 1, segments, from + 1);
  if (!rest) return null;
  return segment.kind === 'one' ? withCapture(rest, segment.capture, value) : rest;
}

function withCapture(
  params: Record<string, string>,
  name: string | null,
  value: string,
): Record<string, string> {
  return name === null ? params : { [name]: value, ...params };
}
