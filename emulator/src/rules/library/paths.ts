/** `path()` and the methods of path values. */
import { fail } from '../errors.js';
import { RMap, RPath, type RValue } from '../values.js';
import { arity, stringArg, type Fn, type Method } from './args.js';

export function parsePath(s: string): RPath {
  return new RPath(s.split('/').filter((seg) => seg !== ''));
}

export const pathFunctions: Record<string, Fn> = {
  path: (a) => (arity('path', a, 1), parsePath(stringArg('path', a, 0))),
};

export const pathMethods: Record<string, Method<RPath>> = {
  /** Replaces `{name}` segments with the map's string values. */
  bind: (p, a) => {
    arity('bind', a, 1);
    const m = a[0];
    if (!(m instanceof RMap))
      return fail('Invalid argument provided to call. Function: [bind], Argument must be a map.');
    return new RPath(
      p.segments.map((seg) => {
        const name = /^\{([^}=]+)\}$/.exec(seg)?.[1];
        if (name === undefined) return seg;
        const v = m.get(name);
        return typeof v === 'string' ? v : seg;
      }),
    );
  },
};

export function pathIndex(p: RPath, i: bigint): RValue {
  if (i < 0n || i >= BigInt(p.segments.length)) fail('Index out of range.');
  return p.segments[Number(i)] as string;
}
