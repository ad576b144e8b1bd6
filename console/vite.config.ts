import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';
import { fileURLToPath } from 'node:url';

/**
 * `npm run dev -w console` serves the console with hot reload; `/api` (the stack's description)
 * comes from the Hearth emulator's console server of a running stack (`npm run emulators`).
 * The same alias exists in the root vitest.config.ts `console` project: keep them in step.
 */
export default defineConfig({
  plugins: [vue()],
  resolve: { alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) } },
  server: {
    host: '127.0.0.1',
    port: 4001,
    strictPort: true,
    proxy: { '/api': 'http://127.0.0.1:4000', '/emulator': 'http://127.0.0.1:4000' },
  },
  build: { target: 'es2022', sourcemap: true },
});
