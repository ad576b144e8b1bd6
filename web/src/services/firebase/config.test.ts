import { describe, expect, it } from 'vitest';
import { parseHostPort, resolveAppConfig } from './config';

describe('resolveAppConfig', () => {
  it('uses the demo project on the default emulator ports in development', () => {
    const config = resolveAppConfig({}, true);
    expect(config.firebase.projectId).toBe('demo-hearth');
    expect(config.emulators).toEqual({
      auth: { host: '127.0.0.1', port: 9099 },
      firestore: { host: '127.0.0.1', port: 8080 },
      storage: { host: '127.0.0.1', port: 9199 },
      functions: { host: '127.0.0.1', port: 5001 },
    });
  });
  it('lets VITE_ variables move an emulator', () => {
    const config = resolveAppConfig({ VITE_FIRESTORE_EMULATOR_HOST: 'localhost:18080' }, true);
    expect(config.emulators?.firestore).toEqual({ host: 'localhost', port: 18080 });
  });
  it('ignores production settings in development, so nobody touches real data by accident', () => {
    const config = resolveAppConfig({ VITE_FIREBASE_PROJECT_ID: 'real-project' }, true);
    expect(config.firebase.projectId).toBe('demo-hearth');
  });
  it('takes a production build’s project from the environment, without emulators', () => {
    const config = resolveAppConfig(
      {
        VITE_FIREBASE_API_KEY: 'key',
        VITE_FIREBASE_AUTH_DOMAIN: 'p.firebaseapp.com',
        VITE_FIREBASE_PROJECT_ID: 'p',
        VITE_FIREBASE_STORAGE_BUCKET: 'p.appspot.com',
        VITE_FIREBASE_APP_ID: 'app',
        VITE_FIREBASE_FUNCTIONS_REGION: 'europe-west1',
      },
      false,
    );
    expect(config.firebase).toMatchObject({
      apiKey: 'key',
      projectId: 'p',
      storageBucket: 'p.appspot.com',
    });
    expect(config.functionsRegion).toBe('europe-west1');
    expect(config.emulators).toBeNull();
  });
  it('names every missing production setting', () => {
    expect(() => resolveAppConfig({ VITE_FIREBASE_API_KEY: 'key' }, false)).toThrow(
      /VITE_FIREBASE_AUTH_DOMAIN, VITE_FIREBASE_PROJECT_ID, VITE_FIREBASE_STORAGE_BUCKET, VITE_FIREBASE_APP_ID/,
    );
  });
});

describe('parseHostPort', () => {
  const fallback = { host: 'h', port: 1 };
  it('falls back when unset', () => expect(parseHostPort(undefined, fallback)).toBe(fallback));
  it('reads IPv6 in brackets', () =>
    expect(parseHostPort('[::1]:9099', fallback)).toEqual({ host: '::1', port: 9099 }));
  it('refuses a value without a valid port', () => {
    expect(() => parseHostPort('localhost', fallback)).toThrow(/not host:port/);
    expect(() => parseHostPort('localhost:70000', fallback)).toThrow(/not host:port/);
  });
});
