/**
 * Starts the local stack: our emulator for Firestore + Storage (or Google's, with
 * HEARTH_BACKEND=official), firebase-tools for Auth and Functions, and the Hearth Console (served
 * by our emulator in both cases), waits until every service answers, and stops all of it again.
 */
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { assertPortsFree } from './ports.js';
import { startProcess, stopProcesses, type ManagedProcess } from './processes.js';
import { emulatorEnv, root, viteEmulatorEnv, type ServiceName, type StackConfig } from './config.js';
import { consoleUrl } from './urls.js';
import { waitForHttp } from './wait.js';

export interface StackOptions {
  /** Import data on start and export it on exit (npm start keeps a developer's data). */
  persist: boolean;
  /** Echo the services' output (npm start); otherwise it goes to .hearth/logs only. */
  echo: boolean;
  /**
   * Also serve the web app: `dev` with Vite's dev server, `dist` the production build in
   * web/dist through firebase-tools' Hosting emulator (with firebase.json's headers and rewrites,
   * so /api/v1 answers at the app's origin); false for none.
   */
  web: false | 'dev' | 'dist';
  progress: (line: string) => void;
}

export interface Stack {
  env: Record<string, string>;
  /** Where the web app is served, when it is. */
  webUrl: string | null;
  processes: ManagedProcess[];
  /** Settles when any service exits on its own: the stack is broken. */
  died: Promise<ManagedProcess>;
  stop(): Promise<void>;
}

const READY_TIMEOUT_MS = 180_000;
const bin = (name: string) => path.join(root, 'node_modules', '.bin', name);

function firebaseServices(config: StackConfig, options: Pick<StackOptions, 'web'>): ServiceName[] {
  return [
    'auth',
    'functions',
    ...(config.backend === 'official' ? (['firestore', 'storage'] as const) : []),
    ...(options.web === 'dist' ? (['hosting'] as const) : []),
  ];
}

/** --import (once there is an export to read) and --export-on-exit, as both CLIs spell them. */
function persistenceArgs(dir: string, persist: boolean) {
  if (!persist) return [];
  mkdirSync(dir, { recursive: true });
  const exported = ['firebase-export-metadata.json', 'hearth-export.json'].some((marker) =>
    existsSync(path.join(dir, marker)),
  );
  return [...(exported ? ['--import', dir] : []), '--export-on-exit', dir];
}

/**
 * Firebase projects made since September 2023 have email enumeration protection on: sign-in says
 * "wrong email or password" without telling which, and a reset link for an unknown address is
 * "sent". The Auth emulator starts with it off; the stack turns it on, so the app is tried as it
 * will run.
 */
async function protectAgainstEmailEnumeration(authHost: string, projectId: string): Promise<void> {
  const response = await fetch(`http://${authHost}/emulator/v1/projects/${projectId}/config`, {
    method: 'PATCH',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ emailPrivacyConfig: { enableImprovedEmailPrivacy: true } }),
  });
  if (!response.ok)
    throw new Error(`The Auth emulator refused its configuration (HTTP ${response.status}).`);
}

/**
 * The Functions emulator starts a function's runtime (a Node process that loads all of
 * functions/lib) on the function's first event, and another one for each event that arrives while
 * every runtime it has for that function is busy: 2 s of CPU on an idle machine, 5 or more on a
 * busy one. A photo makes two upload events that overlap, its original's and, while that one is
 * still being handled, the thumbnail's; with one runtime the second starts a new one, on the same
 * two cores as the first photo's work, which then waits in "Processing…". Objects written and
 * deleted outside `lists/`, UPLOAD_RUNTIMES of them at once, start that many runtimes now, with
 * nothing to do.
 */
const UPLOAD_RUNTIMES = 2;

async function startUploadTrigger(storageHost: string, bucket: string): Promise<void> {
  const objects = `http://${storageHost}/storage/v1/b/${encodeURIComponent(bucket)}/o`;
  const startOne = async (index: number) => {
    const name = encodeURIComponent(`hearth-stack/start-upload-trigger-${index}`);
    const written = await fetch(
      `http://${storageHost}/upload/storage/v1/b/${encodeURIComponent(bucket)}/o?uploadType=media&name=${name}`,
      { method: 'POST', headers: { 'content-type': 'application/octet-stream' }, body: '' },
    );
    if (!written.ok) throw new Error(`Storage answered HTTP ${written.status} to the write`);
    const deleted = await fetch(`${objects}/${name}`, { method: 'DELETE' });
    if (!deleted.ok) throw new Error(`Storage answered HTTP ${deleted.status} to the deletion`);
  };
  await Promise.all(Array.from({ length: UPLOAD_RUNTIMES }, (_, index) => startOne(index)));
}

