/**
 * Denial messages in the emulator's words — each evaluated `allow` as "false for 'update' @ L12"
 * or "<error> for 'update' @ L12", joined with ", ", or "No matching allow statements" — then,
 * beyond Firebase, the quoted source lines the reader needs.
 */
import type { AllowOutcome } from './api.js';
import type { LineMap } from './source.js';

export const NO_MATCHING_ALLOW = 'No matching allow statements';

export function denialMessage(
  method: string,
  outcomes: readonly AllowOutcome[],
  lines: LineMap,
): string {
  if (outcomes.length === 0) return NO_MATCHING_ALLOW;
  const summary = outcomes.map((o) => `${o.text} for '${method}' @ L${o.line}`).join(', ');
  const quoted = new Set<number>();
  for (const o of outcomes) {
    quoted.add(o.line);
    if (o.errorLine !== undefined) quoted.add(o.errorLine);
  }
  const width = String(Math.max(...quoted)).length;
  const quotes = [...quoted]
    .sort((a, b) => a - b)
    .map((l) => `  L${String(l).padEnd(width)} | ${lines.lineText(l).trim()}`);
  return `${summary}\n${quotes.join('\n')}`;
}
