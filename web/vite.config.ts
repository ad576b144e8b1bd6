import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';
import { fileURLToPath } from 'node:url';

// The same aliases exist in the root vitest.config.ts `web` project: keep them in step.
export default defineConfig({
  plugins: [vue()],
  resolve: {
    alias: {
      '@model': fileURLToPath(new URL('../functions/src/model/index.ts', import.meta.url)),
      '@': fileURLToPath(new URL('./src', import.meta.url)),
    },
  },
  server: { host: '127.0.0.1', port: 5173, strictPort: true },
  preview: { host: '127.0.0.1', port: 4173, strictPort: true },
  build: { target: 'es2022', sourcemap: true },
});
