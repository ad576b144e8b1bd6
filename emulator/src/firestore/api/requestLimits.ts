/** What one request may be, whatever wire it comes by. */
import { invalidArgument, type FirestoreError } from '../../model/errors.js';

/** Quotas: "Maximum API request size: 10 MiB". */
export const MAX_REQUEST_BYTES = 10 * 1024 * 1024;

/** Google's front ends answer an oversized request so, with INVALID_ARGUMENT. */
export function requestTooLarge(): FirestoreError {
  return invalidArgument(`Request payload size exceeds the limit: ${MAX_REQUEST_BYTES} bytes.`);
}
