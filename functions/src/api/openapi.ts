// The OpenAPI 3.1 document of the API, generated from the operations and their zod schemas
// (zod's JSON Schema output is draft 2020-12, the dialect OpenAPI 3.1 uses).
import { z } from 'zod';
import type { Operation } from './operation.js';
import {
  errorSchema,
  listCreateBody,
  listSchema,
  listsResponseSchema,
  memberInviteBody,
  memberRoleBody,
  memberSchema,
  membersResponseSchema,
  publicProfileSchema,
  todoCreateBody,
  todoPageSchema,
  todoSchema,
  todoUpdateBody,
} from './schemas.js';

export const API_BASE_PATH = '/api/v1';

/**
 * The API's address relative to this document, which is served at `<API base>/openapi.json`
 * (OpenAPI 3.1 resolves a relative server URL against the document's own URL). It names the right
 * base from every origin: the app's `/api/v1` through Hosting, and the function's own
 * `…/api/api/v1` when the document is fetched from the function's URL.
 */
const SERVER_URL = '../v1';

type JsonSchema = Record<string, unknown>;

export interface OpenApiDocument {
  openapi: '3.1.0';
  info: { title: string; version: string; description: string };
  servers: Array<{ url: string }>;
  paths: Record<string, Record<string, unknown>>;
  components: {
    schemas: Record<string, JsonSchema>;
    securitySchemes: Record<string, unknown>;
  };
}

/** Response shapes by component name (read as the API writes them). */
const RESPONSE_COMPONENTS: Record<string, z.ZodType> = {
  PublicProfile: publicProfileSchema,
  List: listSchema,
  Lists: listsResponseSchema,
  Todo: todoSchema,
  TodoPage: todoPageSchema,
  Member: memberSchema,
  Members: membersResponseSchema,
  Error: errorSchema,
};

/** Request bodies by component name (as callers may write them: defaults make fields optional). */
const REQUEST_COMPONENTS: Record<string, z.ZodType> = {
  ListCreate: listCreateBody,
  MemberInvite: memberInviteBody,
  MemberRoleChange: memberRoleBody,
  TodoCreate: todoCreateBody,
  TodoUpdate: todoUpdateBody,
};

const STATUS_TEXT: Record<number, string> = {
  200: 'OK',
  201: 'Created',
  204: 'No content',
  400: 'Invalid input; the message names the field.',
  401: 'No valid Firebase ID token.',
  403: 'The caller may read this list but not do this: change its to-dos (viewers), or share it (anyone but its owner).',
  404: 'Not found, or not shared with the caller.',
  405: 'Method not allowed (see the Allow header).',
  409: 'Conflicts with the current state (the message says how).',
  413: 'The body is larger than 64 KiB.',
  415: 'The body is not JSON.',
  429: 'Too many requests from this caller (see Retry-After).',
  500: 'Something went wrong on our side.',
};

const SECURITY_SCHEME = 'firebaseIdToken';
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

/** JSON Schemas of the registered components, with references between them. */
function components(
  schemas: Record<string, z.ZodType>,
  io: 'input' | 'output',
): Record<string, JsonSchema> {
  const registry = z.registry<{ id: string }>();
  for (const [id, schema] of Object.entries(schemas)) registry.add(schema, { id });
  const generated = z.toJSONSchema(registry, {
    io,
    uri: (id) => `#/components/schemas/${id}`,
    // The model accepts Date objects from the web app; over JSON a date is a string.
    unrepresentable: 'any',
    override: ({ zodSchema, jsonSchema }) => {
      if (zodSchema._zod.def.type === 'date')
        Object.assign(jsonSchema, { type: 'string', format: 'date-time' });
    },
  }).schemas;
  return Object.fromEntries(
    Object.entries(generated).map(([id, schema]) => {
      const { $schema: _dialect, $id: _id, ...rest } = schema as JsonSchema;
      return [id, rest];
    }),
  );
}

function nameOf(schema: z.ZodType, named: Record<string, z.ZodType>): string | undefined {
  return Object.entries(named).find(([, candidate]) => candidate === schema)?.[0];
}

function parameters(schema: z.ZodType | undefined, location: 'path' | 'query') {
  if (!schema) return [];
  const object = z.toJSONSchema(schema, { io: 'input' }) as {
    properties?: Record<string, JsonSchema>;
    required?: string[];
  };
  return Object.entries(object.properties ?? {}).map(([name, property]) => {
    const { description, ...rest } = property;
    return {
      name,
      in: location,
      required: location === 'path' || (object.required ?? []).includes(name),
      ...(description === undefined ? {} : { description }),
      schema: rest,
    };
  });
}

function responses(operation: Operation) {
  const { status, schema } = operation.success;
  const name = schema && nameOf(schema, RESPONSE_COMPONENTS);
  const success =
    status === 204 || !schema
      ? { description: STATUS_TEXT[status] }
      : {
          description: STATUS_TEXT[status],
          content: { 'application/json': { schema: name ? ref(name) : z.toJSONSchema(schema) } },
        };
  const errors = [...new Set([...operation.errors, 500])].sort((a, b) => a - b);
  return {
    [status]: success,
    ...Object.fromEntries(
      errors.map((code) => [
        code,
        {
          description: STATUS_TEXT[code],
          content: { 'application/json': { schema: ref('Error') } },
        },
      ]),
    ),
  };
}

function requestBody(body: z.ZodType | undefined) {
  if (!body) return {};
  const name = nameOf(body, REQUEST_COMPONENTS);
  const schema = name ? ref(name) : z.toJSONSchema(body, { io: 'input' });
  return { requestBody: { required: true, content: { 'application/json': { schema } } } };
}

function describe(operation: Operation) {
  return {
    operationId: operation.operationId,
    summary: operation.summary,
    security: operation.signedIn ? [{ [SECURITY_SCHEME]: [] }] : [],
    parameters: [...parameters(operation.params, 'path'), ...parameters(operation.query, 'query')],
    ...requestBody(operation.body),
    responses: responses(operation),
  };
}

export function buildOpenApi(operations: readonly Operation[]): OpenApiDocument {
  const paths: OpenApiDocument['paths'] = {};
  for (const operation of operations) {
    paths[operation.path] = {
      ...paths[operation.path],
      [operation.method.toLowerCase()]: describe(operation),
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Hearth REST API',
      version: '1.0.0',
      description:
        'Lists and to-dos of Hearth for scripts and devices. Send a Firebase ID token as ' +
        '`Authorization: Bearer <token>`. Every response carries `X-Request-Id` (yours, echoed, or a ' +
        'new one). Rate limits are per caller and per server instance.',
    },
    servers: [{ url: SERVER_URL }],
    paths,
    components: {
      schemas: {
        ...components(RESPONSE_COMPONENTS, 'output'),
        ...components(REQUEST_COMPONENTS, 'input'),
      },
      securitySchemes: {
        [SECURITY_SCHEME]: { type: 'http', scheme: 'bearer', bearerFormat: 'Firebase ID token' },
      },
    },
  };
}
