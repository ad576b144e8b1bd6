import type { z } from 'zod';

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
