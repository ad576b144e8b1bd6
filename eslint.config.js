import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import pluginVue from 'eslint-plugin-vue';
import { importX } from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import prettier from 'eslint-config-prettier';
import globals from 'globals';

// ---------------------------------------------------------------------------------------------
// Layers. Each zone says: files under `target` may not import from `from` (except `except`,
// relative to `from`). A layer sees only what is below it; the READMEs name the same layers.

const fn = 'functions/src';
const web = 'web/src';
const consoleSrc = 'console/src';

/** Folders of functions/src that hold one kind of trigger, callable or HTTP function each. */
const functionAreas = [
  'api',
  'attachments',
  'auth',
  'lists',
  'migrations',
  'reminders',
  'todos',
  'users',
];
/** What an area offers to the others (functions/README.md): everything else stays inside it. */
const areaExports = {
  lists: [
    './lists/membership.ts',
    './lists/deleteListContents.ts',
    './lists/todoMembers.ts',
    './lists/sharing.ts',
  ],
  reminders: ['./reminders/scheduleReminders.ts'],
  todos: ['./todos/rollOver.ts'],
  users: ['./users/purgeUser.ts'],
};

const functionsZones = [
  {
    target: `${fn}/model`,
    from: fn,
    except: ['./model', './testing'],
    message:
      'The model is the bottom layer: it imports nothing from the functions (its tests may use testing/).',
  },
  {
    target: [`${fn}/shared`, `${fn}/admin.ts`],
    from: fn,
    except: ['./shared', './model', './admin.ts'],
    message: 'shared/ and admin.ts sit below the areas: they import only the model and each other.',
  },
  ...functionAreas.map((area) => ({
    target: `${fn}/${area}`,
    from: fn,
    except: [
      `./${area}`,
      './shared',
      './model',
      './admin.ts',
      './testing',
      ...Object.entries(areaExports).flatMap(([owner, files]) => (owner === area ? [] : files)),
    ],
    message: `Areas do not import each other except what functions/README.md lists (${Object.values(areaExports).flat().join(', ')}).`,
  })),
  {
    target: [`${fn}/!(*.test).ts`, `${fn}/!(testing)/**/!(*.test).ts`],
    from: `${fn}/testing`,
    message: 'functions/src/testing is for tests and is not built into functions/lib.',
  },
  {
    target: fn,
    from: ['emulator', 'web', 'test', 'scripts', 'bench'],
    message: 'The functions depend on nothing else in the repository.',
  },
];

/** Web layers, top to bottom, and what each may import besides itself. */
const webLayers = {
  router: ['./views', './stores'],
  views: ['./components', './stores', './composables', './domain', './errors'],
  components: ['./stores', './composables', './domain', './errors'],
  stores: [
    './composables',
    './services/ports.ts',
    './services/injection.ts',
    './domain',
    './errors',
  ],
  composables: ['./services/ports.ts', './router/safeRedirect.ts', './domain', './errors'],
  services: ['./domain'],
  errors: [],
  domain: [],
};

/** The app's own modules: neither tests nor web/src/testing. */
const webAppFiles = [`${web}/!(*.test).{ts,vue}`, `${web}/!(testing)/**/!(*.test).{ts,vue}`];

const webZones = [
  ...Object.entries(webLayers).map(([layer, below]) => ({
    target: `${web}/${layer}`,
    from: web,
    except: [`./${layer}`, './testing', ...below],
    message: `web/src/${layer} may import only ${below.length ? below.join(', ') : 'the model'} (web/README.md).`,
  })),
  {
    target: webAppFiles,
    from: `${web}/testing`,
    message: 'web/src/testing holds test doubles: only tests import it.',
  },
  {
    target: 'web',
    from: 'functions',
    except: ['./src/model'],
    message: 'The web app shares only the model with the functions (@model).',
  },
  {
    target: ['web/*.ts', ...webAppFiles],
    from: 'emulator',
    message: 'Only tests run the emulator (in-process, through web/src/testing/emulators.ts).',
  },
  {
    target: 'web',
    from: ['console', 'test', 'scripts', 'bench'],
    message: 'The web app depends on nothing else in the repository but the model and @hearth/ui.',
  },
];

const testSuites = ['test/rules', 'test/integration', 'test/e2e'];

