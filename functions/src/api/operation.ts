// One operation of the API: its address, who may call it, the schemas of its parameters, query,
// body and response, and a thin handler. The pipeline routes and runs operations; openapi.ts
// documents the same objects, so the document cannot drift from what is served.
import type { z } from 'zod';
import { parseInput } from '../shared/validation.js';

export type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';

/** What the pipeline hands an operation: raw path parameters, query and a lazy body reader. */
export interface RawCall {
  uid: string | null;
  params: Record<string, string>;
  query: Record<string, string | string[]>;
  readBody: () => unknown;
}

export interface Operation {
  method: Method;
  /** OpenAPI template under /api/v1, e.g. `/lists/{listId}/todos`. */
  path: string;
  operationId: string;
  summary: string;
  signedIn: boolean;
  params: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  success: { status: 200 | 201 | 204; schema?: z.ZodType };
  /** Error statuses this operation can answer with, besides those every operation can. */
  errors: readonly number[];
  run(call: RawCall): Promise<unknown>;
}

interface Spec<
  P extends z.ZodType,
  Q extends z.ZodType,
  B extends z.ZodType,
  R extends z.ZodType,
  U,
> {
  method: Method;
  path: string;
  operationId: string;
  summary: string;
  params: P;
  query?: Q;
  body?: B;
  success: { status: 200 | 201 | 204; schema?: R };
  errors: readonly number[];
  handle(input: {
    uid: U;
    params: z.output<P>;
    query: z.output<Q>;
    body: z.output<B>;
  }): Promise<z.output<R> | void>;
}

/**
 * Defines operations whose handlers get `U` as the caller: the verified uid when `signedIn`, null
 * where anyone may call.
 */
const operationsFor =
  <U>(signedIn: boolean) =>
  <P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType, R extends z.ZodType>(
    spec: Spec<P, Q, B, R, U>,
  ): Operation => {
    const { handle, ...described } = spec;
    return {
      ...described,
      signedIn,
      run: (call) =>
        handle({
          uid: call.uid as U,
          params: parseInput(spec.params, call.params),
          query: spec.query ? parseInput(spec.query, call.query) : (undefined as z.output<Q>),
          body: spec.body ? parseInput(spec.body, call.readBody()) : (undefined as z.output<B>),
        }),
    };
  };

/** An operation for signed-in callers: its handler gets the verified uid. */
export const signedInOperation = operationsFor<string>(true);

/** An operation anyone may call. */
export const publicOperation = operationsFor<null>(false);
