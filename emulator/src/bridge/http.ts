/**
 * Small HTTP helpers over fetch for talking to the emulator hub and the Functions emulator,
 * which both listen on loopback. Connection failures are told apart from HTTP answers because
 * only they are worth retrying: an answer means the emulator is there and has decided.
 */
export interface HttpAnswer {
  status: number;
  text: string;
}

export class ConnectionError extends Error {
  /** The request got no answer in time: the other side may still be working on it. */
  readonly timedOut: boolean;

  constructor(target: string, cause: unknown) {
    const timedOut = cause instanceof Error && cause.name === 'TimeoutError';
    super(
      timedOut
        ? `no answer from ${target} in time`
        : `cannot reach ${target}: ${describeCause(cause)}`,
    );
    this.name = 'ConnectionError';
    this.timedOut = timedOut;
  }
}

function describeCause(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as { cause?: unknown }).cause;
    if (cause instanceof Error && 'code' in cause) return String((cause as { code: unknown }).code);
    return cause instanceof Error ? cause.message : error.message;
  }
  return String(error);
}

export async function request(
  url: string,
  init: {
    method: 'GET' | 'POST';
    headers?: Record<string, string>;
    body?: string;
    signal: AbortSignal;
  },
): Promise<HttpAnswer> {
  let response: Response;
  try {
    response = await fetch(url, init);
  } catch (error) {
    throw new ConnectionError(url, error);
  }
  try {
    return { status: response.status, text: await response.text() };
  } catch (error) {
    throw new ConnectionError(url, error);
  }
}

/** `http://host:port` for an emulator's advertised host, which may be a wildcard or IPv6. */
export function originOf(host: string, port: number): string {
  const connectable =
    host === '0.0.0.0' ? '127.0.0.1' : host === '::' || host === '[::]' ? '::1' : host;
  return connectable.includes(':') && !connectable.startsWith('[')
    ? `http://[${connectable}]:${port}`
    : `http://${connectable}:${port}`;
}

export const sleep = (ms: number, signal: AbortSignal): Promise<void> =>
  new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