const toolZones = [
  ...testSuites.map((suite) => ({
    target: suite,
    from: testSuites.filter((other) => other !== suite),
    message: 'Suites share code through test/support, never with each other.',
  })),
  {
    target: 'test/support',
    from: testSuites,
    message: 'test/support serves the suites and imports none of them.',
  },
  {
    target: 'test/e2e/support',
    from: 'test/e2e',
    except: ['./support'],
    message: 'test/e2e/support serves the journeys and imports none of them.',
  },
  {
    target: 'scripts/lib',
    from: 'scripts',
    except: ['./lib'],
    message: 'scripts/lib serves the npm scripts and imports none of them.',
  },
  {
    target: 'bench/support',
    from: 'bench',
    except: ['./support'],
    message: 'bench/support serves the benchmarks and imports none of them.',
  },
  {
    target: 'ui',
    from: ['web', 'console', 'functions', 'emulator', 'test', 'scripts', 'bench'],
    message:
      'ui/ sits below the web app and the console: it knows nothing of either, nor of Hearth.',
  },
  {
    target: ['emulator', 'functions', 'web', 'console', 'ui', 'test', 'scripts'],
    from: 'bench',
    message: 'Nothing imports the benchmarks.',
  },
  {
    target: ['emulator', 'functions', 'web', 'console', 'ui', 'test', 'bench'],
    from: 'scripts',
    message: 'Nothing imports the npm scripts.',
  },
  {
    target: 'emulator',
    from: ['functions', 'web', 'test'],
    message: 'The emulator knows nothing of Hearth.',
  },
];

/** Console layers, top to bottom, and what each may import besides itself (console/README.md). */
const consoleLayers = {
  views: ['./components', './stores', './composables', './api', './model'],
  components: ['./stores', './composables', './api', './model'],
  stores: ['./api', './model'],
  composables: ['./api', './model'],
  api: ['./model'],
  model: [],
};

const consoleZones = [
  ...Object.entries(consoleLayers).map(([layer, below]) => ({
    target: `${consoleSrc}/${layer}`,
    from: consoleSrc,
    except: [`./${layer}`, ...below],
    message: `console/src/${layer} may import only ${below.length ? below.join(', ') : 'itself'} (console/README.md).`,
  })),
  {
    target: 'console',
    from: ['emulator', 'functions', 'web', 'test', 'scripts', 'bench'],
    message:
      'The console knows only the emulators’ HTTP APIs, never their code; it shares @hearth/ui with the web app.',
  },
];

// ---------------------------------------------------------------------------------------------
// Emulator layers (emulator/README.md and each folder's README): model < rules < firestore and
// storage < bridge < the command. Inside firestore/, the core layers in order, then adapters/.

const emu = 'emulator/src';
const fs = `${emu}/firestore`;
const st = `${emu}/storage`;
/** The rules engine's face to the services. */
const rulesApi = ['./rules/api.ts', './rules/index.ts'];
/** firestore/'s core, bottom up: each layer may import those before it. */
const firestoreCore = [
  'documents',
  'store',
  'query',
  'indexes',
  'transaction',
  'database',
  'api',
  'streams',
  'security',
  'service',
  'persistence',
];
const notTests = (folder) => `${folder}/**/!(*.test).ts`;

/** A zone: `folder` under `root` may import, of what is under root, only itself and `sees`. */
const layerZone = (root, folder, sees, message) => ({
  target: `${root}/${folder}`,
  from: root,
  except: [`./${folder}`, ...sees],
  message,
});

