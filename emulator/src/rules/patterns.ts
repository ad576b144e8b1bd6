/**
 * Matching request paths against `match` patterns. A pattern is the concatenation of the nested
 * match paths down to a block. In rules_version '1' a recursive wildcard `{x=**}` is last and
 * matches one or more segments; in '2' it may sit anywhere and matches zero or more. A segment
 * may be UNKNOWN_SEGMENT: the id of a document a query could return (or of an object a Storage
 * listing could show), which only a wildcard matches.
 */
import type { PatternSegment } from './ast.js';
import { RPath, RUnknown, type RValue } from './values.js';

export const UNKNOWN_SEGMENT = '\u0000unknown';
const UNKNOWN_ID = new RUnknown('false');

function bindSegment(segment: string): RValue {
  return segment === UNKNOWN_SEGMENT ? UNKNOWN_ID : segment;
}

function bindPath(segments: readonly string[]): RValue {
  return segments.includes(UNKNOWN_SEGMENT) ? UNKNOWN_ID : new RPath(segments);
}

function matchRun(
  pattern: readonly PatternSegment[],
  path: readonly string[],
  offset: number,
  out: Map<string, RValue>,
): boolean {
  for (let i = 0; i < pattern.length; i++) {
    const p = pattern[i] as PatternSegment;
    const s = path[offset + i] as string;
    if (p.kind === 'literal') {
      if (p.text !== s) return false;
    } else {
      out.set(p.name, bindSegment(s));
    }
  }
  return true;
}

export class CompiledPattern {
  private readonly prefix: PatternSegment[];
  private readonly recursive: string | null;
  private readonly suffix: PatternSegment[];

  constructor(
    readonly segments: readonly PatternSegment[],
    private readonly version: '1' | '2',
  ) {
    const r = segments.findIndex((s) => s.kind === 'recursive');
    this.prefix = r < 0 ? [...segments] : segments.slice(0, r);
    this.recursive = r < 0 ? null : (segments[r] as { name: string }).name;
    this.suffix = r < 0 ? [] : segments.slice(r + 1);
  }

  /** Matches the whole path; fills `out` with the wildcard bindings (cleared first). */
  match(path: readonly string[], out: Map<string, RValue>): boolean {
    out.clear();
    const fixed = this.prefix.length + this.suffix.length;
    if (this.recursive === null)
      return path.length === fixed && matchRun(this.prefix, path, 0, out);
    const minRest = this.version === '1' ? 1 : 0;
    if (path.length < fixed + minRest) return false;
    if (!matchRun(this.prefix, path, 0, out)) return false;
    const restEnd = path.length - this.suffix.length;
    if (!matchRun(this.suffix, path, restEnd, out)) return false;
    out.set(this.recursive, bindPath(path.slice(this.prefix.length, restEnd)));
    return true;
  }

  /**
   * Whether the pattern covers every path below `path`, at any depth (what a Storage listing
   * without a delimiter reaches): the segments before a trailing recursive wildcard match the
   * start of `path`. The wildcard binds to a path no condition can know.
   */
  coversDescendants(path: readonly string[], out: Map<string, RValue>): boolean {
    out.clear();
    if (this.recursive === null || this.suffix.length > 0 || this.prefix.length > path.length)
      return false;
    if (!matchRun(this.prefix, path, 0, out)) return false;
    out.set(this.recursive, UNKNOWN_ID);
    return true;
  }

  /**
   * Whether the pattern covers every document of collection group `collectionId` in the database
   * whose root is `root` (`databases/(default)/documents`): it must be `root/{x=**}`,
   * `root/{x=**}/<collectionId>/{doc}` or `root/{x=**}/{coll}/{doc}` (rules_version '2' only).
   */
  coversCollectionGroup(
    root: readonly string[],
    collectionId: string,
    out: Map<string, RValue>,
  ): boolean {
    out.clear();
    if (this.version !== '2' || this.recursive === null || this.prefix.length !== root.length)
      return false;
    if (!matchRun(this.prefix, root, 0, out)) return false;
    const s = this.suffix;
    if (s.length === 2) {
      const [coll, doc] = s as [PatternSegment, PatternSegment];
      if (doc.kind !== 'wildcard') return false;
      if (coll.kind === 'literal' && coll.text !== collectionId) return false;
      if (coll.kind === 'wildcard') out.set(coll.name, collectionId);
      out.set(doc.name, UNKNOWN_ID);
    } else if (s.length !== 0) {
      return false;
    }
    out.set(this.recursive, UNKNOWN_ID);
    return true;
  }
}
