// gRPC status codes the admin SDK reports on failed preconditions of a write.
const NOT_FOUND = 5;
const ALREADY_EXISTS = 6;

const hasCode = (error: unknown, code: number) =>
  typeof error === 'object' && error !== null && (error as { code?: unknown }).code === code;

export const isNotFound = (error: unknown) => hasCode(error, NOT_FOUND);
export const isAlreadyExists = (error: unknown) => hasCode(error, ALREADY_EXISTS);
