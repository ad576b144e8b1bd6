import { defineConfig } from 'vitest/config';
import vue from '@vitejs/plugin-vue';
import { fileURLToPath } from 'node:url';

const model = fileURLToPath(new URL('./functions/src/model', import.meta.url));
const webSrc = fileURLToPath(new URL('./web/src', import.meta.url));
const consoleSrc = fileURLToPath(new URL('./console/src', import.meta.url));

// Suites by what they need: `unit` and `emulator` run on their own (the emulator suites start
// the emulator in-process on free ports); `stack` and `e2e` need the local stack that
// `npm test` (scripts/test.ts) starts around them.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['emulator/src/**/*.test.ts', 'functions/src/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        plugins: [vue()],
        resolve: {
          alias: [
            { find: /^@model$/, replacement: `${model}/index.ts` },
            { find: /^@model\/(.*)$/, replacement: `${model}/$1` },
            { find: '@', replacement: webSrc },
          ],
        },
        test: {
          name: 'web',
          include: ['web/src/**/*.test.ts'],
          environment: 'happy-dom',
        },
      },
      {
        plugins: [vue()],
        resolve: { alias: { '@': consoleSrc } },
        test: {
          name: 'console',
          include: ['console/src/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'emulator',
          include: ['emulator/test/**/*.test.ts'],
          environment: 'node',
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'stack',
          include: ['test/rules/**/*.test.ts', 'test/integration/**/*.test.ts'],
          environment: 'node',
          testTimeout: 30_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 300_000,
          hookTimeout: 300_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
