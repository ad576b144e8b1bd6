import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createServer, type ViteDevServer } from 'vite';

const webRoot = fileURLToPath(new URL('../../../web/', import.meta.url));
const STACK_WEB_URL = 'http://127.0.0.1:5173/';

export interface WebApp {
  url: string;
  close(): Promise<void>;
}

async function servesHearth(url: string): Promise<boolean> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
    return response.ok && (await response.text()).includes('<title>Hearth</title>');
  } catch {
    return false;
  }
}

/**
 * The web app under test: HEARTH_WEB_URL when set (`npm test` serves the production build on the
 * Hosting emulator there), else the dev server of a running `npm start` on :5173, else a Vite dev
 * server of our own on a free port, pointed at the emulators the stack announced in the
 * environment (as `npm run emulators:exec` sets them).
 */
export async function startWebApp(): Promise<WebApp> {
  const fromEnv = process.env.HEARTH_WEB_URL;
  if (fromEnv) return { url: fromEnv, close: async () => undefined };
  if (await servesHearth(STACK_WEB_URL))
    return { url: STACK_WEB_URL, close: async () => undefined };

  const hostOf = (name: string) => process.env[name]?.replace(/^https?:\/\//, '');
  const overrides: Record<string, string | undefined> = {
    VITE_AUTH_EMULATOR_HOST: hostOf('FIREBASE_AUTH_EMULATOR_HOST'),
    VITE_FIRESTORE_EMULATOR_HOST: hostOf('FIRESTORE_EMULATOR_HOST'),
    VITE_STORAGE_EMULATOR_HOST: hostOf('FIREBASE_STORAGE_EMULATOR_HOST'),
    VITE_FUNCTIONS_EMULATOR_HOST: hostOf('FUNCTIONS_EMULATOR_ORIGIN'),
  };
  for (const [key, value] of Object.entries(overrides)) if (value) process.env[key] = value;

  const server: ViteDevServer = await createServer({
    configFile: path.join(webRoot, 'vite.config.ts'),
    root: webRoot,
    logLevel: 'warn',
    server: { port: 0, strictPort: false },
  });
  await server.listen();
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error('Vite did not report the address it listens on');
  return { url, close: () => server.close() };
}
