import { z } from 'zod';

/** Callables that take no arguments accept nothing (the SDK sends null) or an empty object. */
export const noInput = z.strictObject({});
