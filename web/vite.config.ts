import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';
import { fileURLToPath } from 'node:url';
import { minimal2023Preset } from '@vite-pwa/assets-generator/config';
import { VitePWA } from 'vite-plugin-pwa';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));
const model = here('../functions/src/model');

// The same aliases exist in the root vitest.config.ts `web` project: keep them in step.
export default defineConfig({
  plugins: [
    vue(),
    // The installable app: a manifest, icons made from public/favicon.svg at build time, and the
    // service worker built from src/serviceWorker.ts with the list of files to precache.
    VitePWA({
      strategies: 'injectManifest',
      srcDir: 'src',
      filename: 'serviceWorker.ts',
      registerType: 'prompt',
      injectRegister: false,
      manifest: {
        id: '/',
        name: 'Hearth',
        short_name: 'Hearth',
        description: 'Your to-do lists, shared and in sync.',
        start_url: '/lists',
        scope: '/',
        display: 'standalone',
        background_color: '#f8f4ef',
        theme_color: '#a63f17',
      },
      pwaAssets: {
        image: 'public/favicon.svg',
        overrideManifestIcons: true,
        injectThemeColor: false,
        preset: {
          ...minimal2023Preset,
          maskable: { sizes: [512], padding: 0.3, resizeOptions: { background: '#fbe7dc' } },
          apple: { sizes: [180], padding: 0.3, resizeOptions: { background: '#fbe7dc' } },
        },
      },
      injectManifest: { globPatterns: ['**/*.{js,css,html,svg,png,ico}'] },
    }),
  ],
  define: {
    // Every component uses <script setup>: leave the Options API out of Vue's runtime.
    __VUE_OPTIONS_API__: 'false',
  },
  resolve: {
    // `@model` is the model's entry point; `@model/<module>` a module left out of it (loaded lazily).
    alias: [
      { find: /^@model$/, replacement: `${model}/index.ts` },
      { find: /^@model\/(.*)$/, replacement: `${model}/$1` },
      { find: '@', replacement: here('./src') },
      { find: 're2js', replacement: here('./build/re2jsUnavailable.ts') },
    ],
  },
  server: { host: '127.0.0.1', port: 5173, strictPort: true },
  preview: { host: '127.0.0.1', port: 4173, strictPort: true },
  build: {
    target: 'es2022',
    sourcemap: true,
    rolldownOptions: {
      treeshake: {
        // The shared model's files only declare values, so a page that uses its paths does not
        // also get its zod schemas (and zod) for the files that hold those.
        moduleSideEffects: [{ test: /functions\/src\/model\//, sideEffects: false }],
      },
    },
  },
});
