// The pipeline behind the express request and response that firebase-functions' onRequest
// hands over (the platform has already buffered the body into `rawBody`).
import type { Request } from 'firebase-functions/v2/https';
import type { Response } from 'express';
import type { ApiHandler, ApiRequest } from './pipeline.js';

export function toApiRequest(req: Request): ApiRequest {
  return {
    method: req.method,
    url: req.url,
    header: (name) => req.get(name),
    rawBody: req.rawBody,
    ip: req.ip,
  };
}

export function expressHandler(handle: ApiHandler) {
  return async (req: Request, res: Response): Promise<void> => {
    const response = await handle(toApiRequest(req));
    res.status(response.status).set(response.headers);
    if (response.body === undefined) res.end();
    else res.type('application/json').send(JSON.stringify(response.body));
  };
}
