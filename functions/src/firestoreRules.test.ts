// firestore.rules checks due dates, time zones and repeat rules with patterns and a list of its
// own (rules cannot call the model). These tests hold the rules' text to the model, so the two
// accept the same values: test/rules then checks that the rules apply them.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { REPEAT_RULE_PATTERN, addDays, isCalendarDate, isTimeZone } from './model/index.js';

const rules = readFileSync(new URL('../../firestore.rules', import.meta.url), 'utf8');

/** The body of the rules function `name`. */
function functionBody(name: string): string {
  const start = rules.indexOf(`function ${name}(`);
  if (start < 0) throw new Error(`firestore.rules has no function ${name}`);
  return rules.slice(start, rules.indexOf('\n    }\n', start));
}

/** The patterns a rules function passes to matches(), as full-match JavaScript expressions. */
const patternsOf = (name: string) =>
  [...functionBody(name).matchAll(/\.matches\('([^']*)'\)/g)].map(
    ([, pattern]) => new RegExp(`^(?:${pattern})$`),
  );

describe('firestore.rules against the model', () => {
  it('checks repeat rules with REPEAT_RULE_PATTERN', () => {
    const [pattern] = patternsOf('isValidRepeat');
    expect(pattern?.source).toBe(`^(?:${REPEAT_RULE_PATTERN.source})$`);
  });

  it('takes the same calendar dates as the model, 1999 to 2101, leap days and impossible days', () => {
    const patterns = patternsOf('isCalendarDate');
    expect(patterns).toHaveLength(2);
    const rulesAccept = (text: string) => patterns.some((pattern) => pattern.test(text));
    const differences: string[] = [];
    for (let year = 1999; year <= 2101; year++) {
      for (let month = 1; month <= 12; month++) {
        for (let day = 0; day <= 32; day++) {
          const pad = (n: number) => String(n).padStart(2, '0');
          const text = `${year}-${pad(month)}-${pad(day)}`;
          if (rulesAccept(text) !== isCalendarDate(text)) differences.push(text);
        }
      }
    }
    expect(differences).toEqual([]);
    expect(rulesAccept(addDays('2099-12-31', 1))).toBe(true);
    expect(['2000-02-29', '2028-02-29'].every(rulesAccept)).toBe(true);
    expect(['1900-02-29', '2100-02-29', '2026-02-30', '2026-13-01'].some(rulesAccept)).toBe(false);
  });

  const zones = [...functionBody('isTimeZone').matchAll(/'([^']+)'/g)].map(([, zone]) => zone);

  it('knows only zones the model knows', () => {
    expect(zones.length).toBeGreaterThan(500);
    expect(zones.filter((zone) => !isTimeZone(zone as string))).toEqual([]);
  });

  it('knows every zone this JavaScript engine names, and UTC', () => {
    const known = new Set(zones);
    expect(
      ['UTC', ...Intl.supportedValuesOf('timeZone')].filter((zone) => !known.has(zone)),
    ).toEqual([]);
  });

  it('knows the names browsers report for India, Kyiv and Ho Chi Minh City, old and new', () => {
    const known = new Set(zones);
    const names = ['Asia/Kolkata', 'Asia/Calcutta', 'Europe/Kyiv', 'Europe/Kiev', 'Asia/Saigon'];
    expect(names.filter((zone) => !known.has(zone))).toEqual([]);
  });
});
