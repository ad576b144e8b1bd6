/**
 * The REST wire: the unary RPCs as JSON over HTTP/1.1, as the web SDK (and any HTTP client) calls
 * them: `POST /v1/{database}/documents:commit` and friends, and the document-level
 * GET/PATCH/DELETE/POST. Streaming reads (batchGet, runQuery, runAggregationQuery) answer a JSON
 * array of their responses. Errors are Google's `{error: {code, message, status}}`.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Code, FirestoreError, invalidArgument } from './errors.js';
import { readBody, sendJson, type Route } from './http/router.js';
import {
  decodeCreateDocumentRequest,
  decodeDeleteDocumentRequest,
  decodeGetDocumentRequest,
  decodeListDocumentsRequest,
  decodeUpdateDocumentRequest,
} from './json/document_requests.js';
import { encodeDocument } from './json/document.js';
import * as json from './json/requests.js';
import { encodeError } from './json/status.js';
import { callerFromAuthorization, type Caller } from './security/caller.js';
import type { FirestoreService } from './service.js';

const DATABASE = 'projects/[^/]+/databases/[^/]+';
const DOCUMENTS = `${DATABASE}/documents`;
/** A document or collection path; without a `:method` suffix, ids may contain ':'. */
const RESOURCE = new RegExp(`^/v1/(${DOCUMENTS}/.+)$`);

type Handler = (caller: Caller, match: string[], req: IncomingMessage) => Promise<unknown>;

export function restRoutes(service: FirestoreService): Route[] {
  /** POST {database}/documents:{method} */
  const onDatabase = (
    method: string,
    handle: (caller: Caller, database: string, body: unknown) => Promise<unknown>,
  ): Route =>
    route(
      'POST',
      new RegExp(`^/v1/(${DATABASE})/documents:${method}$`),
      async (caller, [database], req) => handle(caller, database as string, await jsonBody(req)),
    );
  /** POST {parent}:{method}, the parent being the database root or a document. */
  const onParent = (
    method: string,
    handle: (caller: Caller, parent: string, body: unknown) => Promise<unknown>,
  ): Route =>
    route(
      'POST',
      new RegExp(`^/v1/(${DOCUMENTS}(?:/[^:]+)?):${method}$`),
      async (caller, [parent], req) => handle(caller, parent as string, await jsonBody(req)),
    );

  return [
    onDatabase('commit', async (caller, database, body) =>
      json.encodeCommitResponse(
        await service.commit(caller, json.decodeCommitRequest(body, database)),
      ),
    ),
    onDatabase('batchGet', async (caller, database, body) =>
      (await service.batchGetDocuments(caller, json.decodeBatchGetRequest(body, database))).map(
        json.encodeBatchGetResponse,
      ),
    ),
    onDatabase('beginTransaction', async (caller, database, body) =>
      json.encodeBeginTransactionResponse(
        await service.beginTransactionRpc(
          caller,
          json.decodeBeginTransactionRequest(body, database),
        ),
      ),
    ),
    onDatabase('rollback', async (caller, database, body) => {
      await service.rollback(caller, json.decodeRollbackRequest(body, database));
      return {};
    }),
    onDatabase('batchWrite', async (caller, database, body) =>
      json.encodeBatchWriteResponse(
        await service.batchWrite(caller, json.decodeBatchWriteRequest(body, database)),
      ),
    ),
    onParent('runQuery', async (caller, parent, body) =>
      (await service.runQuery(caller, json.decodeRunQueryRequest(body, parent))).map(
        json.encodeRunQueryResponse,
      ),
    ),
    onParent('runAggregationQuery', async (caller, parent, body) =>
      (
        await service.runAggregationQuery(
          caller,
          json.decodeRunAggregationQueryRequest(body, parent),
        )
      ).map(json.encodeRunAggregationQueryResponse),
    ),
    onParent('listCollectionIds', async (caller, parent, body) =>
      json.encodeListCollectionIdsResponse(
        await service.listCollectionIds(caller, json.decodeListCollectionIdsRequest(body, parent)),
      ),
    ),
    onParent('(?:partitionQuery|executePipeline|listen|write)', async () => {
      throw new FirestoreError(
        Code.UNIMPLEMENTED,
        'This method is not supported over REST by this emulator.',
      );
    }),
    route('GET', RESOURCE, async (caller, [path], req) => {
      const { name, parent, collectionId } = splitPath(path as string);
      const params = searchParams(req);
      if (name)
        return encodeDocument(
          await service.getDocument(caller, decodeGetDocumentRequest(name, params)),
        );
      return json.encodeListDocumentsResponse(
        await service.listDocuments(
          caller,
          decodeListDocumentsRequest(parent, collectionId, params),
        ),
      );
    }),
    route('POST', new RegExp(`^/v1/(${DOCUMENTS}/[^:]+)$`), async (caller, [path], req) => {
      const { name, parent, collectionId } = splitPath(path as string);
      if (name) throw invalidArgument(`POST ${path}: documents are created under a collection.`);
      const request = decodeCreateDocumentRequest(
        parent,
        collectionId,
        searchParams(req),
        await jsonBody(req),
      );
      return encodeDocument(await service.createDocument(caller, request));
    }),
    route('PATCH', RESOURCE, async (caller, [path], req) => {
      const request = decodeUpdateDocumentRequest(
        documentPath(path as string),
        searchParams(req),
        await jsonBody(req),
      );
      return encodeDocument(await service.updateDocument(caller, request));
    }),
    route('DELETE', RESOURCE, async (caller, [path], req) => {
      await service.deleteDocument(
        caller,
        decodeDeleteDocumentRequest(documentPath(path as string), searchParams(req)),
      );
      return {};
    }),
  ];
}

/** A route answering JSON; every failure, from a bad token to a bad body, is Google's error JSON. */
function route(method: string, path: RegExp, handle: Handler): Route {
  return {
    method,
    path,
    handle: async (req: IncomingMessage, res: ServerResponse, match: string[]) => {
      try {
        const caller = callerFromAuthorization(req.headers.authorization);
        sendJson(res, 200, await handle(caller, match, req));
      } catch (error) {
        const { httpStatus, body } = encodeError(error);
        sendJson(res, httpStatus, body);
      }
    },
  };
}

async function jsonBody(req: IncomingMessage): Promise<unknown> {
  const text = await readBody(req);
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text);
  } catch (error) {
    throw invalidArgument(`Invalid JSON payload received. ${(error as Error).message}`);
  }
}

function searchParams(req: IncomingMessage): URLSearchParams {
  return new URL(req.url ?? '/', 'http://localhost').searchParams;
}

/** A path under `documents/`: a document (even segment count) or a collection (odd). */
function splitPath(path: string): { name?: string; parent: string; collectionId: string } {
  const segments = path.split('/');
  const inDatabase = segments.length - 5;
  if (inDatabase % 2 === 0) return { name: path, parent: '', collectionId: '' };
  return {
    parent: segments.slice(0, -1).join('/'),
    collectionId: segments[segments.length - 1] as string,
  };
}

function documentPath(path: string): string {
  const { name } = splitPath(path);
  if (!name) throw invalidArgument(`${path} is a collection, not a document.`);
  return name;
}
