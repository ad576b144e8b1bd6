/** GCS request preconditions (`ifGenerationMatch` and friends), checked against the live object. */
import { BadRequestError, NotModifiedError, PreconditionFailedError } from '../errors.js';

export interface Preconditions {
  ifGenerationMatch?: bigint;
  ifGenerationNotMatch?: bigint;
  ifMetagenerationMatch?: bigint;
  ifMetagenerationNotMatch?: bigint;
}

const NAMES = [
  'ifGenerationMatch',
  'ifGenerationNotMatch',
  'ifMetagenerationMatch',
  'ifMetagenerationNotMatch',
] as const;

export function parsePreconditions(query: URLSearchParams): Preconditions {
  const result: Preconditions = {};
  for (const name of NAMES) {
    const raw = query.get(name);
    if (raw === null) continue;
    if (!/^\d+$/.test(raw)) throw new BadRequestError(`Invalid value for ${name}: ${raw}`);
    result[name] = BigInt(raw);
  }
  return result;
}

/**
 * `ifGenerationMatch=0` means "only if no live object". Failed *NotMatch conditions answer 304 on
 * reads and 412 on writes, as GCS does.
 */
export function checkPreconditions(
  current: { generation: string; metageneration: number } | undefined,
  conditions: Preconditions,
  kind: 'read' | 'write',
): void {
  const generation = current ? BigInt(current.generation) : 0n;
  const {
    ifGenerationMatch,
    ifGenerationNotMatch,
    ifMetagenerationMatch,
    ifMetagenerationNotMatch,
  } = conditions;
  if (ifGenerationMatch !== undefined && ifGenerationMatch !== generation)
    throw new PreconditionFailedError();
  if (
    ifMetagenerationMatch !== undefined &&
    (!current || ifMetagenerationMatch !== BigInt(current.metageneration))
  ) {
    throw new PreconditionFailedError();
  }
  const notMatchFailed =
    (ifGenerationNotMatch !== undefined &&
      current !== undefined &&
      ifGenerationNotMatch === generation) ||
    (ifMetagenerationNotMatch !== undefined &&
      current !== undefined &&
      ifMetagenerationNotMatch === BigInt(current.metageneration));
  if (notMatchFailed)
    throw kind === 'read' ? new NotModifiedError() : new PreconditionFailedError();
}
