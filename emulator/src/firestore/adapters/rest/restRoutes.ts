/**
 * The REST wire: the unary RPCs as JSON over HTTP/1.1, as the web SDK (and any HTTP client) calls
 * them: `POST /v1/{database}/documents:commit` and friends, and the document-level
 * GET/PATCH/DELETE/POST. Streaming reads (batchGet, runQuery, runAggregationQuery) answer a JSON
 * array of their responses. Errors are Google's `{error: {code, message, status}}`.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Code, FirestoreError, invalidArgument } from '../../../model/errors.js';
import { closeUnread, searchParams, sendJson, type Route } from '../http/router.js';
import type { MessageReader } from '../decode/reader.js';
import * as decode from '../decode/requests.js';
import { readJsonBody } from '../json/jsonGuard.js';
import { readJson } from '../json/jsonReader.js';
import * as json from '../json/responses.js';
import { encodeError } from '../json/status.js';
import { bindPath, QUERY_PARAMS, transcode } from './transcoding.js';
import { callerFromAuthorization, type Caller } from '../../security/caller.js';
import type { FirestoreService } from '../../service/firestoreService.js';
import { methods, type ServiceMethod } from '../../service/methods.js';
import { encodeDocument } from '../../../model/json.js';

const DATABASE = 'projects/[^/]+/databases/[^/]+';
const DOCUMENTS = `${DATABASE}/documents`;
/** A document or collection path; without a `:method` suffix, ids may contain ':'. */
const RESOURCE = new RegExp(`^/v1/(${DOCUMENTS}/.+)$`);

type Handler = (caller: Caller, match: string[], req: IncomingMessage) => Promise<unknown>;

/** {database}/documents:{method} */
const onDatabase = (method: string): RegExp =>
  new RegExp(`^/v1/(${DATABASE})/documents:${method}$`);
/** {parent}:{method}, the parent being the database root or a document. */
const onParent = (method: string): RegExp =>
  new RegExp(`^/v1/(${DOCUMENTS}(?:/[^:]+)?):${method}$`);

/** Streaming reads answer the array of their responses. */
const each =
  <Res>(encode: (response: Res) => unknown) =>
  (responses: Res[]): unknown[] =>
    responses.map(encode);
const empty = (): object => ({});

export function restRoutes(service: FirestoreService): Route[] {
  /**
   * POST {resource}:{method}: the body is the request, whose `database` or `parent` the path
   * binds; the answer encoded.
   */
  const post = <Field extends string, Req extends Record<Field, string>, Res>(
    path: RegExp,
    bound: Field,
    decodeRequest: (reader: MessageReader) => Req,
    method: ServiceMethod<Req, Res>,
    encode: (response: Res) => unknown,
  ): Route =>
    route('POST', path, async (caller, [resource], req) => {
      const request = readJson(await jsonBody(req), '', decodeRequest);
      bindPath(request, bound, resource as string);
      return encode(await method.call(service, caller, request));
    });

  return [
    post(
      onDatabase('commit'),
      'database',
      decode.decodeCommitRequest,
      methods.commit,
      json.encodeCommitResponse,
    ),
    post(
      onDatabase('batchGet'),
      'database',
      decode.decodeBatchGetRequest,
      methods.batchGetDocuments,
      each(json.encodeBatchGetResponse),
    ),
    post(
      onDatabase('beginTransaction'),
      'database',
      decode.decodeBeginTransactionRequest,
      methods.beginTransactionRpc,
      json.encodeBeginTransactionResponse,
    ),
    post(onDatabase('rollback'), 'database', decode.decodeRollbackRequest, methods.rollback, empty),
    post(
      onDatabase('batchWrite'),
      'database',
      decode.decodeBatchWriteRequest,
      methods.batchWrite,
      json.encodeBatchWriteResponse,
    ),
    post(
      onParent('runQuery'),
      'parent',
      decode.decodeRunQueryRequest,
      methods.runQuery,
      each(json.encodeRunQueryResponse),
    ),
    post(
      onParent('runAggregationQuery'),
      'parent',
      decode.decodeRunAggregationQueryRequest,
      methods.runAggregationQuery,
      each(json.encodeRunAggregationQueryResponse),
    ),
    post(
      onParent('listCollectionIds'),
      'parent',
      decode.decodeListCollectionIdsRequest,
      methods.listCollectionIds,
      json.encodeListCollectionIdsResponse,
    ),
    route('POST', onParent('(?:partitionQuery|executePipeline|listen|write)'), async () => {
      throw new FirestoreError(
        Code.UNIMPLEMENTED,
        'This method is not supported over REST by this emulator.',
      );
    }),
    route('GET', RESOURCE, async (caller, [path], req) => {
      const { name, parent, collectionId } = splitPath(path as string);
      const params = searchParams(req);
      if (name) {
        const message = transcode(params, QUERY_PARAMS.get, { name });
        return encodeDocument(
          await service.getDocument(caller, readJson(message, '', decode.decodeGetDocumentRequest)),
        );
      }
      const message = transcode(params, QUERY_PARAMS.list, { parent, collectionId });
      return json.encodeListDocumentsResponse(
        await service.listDocuments(
          caller,
          readJson(message, '', decode.decodeListDocumentsRequest),
        ),
      );
    }),
    route('POST', new RegExp(`^/v1/(${DOCUMENTS}/[^:]+)$`), async (caller, [path], req) => {
      const { name, parent, collectionId } = splitPath(path as string);
      if (name) throw invalidArgument(`POST ${path}: documents are created under a collection.`);
      const message = transcode(searchParams(req), QUERY_PARAMS.create, {
        parent,
        collectionId,
        document: await jsonBody(req),
      });
      const request = readJson(message, '', decode.decodeCreateDocumentRequest);
      return encodeDocument(await service.createDocument(caller, request));
    }),
    route('PATCH', RESOURCE, async (caller, [path], req) => {
      const message = transcode(searchParams(req), QUERY_PARAMS.patch, {
        document: await jsonBody(req),
      });
      const request = readJson(message, '', decode.decodeUpdateDocumentRequest);
      bindPath(request.document, 'name', documentPath(path as string));
      return encodeDocument(await service.updateDocument(caller, request));
    }),
    route('DELETE', RESOURCE, async (caller, [path], req) => {
      const message = transcode(searchParams(req), QUERY_PARAMS.delete, {
        name: documentPath(path as string),
      });
      await service.deleteDocument(
        caller,
        readJson(message, '', decode.decodeDeleteDocumentRequest),
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
        if (!req.complete) closeUnread(req, res);
        sendJson(res, httpStatus, body);
      }
    },
  };
}

async function jsonBody(req: IncomingMessage): Promise<unknown> {
  return (await readJsonBody(req)) ?? {};
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
