/**
 * The loaded storage.rules and the single call that judges a client request against them. Keeps
 * the last ruleset that compiled: a broken edit is reported (line:col) and changes nothing.
 */
import { watchFile, unwatchFile } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type {
  CompileResult,
  CompiledRuleset,
  DocumentAccess,
  RulesIssue,
  RulesMethod,
  StorageRulesRequest,
} from '../rules/api.js';
import type { Value } from '../model/value.js';
import type { AuthContext } from '../rules/api.js';
import type { RequestLog } from '../observe/requestLog.js';
import { ForbiddenError } from './errors.js';

export type CompileRules = (source: string) => CompileResult;

export interface RulesCheck {
  method: RulesMethod;
  auth: AuthContext | null;
  bucket: string;
  path: string;
  /** For list: the request's delimiter. */
  delimiter?: string;
  resource: Record<string, Value> | null;
  requestResource: Record<string, Value> | null;
}

const NO_DOCUMENTS: DocumentAccess = { get: () => null, getAfter: () => null };

export class RulesGate {
  private ruleset: CompiledRuleset | null = null;
  private stopWatching: (() => void) | null = null;

  constructor(
    private readonly compile: CompileRules,
    private readonly firestoreFor: (bucket: string) => DocumentAccess | undefined,
    private readonly log: (line: string) => void,
    /** Where each evaluation is recorded for the console, under the bucket's project. */
    private readonly requests?: { log: RequestLog; projectOf(bucket: string): string },
  ) {}

  get loaded(): boolean {
    return this.ruleset !== null;
  }

  /** Compiles `source`; on errors the previous ruleset stays in force. Returns every issue. */
  load(source: string, name = 'storage.rules'): RulesIssue[] {
    const { ruleset, issues } = this.compile(source);
    for (const issue of issues) {
      this.log(
        `storage: ${name}:${issue.line}:${issue.column}: ${issue.severity}: ${issue.message}`,
      );
    }
    if (ruleset && !issues.some((issue) => issue.severity === 'error')) {
      this.ruleset = ruleset;
      this.log(`storage: loaded rules from ${name}`);
    } else {
      this.log(`storage: ${name} did not compile; keeping the previous rules`);
    }
    return issues;
  }

  /** Loads the file now and again whenever it changes. Polling survives editors' atomic saves. */
  async watch(path: string): Promise<void> {
    await this.loadFile(path);
    const onChange = (current: { mtimeMs: number }, previous: { mtimeMs: number }) => {
      if (current.mtimeMs !== previous.mtimeMs) void this.loadFile(path);
    };
    watchFile(path, { interval: 250 }, onChange);
    this.stopWatching = () => unwatchFile(path, onChange);
  }

  close(): void {
    this.stopWatching?.();
    this.stopWatching = null;
  }

  /** Throws ForbiddenError, with the rules' explanation, unless the rules allow the request. */
  authorize(check: RulesCheck): void {
    if (!this.ruleset) {
      throw new ForbiddenError('Permission denied. Storage Emulator has no loaded ruleset.');
    }
    const millis = Date.now();
    const request: StorageRulesRequest = {
      ...check,
      time: { seconds: Math.floor(millis / 1000), nanos: (millis % 1000) * 1e6 },
      firestore: this.firestoreFor(check.bucket) ?? NO_DOCUMENTS,
    };
    const decision = this.ruleset.evaluateStorage(request);
    this.requests?.log.record(
      this.requests.projectOf(check.bucket),
      request,
      decision,
      this.ruleset.source,
    );
    if (!decision.allowed) {
      throw new ForbiddenError(`Permission denied. ${decision.message}`.trim());
    }
  }

  private async loadFile(path: string): Promise<void> {
    try {
      this.load(await readFile(path, 'utf8'), path);
    } catch (error) {
      this.log(`storage: cannot read ${path}: ${(error as Error).message}`);
    }
  }
}