export async function startStack(config: StackConfig, options: StackOptions): Promise<Stack> {
  const services = firebaseServices(config, options);
  const portsToCheck = (
    [...services, 'hub', 'logging', 'eventarc', 'tasks', 'ui'] as ServiceName[]
  )
    .concat(config.backend === 'hearth' ? ['firestore', 'storage'] : [])
    .concat(options.web === 'dev' ? ['web'] : []);
  await assertPortsFree(
    portsToCheck.map((name) => [name, config.ports[name]]),
    config.host,
  );

  const env = emulatorEnv(config);
  const childEnv = {
    ...process.env,
    ...env,
    FORCE_COLOR: '0',
    NO_UPDATE_NOTIFIER: '1',
    // A cold functions runtime on a busy 2-core machine can take longer than firebase-tools'
    // default 30 s to load, and a runtime that misses it drops the event it was started for.
    FUNCTIONS_DISCOVERY_TIMEOUT: '120',
    // firebase-tools starts its log stream (which the console reads) only beside Google's UI,
    // which firebase.json keeps off: it is a download, and the Hearth Console takes its port.
    START_LOGGING_EMULATOR: 'true',
  };
  const processes: ManagedProcess[] = [];
  /** Children that end by themselves (the web build): stopped with the stack, not watched as services. */
  const tasks: ManagedProcess[] = [];
  const waits: Promise<void>[] = [];
  const start = Date.now();
  const ready = (what: string) =>
    options.progress(`✔ ${what} ready (${((Date.now() - start) / 1000).toFixed(1)} s)`);

  const launch = (name: string, command: string, args: string[], cwd = root) => {
    const child = startProcess(name, command, args, { cwd, env: childEnv, echo: options.echo, logDir: config.logDir });
    processes.push(child);
    return child;
  };

  if (options.web === 'dist') {
    // Built while the emulators start: the Hosting emulator reads web/dist per request.
    options.progress('… building the web app into web/dist, pointed at these emulators');
    const build = startProcess('web-build', bin('vite'), ['build', '--logLevel', 'warn'], {
      cwd: path.join(root, 'web'),
      env: { ...childEnv, ...viteEmulatorEnv(config) },
      echo: options.echo,
      logDir: config.logDir,
    });
    tasks.push(build);
    waits.push(
      build.exited.then((code) => {
        if (code !== 0) throw new Error(`The web app did not build. Its last output:\n${build.tail()}`);
        ready('Web build (web/dist)');
      }),
    );
  }
  const httpReady = (service: string, url: string, child: ManagedProcess) =>
    waitForHttp(service, url, child.child, READY_TIMEOUT_MS);

  // Our emulator always serves the console; with Google's backend it serves nothing else.
  const ours = config.backend === 'hearth' ? 'Firestore, Storage and the console' : 'the console';
  options.progress(`… starting ${ours} (Hearth emulator)`);
  const emulator = launch('emulator', process.execPath, [
    // One esbuild bundle (dependencies left in node_modules): loading tsc's dozens of modules
    // one by one cost ~150 ms of the emulator's start-up.
    path.join(root, 'emulator', 'dist', 'hearth-emulator.js'),
    'start',
    '--config',
    path.join(root, 'firebase.json'),
    '--project',
    config.projectId,
    '--only',
    config.backend === 'hearth' ? 'firestore,storage,ui' : 'ui',
    ...(config.backend === 'hearth'
      ? persistenceArgs(path.join(config.dataDir, 'emulator'), options.persist)
      : []),
  ]);
  waits.push(
    Promise.all([
      ...(config.backend === 'hearth'
        ? [
            httpReady('Firestore', `http://${env.FIRESTORE_EMULATOR_HOST}/`, emulator),
            httpReady('Storage', `http://${env.FIREBASE_STORAGE_EMULATOR_HOST}/`, emulator),
          ]
        : []),
      httpReady('Hearth Console', `${consoleUrl(config)}/api/config`, emulator),
    ]).then(() =>
      ready(
        config.backend === 'hearth'
          ? `Firestore :${config.ports.firestore}, Storage :${config.ports.storage} and the console :${config.ports.ui}`
          : `the console :${config.ports.ui}`,
      ),
    ),
  );

  options.progress(`… starting ${services.join(', ')} (firebase-tools)`);
  const firebase = launch('firebase', bin('firebase'), [
    'emulators:start',
    '--only',
    services.join(','),
    '--project',
    config.projectId,
    ...persistenceArgs(path.join(config.dataDir, 'firebase'), options.persist),
  ]);
  waits.push(
    Promise.all([
      // firebase-tools says so once every function is loaded, which an open port does not tell.
      firebase.waitForLine(/All emulators ready/, READY_TIMEOUT_MS),
      httpReady('Auth', `http://${env.FIREBASE_AUTH_EMULATOR_HOST}/`, firebase).then(() =>
        protectAgainstEmailEnumeration(env.FIREBASE_AUTH_EMULATOR_HOST!, config.projectId),
      ),
    ]).then(() => ready(`Auth :${config.ports.auth} and Functions :${config.ports.functions}`)),
  );

  const at = (name: ServiceName) => `http://${config.host}:${config.ports[name]}/`;
  if (options.web === 'dist') {
    waits.push(
      httpReady('Hosting', at('hosting'), firebase).then(() =>
        ready(`Web app (web/dist on the Hosting emulator) :${config.ports.hosting}`),
      ),
    );
  }
  if (options.web === 'dev') {
    options.progress('… starting the web app (Vite)');
    const web = launch(
      'web',
      bin('vite'),
      ['--host', config.host, '--port', String(config.ports.web), '--strictPort'],
      path.join(root, 'web'),
    );
    waits.push(
      httpReady('Web app', at('web'), web).then(() => ready(`Web app :${config.ports.web}`)),
    );
  }

  const died = Promise.race(processes.map((p) => p.exited.then(() => p)));
  const stop = () => stopProcesses([...processes, ...tasks]);
  try {
    await Promise.race([
      Promise.all(waits),
      died.then((p) => {
        throw new Error(`${p.name} stopped while starting. Its last output:\n${p.tail()}`);
      }),
    ]);
  } catch (error) {
    await stop();
    const logs = processes.map((p) => path.relative(root, p.logFile)).join(', ');
    throw new Error(`${(error as Error).message}\nLogs: ${logs}`, { cause: error });
  }
  await startUploadTrigger(env.FIREBASE_STORAGE_EMULATOR_HOST!, `${config.projectId}.appspot.com`).catch(
    (error: unknown) =>
      options.progress(`⚠ could not start the upload trigger early: ${(error as Error).message}`),
  );
  const webUrl = options.web === 'dist' ? at('hosting') : options.web === 'dev' ? at('web') : null;
  return { env, webUrl, processes, died, stop };
}
