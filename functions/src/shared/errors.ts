// Errors the logic modules raise, with a message written for the person who caused them. They
// carry a Firebase error code name and are mapped to the wire in one place per edge (callables
// in callable.ts; the REST API maps the same codes to HTTP statuses).
export type AppErrorCode =
  | 'invalid-argument'
  | 'unauthenticated'
  | 'permission-denied'
  | 'not-found'
  | 'already-exists'
  | 'failed-precondition'
  | 'resource-exhausted';

export class AppError extends Error {
  constructor(
    readonly code: AppErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'AppError';
  }
}
