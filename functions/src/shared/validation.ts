import type { z } from 'zod';
import { AppError } from './errors.js';

/** One sentence naming the first offending field, e.g. `username: That username is reserved.` */
export function describeZodError(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'The request is not valid.';
  if (issue.code === 'unrecognized_keys') {
    const keys = issue.keys.join(', ');
    return `${keys}: ${issue.keys.length === 1 ? 'this field is' : 'these fields are'} not accepted.`;
  }
  if (issue.path.length === 0 && issue.code === 'invalid_type') {
    return 'The request must be an object with named fields.';
  }
  const field = issue.path.map(String).join('.');
  return field ? `${field}: ${issue.message}` : issue.message;
}

/** Parses input at the edge; bad input becomes an `invalid-argument` AppError naming the field. */
export function parseInput<S extends z.ZodType>(schema: S, data: unknown): z.output<S> {
  const result = schema.safeParse(data);
  if (!result.success) throw new AppError('invalid-argument', describeZodError(result.error));
  return result.data;
}
