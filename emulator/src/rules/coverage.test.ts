import { describe, expect, it } from 'vitest';
import type { CoverageReport } from './coverage.js';
import { auth, compileOrThrow, firestoreRequest, firestoreRules } from './testing/testKit.js';

function setup() {
  const rules = compileOrThrow(
    firestoreRules(`    function signedIn() { return request.auth != null; }
    match /things/{id} {
      allow get: if signedIn() && id.size() < 5;
      allow delete: if 1 / 0 == 0;
      allow update: if id == 'never';
    }`),
  );
  rules.evaluateFirestore(firestoreRequest({ auth: auth('u1') }));
  rules.evaluateFirestore(firestoreRequest());
  rules.evaluateFirestore(firestoreRequest({ path: 'things/toolong', auth: auth('u1') }));
  rules.evaluateFirestore(firestoreRequest({ method: 'delete' }));
  return rules;
}

function find(report: CoverageReport, source: string) {
  const e = report.expressions.find((x) => x.source === source);
  if (!e) throw new Error(`no expression ${source}`);
  return e;
}

describe('coverage', () => {
  it('counts every expression with its outcomes', () => {
    const report = setup().coverageJson() as CoverageReport & { service: string };
    expect(report.service).toBe('cloud.firestore');
    expect(find(report, 'request.auth != null')).toMatchObject({
      line: 4,
      column: 34,
      evaluations: 3,
      outcomes: { true: 2, false: 1, error: 0, value: 0 },
    });
    expect(find(report, 'signedIn() && id.size() < 5').outcomes).toEqual({
      true: 1,
      false: 2,
      error: 0,
      value: 0,
    });
    expect(find(report, 'id.size()').outcomes).toEqual({ true: 0, false: 0, error: 0, value: 2 });
    expect(find(report, '1 / 0').outcomes.error).toBe(1);
    expect(find(report, '1 / 0 == 0').outcomes.error).toBe(1);
    expect(find(report, "id == 'never'").evaluations).toBe(0);
    expect(report.coveredExpressions).toBeLessThan(report.totalExpressions);
  });

  it('accumulates across evaluations of the same compiled ruleset', () => {
    const rules = setup();
    rules.evaluateFirestore(firestoreRequest({ auth: auth('u1') }));
    expect(find(rules.coverageJson() as CoverageReport, 'request.auth != null').evaluations).toBe(
      4,
    );
  });

  it('renders a self-contained HTML report of the annotated source', () => {
    const html = setup().coverageHtml();
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).not.toMatch(/<(script|link)\b/);
    expect(html).toContain(
      '<span class="both" title="3 evaluation(s): true 2, false 1, error 0, value 0"><span class="value"',
    );
    expect(html).toContain('request.auth</span> != null</span>');
    expect(html).toContain('class="unevaluated"');
    expect(html).toContain('class="error"');
    expect(html).toContain('&amp;&amp;');
    expect(html).toMatch(/expressions evaluated\./);
  });
});
