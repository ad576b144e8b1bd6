// The `api` HTTPS function: Hosting serves it at /api/**, the Functions emulator at
// /{project}/us-central1/api/api/v1/... (see README.md in this folder).
import { onRequest } from 'firebase-functions/v2/https';
import { logger } from 'firebase-functions/v2';
import { adminAuth, db } from '../admin.js';
import { corsOriginsFromEnv } from './cors.js';
import { expressHandler } from './express.js';
import { firestoreStore } from './firestoreStore.js';
import { createApi, type RequestLog } from './pipeline.js';
import { RateLimiter, rateLimitFromEnv } from './rateLimiter.js';
import { createOperations } from './routes.js';

function logRequest({ error, ...entry }: RequestLog): void {
  logger.write({
    severity: entry.status >= 500 ? 'ERROR' : entry.status >= 400 ? 'WARNING' : 'INFO',
    message: `${entry.method} ${entry.path} ${entry.status} ${entry.latencyMs}ms`,
    ...entry,
    ...(error === undefined ? {} : { error: error instanceof Error ? error.stack : String(error) }),
  });
}

const handle = createApi({
  operations: createOperations(firestoreStore(db)),
  verifyToken: (token) => adminAuth.verifyIdToken(token),
  limiter: new RateLimiter(rateLimitFromEnv(process.env)),
  corsOrigins: corsOriginsFromEnv(process.env),
  log: logRequest,
});

// `cors: false` keeps firebase-functions' own CORS layer (which the Functions emulator turns on
// for every origin) out of the way: cors.ts decides, the same locally and deployed.
export const api = onRequest({ cors: false }, expressHandler(handle));
