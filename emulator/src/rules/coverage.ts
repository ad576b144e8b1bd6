/**
 * Expression coverage, as the official emulator's rule coverage report: for every expression,
 * how often it was evaluated and with which outcome. Counters live in one typed array per
 * ruleset so counting allocates nothing.
 */
import type { LineMap } from './source.js';

export const OUTCOME_TRUE = 0;
export const OUTCOME_FALSE = 1;
export const OUTCOME_ERROR = 2;
export const OUTCOME_VALUE = 3;
const OUTCOMES = 4;

export interface CoverageExpression {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  source: string;
  evaluations: number;
  outcomes: { true: number; false: number; error: number; value: number };
}

export interface CoverageReport {
  totalExpressions: number;
  coveredExpressions: number;
  expressions: CoverageExpression[];
}

export class Coverage {
  private readonly spans: { start: number; end: number }[] = [];
  counts = new Float64Array(0);

  /** Registers an expression; returns its counter index. Called while compiling. */
  register(start: number, end: number): number {
    this.spans.push({ start, end });
    return this.spans.length - 1;
  }

  /** Allocates the counters once every expression is registered. */
  seal(): void {
    this.counts = new Float64Array(this.spans.length * OUTCOMES);
  }

  report(lines: LineMap): CoverageReport {
    const expressions = this.spans.map((span, id) => {
      const at = lines.position(span.start);
      const to = lines.position(span.end);
      const c = (k: number): number => this.counts[id * OUTCOMES + k] ?? 0;
      const outcomes = {
        true: c(OUTCOME_TRUE),
        false: c(OUTCOME_FALSE),
        error: c(OUTCOME_ERROR),
        value: c(OUTCOME_VALUE),
      };
      return {
        line: at.line,
        column: at.column,
        endLine: to.line,
        endColumn: to.column,
        source: lines.text.slice(span.start, span.end),
        evaluations: outcomes.true + outcomes.false + outcomes.error + outcomes.value,
        outcomes,
      };
    });
    return {
      totalExpressions: expressions.length,
      coveredExpressions: expressions.filter((e) => e.evaluations > 0).length,
      expressions,
    };
  }
}

export { OUTCOMES };
