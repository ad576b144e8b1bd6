/**
 * Requests to the Storage emulator's APIs written by hand, as its clients send them, for tests of
 * what the SDKs would not send. Free of the test runner.
 */

/** An admin's credentials: rules do not judge the owner. */
export const OWNER = { Authorization: 'Bearer owner' };

/** A GCS multipart upload to `uploadUrl` (the API's upload URL) of `body`, parts split by `boundary`. */
export function postMultipart(
  uploadUrl: string,
  boundary: string,
  body: BodyInit,
  query = '',
): Promise<Response> {
  return fetch(`${uploadUrl}?uploadType=multipart${query}`, {
    method: 'POST',
    headers: { 'Content-Type': `multipart/related; boundary=${boundary}` },
    body,
  });
}

/** One command of the Firebase API's resumable upload session at `url`. */
export function uploadCommand(
  url: string,
  command: string,
  body?: string,
  offset?: number,
): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: {
      ...OWNER,
      'X-Goog-Upload-Command': command,
      ...(offset === undefined ? {} : { 'X-Goog-Upload-Offset': String(offset) }),
    },
    ...(body === undefined ? {} : { body }),
  });
}

/** A chunk of the GCS API's resumable upload session at `url`; without a body, asks how far it is. */
export function putChunk(url: string, contentRange: string, body?: string): Promise<Response> {
  return fetch(url, {
    method: 'PUT',
    headers: { 'Content-Range': contentRange },
    ...(body === undefined ? {} : { body }),
  });
}
