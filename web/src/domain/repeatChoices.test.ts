import { describe, expect, it } from 'vitest';
import { choicesOf, defaultChoices, ruleOf, type RepeatChoices } from './repeatChoices';

const due = { date: '2026-12-10' };
const choose = (changes: Partial<RepeatChoices>) => ({ ...defaultChoices(due), ...changes });

describe('the rule the repeat editor’s choices make', () => {
  it.each<[Partial<RepeatChoices>, string | null]>([
    [{ kind: 'never' }, null],
    [{ kind: 'daily' }, 'FREQ=DAILY'],
    [{ kind: 'daily', interval: 3 }, 'FREQ=DAILY;INTERVAL=3'],
    [{ kind: 'weekdays', interval: 4 }, 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR'],
    [{ kind: 'weekly' }, 'FREQ=WEEKLY'],
    [{ kind: 'weekly', weekdays: ['WE', 'MO'], interval: 2 }, 'FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,WE'],
    [{ kind: 'monthly' }, 'FREQ=MONTHLY;BYMONTHDAY=10'],
    [{ kind: 'monthly', monthDay: 'last' }, 'FREQ=MONTHLY;BYMONTHDAY=-1'],
    [{ kind: 'yearly' }, 'FREQ=YEARLY'],
    [{ kind: 'daily', end: 'count', count: 5 }, 'FREQ=DAILY;COUNT=5'],
    [{ kind: 'daily', end: 'until', until: '2027-01-31' }, 'FREQ=DAILY;UNTIL=20270131'],
    [{ kind: 'custom', custom: 'FREQ=MONTHLY;BYDAY=-1FR' }, 'FREQ=MONTHLY;BYDAY=-1FR'],
  ])('%o → %s', (changes, rule) => {
    expect(ruleOf(choose(changes), due)).toBe(rule);
  });

  it.each<[Partial<RepeatChoices>, string]>([
    [{ kind: 'daily', interval: 0 }, 'Repeat every 1 to 999 days.'],
    [{ kind: 'weekly', interval: 1.5 }, 'Repeat every 1 to 999 weeks.'],
    [{ kind: 'monthly', monthDay: 32 }, 'Pick a day of the month from 1 to 31, or the last day.'],
    [{ kind: 'daily', end: 'count', count: 1000 }, 'It can end after 1 to 999 times.'],
    [
      { kind: 'daily', end: 'until', until: '2027-02-30' },
      'Pick the last date it repeats on, a day on the calendar.',
    ],
    [
      { kind: 'daily', end: 'until', until: '2026-12-01' },
      'The last date it repeats on is before its due date.',
    ],
  ])('refuses %o: %s', (changes, message) => {
    expect(() => ruleOf(choose(changes), due)).toThrow(message);
  });
});

describe('the choices that show a stored rule', () => {
  it.each([
    'FREQ=DAILY;INTERVAL=3',
    'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR',
    'FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,WE;COUNT=4',
    'FREQ=MONTHLY;BYMONTHDAY=-1',
    'FREQ=MONTHLY;BYMONTHDAY=31;UNTIL=20271231',
    'FREQ=YEARLY',
  ])('%s reads back as itself', (rule) => {
    const choices = choicesOf(rule, due);
    expect(choices.kind).not.toBe('custom');
    expect(ruleOf(choices, due)).toBe(rule);
  });

  it('names the kinds', () => {
    expect(choicesOf(null, due).kind).toBe('never');
    expect(choicesOf('FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR', due).kind).toBe('weekdays');
    expect(choicesOf('FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TU,WE,TH,FR', due).kind).toBe('weekly');
    expect(choicesOf('FREQ=MONTHLY', due)).toMatchObject({ kind: 'monthly', monthDay: 10 });
  });

  it('keeps a rule it cannot show as choices', () => {
    for (const rule of ['FREQ=MONTHLY;BYDAY=2TU', 'FREQ=YEARLY;BYMONTH=3', 'FREQ=DAILY;WKST=SU'])
      expect(choicesOf(rule, due)).toMatchObject({ kind: 'custom', custom: rule });
  });
});
