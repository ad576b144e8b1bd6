// A small path router: patterns such as `/lists/{listId}/todos` (OpenAPI's template syntax, so
// the OpenAPI document uses the same strings), exact segment matching, decoded parameters.
import { ApiError } from './errors.js';

export type RouteMatch<T> =
  | { kind: 'found'; value: T; params: Record<string, string> }
  | { kind: 'method-not-allowed'; allow: string[] }
  | { kind: 'not-found' };

interface Route<T> {
  method: string;
  segments: string[];
  value: T;
}

const PARAM = /^\{([A-Za-z][A-Za-z0-9]*)\}$/;

/** Splits a request path into decoded segments; one trailing slash is tolerated. */
export function pathSegments(path: string): string[] {
  const trimmed = path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
  if (!trimmed.startsWith('/')) return [trimmed];
  return trimmed
    .slice(1)
    .split('/')
    .map((segment) => {
      try {
        return decodeURIComponent(segment);
      } catch {
        throw new ApiError(400, 'invalid-argument', 'The address contains a malformed %-escape.');
      }
    });
}

export class Router<T> {
  private readonly routes: Route<T>[] = [];

  add(method: string, pattern: string, value: T): this {
    this.routes.push({
      method: method.toUpperCase(),
      segments: pattern.split('/').slice(1),
      value,
    });
    return this;
  }

  match(method: string, path: string): RouteMatch<T> {
    const segments = pathSegments(path);
    const matching = this.routes
      .map((route) => ({ route, params: matchSegments(route.segments, segments) }))
      .filter((candidate) => candidate.params !== null);
    const found = matching.find((candidate) => candidate.route.method === method.toUpperCase());
    if (found?.params) return { kind: 'found', value: found.route.value, params: found.params };
    if (matching.length === 0) return { kind: 'not-found' };
    return { kind: 'method-not-allowed', allow: [...new Set(matching.map((c) => c.route.method))] };
  }
}

function matchSegments(pattern: string[], segments: string[]): Record<string, string> | null {
  if (pattern.length !== segments.length) return null;
  const params: Record<string, string> = {};
  for (const [index, expected] of pattern.entries()) {
    const actual = segments[index] as string;
    const param = PARAM.exec(expected)?.[1];
    if (param) params[param] = actual;
    else if (expected !== actual) return null;
  }
  return params;
}
