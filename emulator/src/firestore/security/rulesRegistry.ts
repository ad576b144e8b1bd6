/**
 * Which ruleset governs each project: one set through the emulator API (`PUT ...:securityRules`)
 * wins; otherwise the rules file given at start, which is watched and reloaded. A source that
 * does not compile is reported with line:column and the previous ruleset stays in force.
 */
import { readFile } from 'node:fs/promises';
import type { CompileResult, CompiledRuleset, RulesIssue } from '../../rules/api.js';
import { invalidArgument } from '../../model/errors.js';
import { watchEdits } from '../../watchEdits.js';

export type RulesCompiler = (source: string) => CompileResult;

export function formatIssues(issues: RulesIssue[]): string {
  return issues.map((i) => `${i.line}:${i.column}: ${i.severity}: ${i.message}`).join('\n');
}

export class RulesRegistry {
  private fileRuleset: CompiledRuleset | null = null;
  private readonly byProject = new Map<string, CompiledRuleset>();
  private watcher: { close(): void } | undefined;

  constructor(
    private readonly compile: RulesCompiler,
    private readonly log: (line: string) => void,
  ) {}

  /** The ruleset for a project, or null when none is loaded (then every request is allowed). */
  rulesetFor(projectId: string): CompiledRuleset | null {
    return this.byProject.get(projectId) ?? this.fileRuleset;
  }

  /** Compiles and installs rules for one project; throws INVALID_ARGUMENT listing the issues. */
  setProjectRules(projectId: string, source: string): void {
    const result = this.compile(source);
    if (!result.ruleset)
      throw invalidArgument(formatIssues(result.issues) || 'The rules did not compile.');
    this.byProject.set(projectId, result.ruleset);
  }

  async loadFile(path: string): Promise<void> {
    await this.reloadFile(path);
    this.watcher = watchEdits(path, () => void this.reloadFile(path), this.log);
  }

  private async reloadFile(path: string): Promise<void> {
    let source: string;
    try {
      source = await readFile(path, 'utf8');
    } catch (error) {
      this.log(`firestore: cannot read rules ${path}: ${(error as Error).message}`);
      return;
    }
    const result = this.compile(source);
    if (!result.ruleset) {
      this.log(
        `firestore: ${path} did not compile; keeping the previous rules:\n${formatIssues(result.issues)}`,
      );
      return;
    }
    this.fileRuleset = result.ruleset;
    this.log(`firestore: loaded rules from ${path}`);
  }

  close(): void {
    this.watcher?.close();
  }
}
