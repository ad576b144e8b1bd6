// Response checks against the API's published OpenAPI document: a component or an operation's
// response schema, turned back into a validator with zod's JSON Schema reader. The document is
// what is checked, not the zod source it was generated from.
import { z } from 'zod';

export interface OpenApiLike {
  paths: Record<string, Record<string, unknown>>;
  components: { schemas: Record<string, unknown> };
}

const COMPONENT_REF = /#\/components\/schemas\//g;

/** A validator for `{ $ref }` or any schema of the document, its references resolved. */
export function schemaValidator(document: OpenApiLike, schema: unknown): z.ZodType {
  // zod resolves local references under $defs only; OpenAPI keeps them under components.
  const rebased = JSON.parse(
    JSON.stringify({ ...(schema as object), $defs: document.components.schemas }).replace(
      COMPONENT_REF,
      '#/$defs/',
    ),
  );
  return z.fromJSONSchema({ $schema: 'https://json-schema.org/draft/2020-12/schema', ...rebased });
}

export const componentValidator = (document: OpenApiLike, name: string) =>
  schemaValidator(document, { $ref: `#/components/schemas/${name}` });

/**
 * The validator of what `method path` answers with `status`, per the document; null when the
 * document says that response has no body. Throws when the document does not list the response.
 */
export function responseValidator(
  document: OpenApiLike,
  method: string,
  path: string,
  status: number,
): z.ZodType | null {
  const operation = document.paths[path]?.[method.toLowerCase()] as
    | { responses: Record<string, { content?: { 'application/json': { schema: unknown } } }> }
    | undefined;
  const response = operation?.responses[String(status)];
  if (!response) throw new Error(`The OpenAPI document lists no ${status} for ${method} ${path}.`);
  return response.content
    ? schemaValidator(document, response.content['application/json'].schema)
    : null;
}