const emulatorZones = [
  layerZone(
    emu,
    'model',
    ['./testing'],
    'src/model/ is the bottom layer: pure values, importing nothing else.',
  ),
  layerZone(
    emu,
    'rules',
    ['./model', './testing'],
    'The rules engine sees only the model below it.',
  ),
  layerZone(
    emu,
    'observe',
    ['./model', './testing', ...rulesApi],
    'observe/ (the logs the console reads) sees the model and the rules engine’s api.ts.',
  ),
  layerZone(
    emu,
    'firestore',
    ['./model', './observe', './testing', './watchEdits.ts', ...rulesApi],
    'Firestore sees the model, the rules engine (api.ts, index.ts), observe/ and watchEdits.ts, not Storage.',
  ),
  layerZone(
    emu,
    'storage',
    ['./model', './observe', './testing', ...rulesApi],
    'Storage sees the model, the rules engine (api.ts, index.ts) and observe/, not Firestore.',
  ),
  layerZone(
    emu,
    'bridge',
    ['./model', './observe', './testing', './firestore/index.ts', './storage/index.ts'],
    'The bridge sees Firestore and Storage only through their index.ts.',
  ),
  layerZone(
    emu,
    'ui',
    ['./model', './observe', './bridge/index.ts', './config.ts', './persistence.ts'],
    'The console server sees the services only through what emulators.ts hands it (and the bridge’s types).',
  ),
  {
    target: notTests(emu),
    from: [`${emu}/testing`, `${emu}/rules/testing`],
    message: 'testing/ folders are for tests and are not built into emulator/dist.',
  },
  ...firestoreCore.map((layer, index) => ({
    target: `${fs}/${layer}`,
    from: fs,
    except: firestoreCore.slice(0, index + 1).map((below) => `./${below}`),
    message: `firestore/${layer}/ sees only the layers below it (${firestoreCore.slice(0, index).join(', ') || 'none'}); never an adapter.`,
  })),
  {
    target: `${fs}/adapters`,
    from: `${fs}/index.ts`,
    message: 'The adapters sit below firestore/index.ts, which wires them.',
  },
  {
    target: notTests(`${fs}/adapters/decode`),
    from: `${fs}/adapters`,
    except: ['./decode'],
    message: 'The decoders serve every wire and know none.',
  },
  ...['json', 'grpc', 'http'].map((wire) => ({
    target: notTests(`${fs}/adapters/${wire}`),
    from: `${fs}/adapters`,
    except: [`./${wire}`, './decode'],
    message: `adapters/${wire}/ uses only the decoders among the adapters.`,
  })),
  ...['rest', 'webchannel'].map((wire) => ({
    target: notTests(`${fs}/adapters/${wire}`),
    from: `${fs}/adapters`,
    except: [`./${wire}`, './decode', './json', './http'],
    message: `adapters/${wire}/ builds on the decoders, proto3 JSON and the HTTP router only.`,
  })),
  layerZone(
    st,
    'store',
    ['./errors.ts'],
    'storage/store/ is the bottom of Storage: it sees only its errors.',
  ),
  layerZone(
    st,
    'http',
    ['./errors.ts', './store'],
    'storage/http/ sees only the store and the errors.',
  ),
  {
    target: [`${st}/!(server|index).ts`, `${st}/store`, `${st}/http`],
    from: `${st}/apis`,
    message: 'Only server.ts mounts the APIs.',
  },
];
// ---------------------------------------------------------------------------------------------

/** Only these talk to Firebase through the web SDK (and tests' harnesses); the rest use services. */
const webFirebaseModules = [`${web}/services/firebase/**`, `${web}/testing/**`];
/** The Firebase SDKs by package name (a folder called firebase is not one). */
const firebaseSdk = '^@?firebase(-admin|-functions)?(/.*)?$';

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      'functions/lib/**',
      'web/dist/**',
      '.hearth/**',
      'coverage/**',
      'test-results/**',
      'emulator/test/fixtures/**/node_modules/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...pluginVue.configs['flat/recommended'],
  {
    files: ['**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser } },
  },
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
    },
  },
  {
    files: ['**/*.{ts,vue}'],
    plugins: { 'import-x': importX },
    // import-x parses the .vue files a module imports with vue-eslint-parser, which needs to be
    // told that their scripts are TypeScript, whatever file is being linted.
    languageOptions: { parserOptions: { parser: tseslint.parser } },
    settings: {
      'import-x/resolver-next': [
        createTypeScriptImportResolver({
          // One per workspace: their options differ (web resolves `@/` and `@model`).
          noWarnOnMultipleProjects: true,
          project: [
            'web/tsconfig.json',
            'console/tsconfig.json',
            'functions/tsconfig.json',
            'emulator/tsconfig.json',
            'test/tsconfig.json',
            'scripts/tsconfig.json',
          ],
        }),
      ],
      'import-x/parsers': { 'vue-eslint-parser': ['.vue'], '@typescript-eslint/parser': ['.ts'] },
      'import-x/extensions': ['.ts', '.vue', '.js'],
    },
    rules: {
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [...functionsZones, ...webZones, ...consoleZones, ...toolZones, ...emulatorZones],
        },
      ],
    },
  },
  {
    files: [`${web}/**/*.{ts,vue}`],
    ignores: webFirebaseModules,
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: firebaseSdk,
              message: 'Only web/src/services/firebase/ uses the Firebase SDK.',
            },
          ],
        },
      ],
    },
  },
  {
    files: [`${fn}/model/**/*.ts`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: firebaseSdk,
              message: 'The browser bundles the model: plain TypeScript and zod only.',
            },
            { regex: '^node:', message: 'The browser bundles the model: no Node built-ins.' },
          ],
        },
      ],
    },
  },
  prettier,
);
