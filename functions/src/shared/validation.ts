import type { z } from 'zod';
import { describeZodError } from '../model/index.js';
import { AppError } from './errors.js';

/** Parses input at the edge; bad input becomes an `invalid-argument` AppError naming the field. */
export function parseInput<S extends z.ZodType>(schema: S, data: unknown): z.output<S> {
  const result = schema.safeParse(data);
  if (!result.success) throw new AppError('invalid-argument', describeZodError(result.error));
  return result.data;
}
