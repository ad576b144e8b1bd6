/**
 * What a browser sends before a cross-origin POST with headers of its own: the CORS preflight,
 * from `origin` (the Vite dev server's by default), asking to send `requestHeaders`. Tests only.
 */
export function preflight(
  url: string,
  requestHeaders: string,
  origin = 'http://localhost:5173',
): Promise<Response> {
  return fetch(url, {
    method: 'OPTIONS',
    headers: {
      Origin: origin,
      'Access-Control-Request-Method': 'POST',
      'Access-Control-Request-Headers': requestHeaders,
    },
  });
}
