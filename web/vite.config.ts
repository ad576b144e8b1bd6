import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';
import { fileURLToPath } from 'node:url';

const model = fileURLToPath(new URL('../functions/src/model', import.meta.url));

// The same aliases exist in the root vitest.config.ts `web` project: keep them in step.
export default defineConfig({
  plugins: [vue()],
  resolve: {
    // `@model` is the model's entry point; `@model/<module>` a module left out of it (loaded lazily).
    alias: [
      { find: /^@model$/, replacement: `${model}/index.ts` },
      { find: /^@model\/(.*)$/, replacement: `${model}/$1` },
      { find: '@', replacement: fileURLToPath(new URL('./src', import.meta.url)) },
    ],
  },
  server: { host: '127.0.0.1', port: 5173, strictPort: true },
  preview: { host: '127.0.0.1', port: 4173, strictPort: true },
  build: { target: 'es2022', sourcemap: true },
});
