import { describe, expect, it } from 'vitest';
import { apiBase } from '../support/apiClient.js';

/**
 * The production build as Firebase Hosting serves it (`npm test` serves web/dist through
 * firebase-tools' Hosting emulator and names it in HEARTH_WEB_URL): firebase.json's caching
 * headers, the app shell at every app address, and the REST API at the app's own origin.
 */
const appUrl = process.env.HEARTH_WEB_URL;

async function get(path: string): Promise<Response> {
  return fetch(new URL(path, appUrl));
}

describe.skipIf(!appUrl)('the web app on Hosting', () => {
  it('answers every app address with the app shell, revalidated on each visit', async () => {
    const response = await get('/lists/some-list');
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<title>Hearth</title>');
    expect(response.headers.get('cache-control')).toBe('no-cache');
  });

  it('lets browsers keep the hashed assets for a year', async () => {
    const shell = await (await get('/')).text();
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(shell)?.[1];
    expect(script).toBeDefined();
    const response = await get(script!);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
  });

  it('has browsers check the service worker and the manifest for a new version every time', async () => {
    const worker = await get('/serviceWorker.js');
    expect(worker.status).toBe(200);
    expect(worker.headers.get('cache-control')).toBe('no-cache');
    const manifest = await get('/manifest.webmanifest');
    expect(manifest.headers.get('cache-control')).toBe('no-cache');
    expect(await manifest.json()).toMatchObject({ name: 'Hearth', start_url: '/lists' });
  });

  it('serves the REST API at the app’s own origin, never cached', async () => {
    const response = await get('/api/v1/openapi.json');
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(await response.json()).toMatchObject({ openapi: '3.1.0' });
  });

  it('publishes an API address that works from the app’s origin and from the function’s', async () => {
    for (const documentUrl of [
      new URL('/api/v1/openapi.json', appUrl).href,
      `${apiBase}/openapi.json`,
    ]) {
      const document = (await (await fetch(documentUrl)).json()) as { servers: [{ url: string }] };
      const base = new URL(document.servers[0].url, documentUrl).href;
      const lists = await fetch(`${base}/lists`);
      // The API itself answers (its own error shape): signing in is all that is missing.
      expect(lists.status, base).toBe(401);
      expect(await lists.json(), base).toMatchObject({ error: { code: 'unauthenticated' } });
    }
  });
});
