// Request ids tie a caller's report to our log line: a sane X-Request-Id from the caller is
// kept, anything else (absent, too long, odd characters that could forge log fields) is replaced.
import { randomUUID } from 'node:crypto';

const ACCEPTABLE = /^[A-Za-z0-9._:-]{1,128}$/;

export function requestIdOf(header: string | undefined): string {
  return header && ACCEPTABLE.test(header) ? header : randomUUID();
}
