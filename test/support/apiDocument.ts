// Checks of the REST API's responses against the OpenAPI document it serves: the document is
// what is checked, not the zod source it was generated from (functions/src/testing/apiOpenApi.ts).
import { expect } from 'vitest';
import { responseValidator, type OpenApiLike } from '../../functions/src/testing/apiOpenApi.js';
import { callApi, type ApiResult } from './apiClient.js';

/** The document as the API serves it, without sign-in. */
export async function servedOpenApi(): Promise<OpenApiLike> {
  const response = await callApi('GET', '/openapi.json');
  expect(response.status, response.text).toBe(200);
  return response.body as OpenApiLike;
}

/**
 * An assertion of a response's status, and that its body is what `document` promises for that
 * status of `method template` (an empty body where it promises none).
 */
export const documentedResponses =
  (document: OpenApiLike) =>
  (result: ApiResult, method: string, template: string, status: number): void => {
    expect(result.status, result.text).toBe(status);
    const validator = responseValidator(document, method, template, status);
    if (validator === null) {
      expect(result.text).toBe('');
      return;
    }
    expect(result.headers.get('content-type')).toMatch(/^application\/json/);
    const check = validator.safeParse(result.body);
    expect(check.success, `${method} ${template} ${status}: ${check.error?.message}`).toBe(true);
  };
