/**
 * Errors the model and every Firestore layer throw; adapters map `code` to their wire (gRPC status,
 * HTTP status) in one place each. Codes are gRPC's canonical codes, which Firestore uses everywhere.
 */
export const Code = {
  OK: 0,
  CANCELLED: 1,
  UNKNOWN: 2,
  INVALID_ARGUMENT: 3,
  DEADLINE_EXCEEDED: 4,
  NOT_FOUND: 5,
  ALREADY_EXISTS: 6,
  PERMISSION_DENIED: 7,
  RESOURCE_EXHAUSTED: 8,
  FAILED_PRECONDITION: 9,
  ABORTED: 10,
  OUT_OF_RANGE: 11,
  UNIMPLEMENTED: 12,
  INTERNAL: 13,
  UNAVAILABLE: 14,
  UNAUTHENTICATED: 16,
} as const;
export type Code = (typeof Code)[keyof typeof Code];

export class FirestoreError extends Error {
  constructor(
    readonly code: Code,
    message: string,
  ) {
    super(message);
    this.name = 'FirestoreError';
  }
}

export const invalidArgument = (message: string): FirestoreError =>
  new FirestoreError(Code.INVALID_ARGUMENT, message);

/** Turns anything thrown inside a handler into a FirestoreError; unexpected bugs become INTERNAL. */
export function toFirestoreError(error: unknown): FirestoreError {
  if (error instanceof FirestoreError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new FirestoreError(Code.INTERNAL, message);
}
