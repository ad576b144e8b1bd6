/**
 * A self-contained HTML coverage report: the rules source with every expression highlighted by
 * its outcomes (like the official emulator's ruleCoverage.html) and its counts on hover.
 */
import type { CoverageExpression, CoverageReport } from './coverage.js';

function escapeHtml(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

function classOf(e: CoverageExpression): string {
  const o = e.outcomes;
  if (e.evaluations === 0) return 'unevaluated';
  if (o.error > 0 && o.error === e.evaluations) return 'error';
  if (o.true > 0 && o.false > 0) return 'both';
  if (o.true > 0) return 'true';
  if (o.false > 0) return 'false';
  return o.error > 0 ? 'error' : 'value';
}

function title(e: CoverageExpression): string {
  const o = e.outcomes;
  return `${e.evaluations} evaluation(s): true ${o.true}, false ${o.false}, error ${o.error}, value ${o.value}`;
}

const STYLE = `
body{font:14px/1.5 system-ui,sans-serif;margin:24px;color:#222}
.src{display:flex;background:#fafafa;border:1px solid #ddd}
pre{font:13px/1.6 ui-monospace,monospace;margin:0;padding:12px}
.gutter{color:#999;text-align:right;border-right:1px solid #ddd;user-select:none}
span[title]{border-bottom:2px solid transparent}
.true{background:#e3f6e3}.false{background:#fde2e1}.both{background:#fff4c2}.error{background:#f8c9f0}
.value{background:#e5eefc}.unevaluated{background:#eee;color:#777}
.legend span{padding:2px 6px;margin-right:8px}`;

export function renderCoverageHtml(source: string, report: CoverageReport): string {
  const lineStarts = [0];
  for (let i = 0; i < source.length; i++) if (source[i] === '\n') lineStarts.push(i + 1);
  const offset = (line: number, column: number): number => (lineStarts[line - 1] ?? 0) + column - 1;
  // Expressions nest like the syntax tree, so open/close tags can be interleaved with the text.
  const events: { at: number; open: boolean; len: number; html: string }[] = [];
  for (const e of report.expressions) {
    const start = offset(e.line, e.column);
    const end = offset(e.endLine, e.endColumn);
    events.push({
      at: start,
      open: true,
      len: end - start,
      html: `<span class="${classOf(e)}" title="${escapeHtml(title(e))}">`,
    });
    events.push({ at: end, open: false, len: end - start, html: '</span>' });
  }
  events.sort(
    (a, b) =>
      a.at - b.at ||
      (a.open === b.open ? (a.open ? b.len - a.len : a.len - b.len) : a.open ? 1 : -1),
  );
  let html = '';
  let pos = 0;
  for (const ev of events) {
    html += escapeHtml(source.slice(pos, ev.at)) + ev.html;
    pos = Math.max(pos, ev.at);
  }
  html += escapeHtml(source.slice(pos));
  const gutter = Array.from({ length: source.split('\n').length }, (_, i) => i + 1).join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Rules coverage</title><style>${STYLE}</style></head>
<body><h1>Rules coverage</h1>
<p>${report.coveredExpressions} of ${report.totalExpressions} expressions evaluated.</p>
<p class="legend"><span class="true">true</span><span class="false">false</span><span class="both">true and false</span><span class="error">error</span><span class="value">value</span><span class="unevaluated">not evaluated</span></p>
<div class="src"><pre class="gutter">${gutter}</pre><pre class="code">${html}</pre></div></body></html>
`;
}
