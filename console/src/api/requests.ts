/**
 * The Hearth emulator's rules request log (one per service, on its own port): every evaluation of
 * security rules, streamed newest last, with a detail view per request. Google's emulators have
 * no such endpoint; the console then says so.
 */
import type { Fields } from '@/model/firestoreValue';
import { requestJson } from './http';

export type RulesService = 'firestore' | 'storage';
export type RulesMethod = 'get' | 'list' | 'create' | 'update' | 'delete';

export interface RequestSummary {
  /** Increasing within one service's log. */
  id: number;
  /** ISO time of the evaluation. */
  time: string;
  service: RulesService;
  method: RulesMethod;
  /** Firestore: the document or collection path; Storage: the object name (or prefix). */
  path: string;
  /** Firestore: the database; Storage: the bucket. */
  container: string;
  uid: string | null;
  email: string | null;
  allowed: boolean;
  /** The first line of the rules' explanation when denied. */
  summary: string;
}

export interface AllowOutcome {
  /** The line of the allow whose condition was evaluated. */
  line: number;
  /** "true", "false" or the error it raised. */
  result: string;
  /** Where an error was raised, when not on the allow's own line. */
  errorLine?: number;
}

export interface AccessCall {
  /** get, exists, getAfter, existsAfter, firestore.get, firestore.exists */
  fn: string;
  path: string;
  /** Whether the document existed (for the `after` functions: would exist). */
  found: boolean;
}

export interface RequestDetail extends RequestSummary {
  auth: { uid: string; token: Record<string, unknown> } | null;
  /** Each allow evaluated, in order; the last one decided when the request was allowed. */
  outcomes: AllowOutcome[];
  calls: AccessCall[];
  /** Firebase's full explanation (empty when allowed). */
  message: string;
  /** The rules source in force for this request. */
  rules: string;
  /** What rules saw as `resource` and `request.resource` (Firestore fields or Storage metadata). */
  resource: Fields | null;
  requestResource: Fields | null;
}

export function requestLogUrl(origin: string, projectId: string): string {
  return `${origin}/emulator/v1/projects/${encodeURIComponent(projectId)}/requests`;
}

export async function hasRequestLog(origin: string, projectId: string): Promise<boolean> {
  try {
    await requestJson(`${requestLogUrl(origin, projectId)}?pageSize=1`);
    return true;
  } catch {
    return false;
  }
}

export function requestDetail(
  origin: string,
  projectId: string,
  id: number,
): Promise<RequestDetail> {
  return requestJson<RequestDetail>(`${requestLogUrl(origin, projectId)}/${id}`);
}
