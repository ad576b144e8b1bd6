/**
 * Every evaluation of security rules, kept for the console: time, service, method, path, caller,
 * the decision with the allows that decided it and each document lookup made, and the rules
 * source in force. Recording keeps references only (no copying, no formatting): the work of
 * describing an entry is done when someone reads it.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { encodeFields, formatTimestamp } from '../model/json.js';
import type { FirestoreRulesRequest, RulesDecision, StorageRulesRequest } from '../rules/api.js';
import { streamLog } from './eventStream.js';
import { RingLog } from './ringLog.js';

export type RulesService = 'firestore' | 'storage';

/** How many evaluations each service keeps. */
export const REQUEST_LOG_CAPACITY = 5000;

interface Recorded {
  project: string;
  request: FirestoreRulesRequest | StorageRulesRequest;
  decision: RulesDecision;
  /** The ruleset's source text (shared by every entry it judged). */
  rules: string;
}

export class RequestLog {
  readonly entries: RingLog<Recorded>;

  constructor(
    readonly service: RulesService,
    capacity = REQUEST_LOG_CAPACITY,
  ) {
    this.entries = new RingLog(capacity);
  }

  record(
    project: string,
    request: FirestoreRulesRequest | StorageRulesRequest,
    decision: RulesDecision,
    rules: string,
  ): void {
    this.entries.push({ project, request, decision, rules });
  }
}

/** One entry of the log's list, as `GET .../requests` serves it (the console's `RequestSummary`). */
export type RequestSummary = ReturnType<typeof summary>;

function summary(service: RulesService, seq: number, { request, decision }: Recorded) {
  const email = request.auth?.token['email'];
  return {
    id: seq,
    time: formatTimestamp(request.time),
    service,
    method: request.method,
    path: request.path,
    container: 'bucket' in request ? request.bucket : request.database,
    uid: request.auth?.uid ?? null,
    email: typeof email === 'string' ? email : null,
    allowed: decision.allowed,
    summary: decision.message.split('\n', 1)[0] ?? '',
  };
}

/** What rules saw as `resource` or `request.resource`: a document's fields, or an object's metadata. */
function resourceJson(
  request: FirestoreRulesRequest | StorageRulesRequest,
  which: 'resource' | 'requestResource',
) {
  if ('bucket' in request) {
    const metadata = request[which];
    return metadata && encodeFields(metadata);
  }
  const document = request[which];
  return document && encodeFields(document.fields);
}

function detail(service: RulesService, seq: number, entry: Recorded) {
  const { request, decision } = entry;
  return {
    ...summary(service, seq, entry),
    auth: request.auth,
    outcomes: decision.outcomes.map((o) => ({
      line: o.line,
      result: o.text,
      ...(o.errorLine === undefined ? {} : { errorLine: o.errorLine }),
    })),
    calls: decision.calls,
    message: decision.message,
    rules: entry.rules,
    resource: resourceJson(request, 'resource'),
    requestResource: resourceJson(request, 'requestResource'),
  };
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res
    .writeHead(status, { 'Content-Type': 'application/json; charset=utf-8' })
    .end(JSON.stringify(body));
}

/**
 * `GET .../requests`: the newest evaluations of `project` as JSON (`?pageSize=`, newest first),
 * or live as server-sent events when asked for text/event-stream; `GET .../requests/{id}`: one
 * evaluation in full. The services mount it at `/emulator/v1/projects/{project}/requests[/{id}]`.
 */
export function serveRequestLog(
  log: RequestLog,
  req: IncomingMessage,
  res: ServerResponse,
  project: string,
  id?: string,
): void {
  if (id !== undefined) {
    const entry = log.entries.get(Number(id));
    if (!entry || entry.project !== project) {
      sendJson(res, 404, {
        error: {
          code: 404,
          message: `No request ${id} in the log of project ${project} (it keeps the newest ${log.entries.capacity}).`,
          status: 'NOT_FOUND',
        },
      });
    } else {
      sendJson(res, 200, detail(log.service, Number(id), entry));
    }
    return;
  }
  if (req.headers.accept?.includes('text/event-stream')) {
    streamLog(req, res, log.entries, 'request', (entry, seq) =>
      entry.project === project ? summary(log.service, seq, entry) : undefined,
    );
    return;
  }
  const url = new URL(req.url ?? '/', 'http://localhost');
  const pageSize = Math.min(
    Math.max(Number(url.searchParams.get('pageSize')) || 100, 1),
    log.entries.capacity,
  );
  const requests: ReturnType<typeof summary>[] = [];
  for (
    let seq = log.entries.latest;
    seq >= log.entries.oldest && requests.length < pageSize;
    seq--
  ) {
    const entry = log.entries.get(seq) as Recorded;
    if (entry.project === project) requests.push(summary(log.service, seq, entry));
  }
  sendJson(res, 200, { requests, latest: log.entries.latest });
}
