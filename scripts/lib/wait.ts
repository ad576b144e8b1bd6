import type { ChildProcess } from 'node:child_process';

export class ServiceFailedError extends Error {}

/**
 * Resolves once `url` answers any HTTP status. Rejects when `child` exits first or the timeout
 * passes, so a broken service is reported instead of waited on forever.
 */
export async function waitForHttp(
  service: string,
  url: string,
  child: ChildProcess,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new ServiceFailedError(
        `${service} stopped before it was ready (exit ${child.exitCode ?? child.signalCode}).`,
      );
    }
    try {
      await fetch(url, { signal: AbortSignal.timeout(1000) });
      return;
    } catch {
      if (Date.now() > deadline) {
        throw new ServiceFailedError(`${service} did not answer at ${url} within ${timeoutMs / 1000} s.`);
      }
      await new Promise((resolve) => setTimeout(resolve, 150));
    }
  }
}
