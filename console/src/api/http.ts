/**
 * JSON over HTTP to the emulators, with their errors turned into one message a person can read.
 * Google's APIs answer `{error: {code, message, status}}`; firebase-tools' hub answers `{message}`.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    /** Google's canonical code name (`FAILED_PRECONDITION`), when the answer gives one. */
    readonly reason: string | null = null,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** Firestore, Storage and Auth take this token from admins: rules do not apply to them. */
export const ADMIN_HEADERS: Readonly<Record<string, string>> = { Authorization: 'Bearer owner' };

function errorOf(status: number, body: string): ApiError {
  try {
    const json = JSON.parse(body) as {
      error?: { message?: unknown; status?: unknown } | string;
      message?: unknown;
    };
    if (typeof json.error === 'object' && typeof json.error?.message === 'string') {
      const reason = typeof json.error.status === 'string' ? json.error.status : null;
      return new ApiError(status, json.error.message, reason);
    }
    if (typeof json.error === 'string') return new ApiError(status, json.error);
    if (typeof json.message === 'string') return new ApiError(status, json.message);
  } catch {
    // Not JSON: the text itself, when it says anything.
  }
  return new ApiError(status, body.trim() || `HTTP ${status}`);
}

async function send(url: string, init: RequestInit): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(url, init);
  } catch {
    throw new ApiError(0, `Cannot reach ${new URL(url).host}: is the emulator running?`);
  }
  if (!response.ok) throw errorOf(response.status, await response.text());
  return response;
}

export interface JsonRequest {
  method?: string;
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

export async function requestJson<T>(url: string, request: JsonRequest = {}): Promise<T> {
  const headers: Record<string, string> = { ...request.headers };
  if (request.body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await send(url, {
    method: request.method ?? (request.body === undefined ? 'GET' : 'POST'),
    headers,
    body: request.body === undefined ? null : JSON.stringify(request.body),
    ...(request.signal ? { signal: request.signal } : {}),
  });
  const text = await response.text();
  return (text ? JSON.parse(text) : {}) as T;
}

/** A request whose answer is bytes (downloads) or nothing (uploads). */
export async function requestRaw(url: string, init: RequestInit): Promise<Response> {
  return send(url, init);
}
