/**
 * What the Functions emulator runs right now: its event triggers and the key each one is reached
 * by. Definitions come from `GET /backends`. The key is the definition id plus a generation
 * (`us-central1-onTodo-0`) that firebase-tools bumps whenever the hub re-enables background
 * triggers; it is published nowhere but in the 404 answer for an unknown trigger ("valid functions
 * are: ..."), so the catalog asks for one such answer whenever the keys may have changed.
 */
import { originOf, request } from './http.js';
import { parseBackends, type Trigger } from './triggers.js';

export interface CatalogSnapshot {
  origin: string;
  triggers: readonly Trigger[];
  /** Delivery key by trigger id. */
  keys: ReadonlyMap<string, string>;
}

export interface CatalogOptions {
  projectId: string;
  functionsOrigin?: string;
  hubOrigin?: string;
  log: (line: string) => void;
  signal: AbortSignal;
  /** How long a listing is trusted before the next event asks again (function reloads). */
  freshForMs?: number;
}

const FRESH_FOR_MS = 1000;
const RETRY_UNREACHABLE_AFTER_MS = 1000;
/** Generous: firebase-tools answers slowly on a loaded machine, and a timeout drops events. */
const REQUEST_TIMEOUT_MS = 15_000;
const PROBE_TRIGGER = 'hearth-bridge-probe';
const VALID_KEYS_MARKER = 'valid functions are:';

export class Catalog {
  private snapshot: CatalogSnapshot | null = null;
  private fetchedAt = 0;
  private unreachableUntil = 0;
  private loading: { forced: boolean; done: Promise<CatalogSnapshot | null> } | null = null;
  private discoveredOrigin: string | undefined;
  private reportedOutage = false;
  private reportedProbeFormat = false;

  constructor(private readonly options: CatalogOptions) {}

  /** The listing, fetched again when older than a second; null while the emulator cannot be reached. */
  async current(): Promise<CatalogSnapshot | null> {
    const now = Date.now();
    if (this.snapshot && now - this.fetchedAt < (this.options.freshForMs ?? FRESH_FOR_MS))
      return this.snapshot;
    if (now < this.unreachableUntil) return null;
    return this.load(false);
  }

  /** Fetches definitions and keys again now: a delivery found its key stale. */
  async reload(): Promise<CatalogSnapshot | null> {
    return this.load(true);
  }

  private load(forced: boolean): Promise<CatalogSnapshot | null> {
    const pending = this.loading;
    if (pending && (pending.forced || !forced)) return pending.done;
    const done = (pending ? pending.done : Promise.resolve(null)).then(() => this.fetch(forced));
    const loading = { forced, done };
    this.loading = loading;
    const settle = () => {
      if (this.loading === loading) this.loading = null;
    };
    done.then(settle, settle);
    return done;
  }

  private async fetch(forced: boolean): Promise<CatalogSnapshot | null> {
    try {
      const origin = await this.origin();
      if (!origin) return this.unreachable();
      const triggers = await this.fetchTriggers(origin);
      const previous = this.snapshot;
      const sameTriggers =
        previous !== null &&
        previous.origin === origin &&
        previous.triggers.length === triggers.length &&
        triggers.every((trigger) => previous.keys.has(trigger.id));
      const keys = !forced && sameTriggers ? previous.keys : await this.fetchKeys(origin, triggers);
      if (this.reportedOutage || !previous) {
        this.options.log(
          `bridge: delivering events to the Functions emulator at ${origin} (${triggers.length} event triggers)`,
        );
      }
      this.reportedOutage = false;
      this.snapshot = { origin, triggers, keys };
      this.fetchedAt = Date.now();
      return this.snapshot;
    } catch (error) {
      // Whatever went wrong, the emulators must not see it: the bridge just stops delivering for now.
      if (!this.reportedOutage && !this.options.signal.aborted) {
        const reason = error instanceof Error ? error.message : String(error);
        this.options.log(
          `bridge: Functions emulator unavailable (${reason}); events are dropped until it answers`,
        );
      }
      this.reportedOutage = true;
      this.discoveredOrigin = undefined;
      return this.unreachable();
    }
  }

  private unreachable(): null {
    this.snapshot = null;
    this.unreachableUntil = Date.now() + RETRY_UNREACHABLE_AFTER_MS;
    return null;
  }

  private async origin(): Promise<string | undefined> {
    if (this.options.functionsOrigin) return this.options.functionsOrigin.replace(/\/+$/, '');
    if (this.discoveredOrigin || !this.options.hubOrigin) return this.discoveredOrigin;
    const hub = this.options.hubOrigin.replace(/\/+$/, '');
    const answer = await this.get(`${hub}/emulators`);
    const functions = parseJson(answer.text, `${hub}/emulators`) as {
      functions?: { host?: unknown; port?: unknown };
    };
    const { host, port } = functions.functions ?? {};
    if (typeof host !== 'string' || typeof port !== 'number') {
      throw new UnexpectedAnswer(`the emulator hub at ${hub} lists no Functions emulator`);
    }
    this.discoveredOrigin = originOf(host, port);
    return this.discoveredOrigin;
  }

  private async fetchTriggers(origin: string): Promise<Trigger[]> {
    const answer = await this.get(`${origin}/backends`);
    return parseBackends(parseJson(answer.text, `${origin}/backends`));
  }

  private async fetchKeys(
    origin: string,
    triggers: readonly Trigger[],
  ): Promise<Map<string, string>> {
    const url = `${origin}/functions/projects/${encodeURIComponent(this.options.projectId)}/triggers/${PROBE_TRIGGER}`;
    const answer = await request(url, { method: 'POST', signal: this.requestSignal() });
    const marker = answer.status === 404 ? answer.text.indexOf(VALID_KEYS_MARKER) : -1;
    if (marker < 0 && !this.reportedProbeFormat) {
      this.reportedProbeFormat = true;
      this.options.log(
        `bridge: cannot read trigger keys from ${url} (HTTP ${answer.status}); assuming generation 0`,
      );
    }
    const listed =
      marker < 0 ? [] : answer.text.slice(marker + VALID_KEYS_MARKER.length).split(',');
    return latestKeys(
      triggers.map((trigger) => trigger.id),
      listed.map((key) => key.trim()),
    );
  }

  private async get(url: string) {
    const answer = await request(url, { method: 'GET', signal: this.requestSignal() });
    if (answer.status !== 200)
      throw new UnexpectedAnswer(`GET ${url} answered HTTP ${answer.status}`);
    return answer;
  }

  private requestSignal(): AbortSignal {
    return AbortSignal.any([this.options.signal, AbortSignal.timeout(REQUEST_TIMEOUT_MS)]);
  }
}

class UnexpectedAnswer extends Error {}

function parseJson(text: string, url: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new UnexpectedAnswer(`${url} answered something that is not JSON`);
  }
}

/** For each id, the listed key `{id}-{generation}` with the highest generation (else generation 0). */
export function latestKeys(ids: readonly string[], listed: readonly string[]): Map<string, string> {
  const keys = new Map<string, string>();
  for (const id of ids) {
    let best = -1;
    for (const key of listed) {
      if (!key.startsWith(`${id}-`)) continue;
      const generation = key.slice(id.length + 1);
      if (/^\d+$/.test(generation)) best = Math.max(best, Number(generation));
    }
    keys.set(id, `${id}-${Math.max(best, 0)}`);
  }
  return keys;
}
