import { describe, expect, it } from 'vitest';
import { describeZodError } from './describeZodError.js';
import {
  dueSchema,
  remindersSchema,
  repeatSchema,
  scheduleIssues,
  subtasksSchema,
} from './schedule.js';
import type { z } from 'zod';

function refusal(schema: z.ZodType, value: unknown): string {
  const result = schema.safeParse(value);
  if (result.success) throw new Error(`accepted ${JSON.stringify(value)}`);
  return describeZodError(result.error);
}

describe('due dates', () => {
  it('accepts a date, or a date with a time and its zone, or null', () => {
    expect(dueSchema.parse({ date: '2028-02-29' })).toEqual({ date: '2028-02-29' });
    const timed = { date: '2026-12-10', time: '09:30', timeZone: 'Asia/Kolkata' };
    expect(dueSchema.parse(timed)).toEqual(timed);
    expect(dueSchema.parse(null)).toBeNull();
  });

  it.each([
    [{ date: '2026-02-30' }, 'date: 2026-02-30 is not a day on the calendar.'],
    [{ date: '10/12/2026' }, 'date: Expected a date written YYYY-MM-DD, such as 2030-01-31.'],
    [
      { date: '2026-12-10', time: '9:30', timeZone: 'UTC' },
      'time: Expected a time written HH:MM on a 24-hour clock, such as 09:30.',
    ],
    [
      { date: '2026-12-10', time: '09:30', timeZone: 'Mars/Olympus' },
      'timeZone: "Mars/Olympus" is not an IANA time zone name such as Europe/Berlin.',
    ],
    [
      { date: '2026-12-10', time: '09:30' },
      'timeZone: A due time needs the time zone it was set in, such as Europe/Berlin.',
    ],
    [
      { date: '2026-12-10', timeZone: 'UTC' },
      'time: A time zone goes with a time of day: add "time", or leave "timeZone" out.',
    ],
    [{ date: '2026-12-10', at: 'noon' }, 'at: this field is not accepted.'],
  ])('refuses %j', (value, message) => {
    expect(refusal(dueSchema, value)).toBe(message);
  });

  it('says what a due date looks like when given something else', () => {
    expect(dueSchema.safeParse('2026-12-10').error?.issues[0]?.message).toBe(
      'A due date is {"date": "YYYY-MM-DD"}, with "time" and "timeZone" for a time of day, or null.',
    );
  });
});

describe('repeat rules', () => {
  it('stores the canonical form', () => {
    expect(repeatSchema.parse('rrule:byday=mo;freq=weekly')).toBe('FREQ=WEEKLY;BYDAY=MO');
  });

  it('names what is wrong with a rule', () => {
    expect(refusal(repeatSchema, 'FREQ=SOMETIMES')).toBe(
      'FREQ must be DAILY, WEEKLY, MONTHLY, YEARLY, not "SOMETIMES".',
    );
  });
});

describe('reminders', () => {
  const at = { date: '2026-12-10', time: '08:00', timeZone: 'Europe/Berlin' };

  it('are minutes before the due time or at a time', () => {
    expect(
      remindersSchema.parse([
        { id: 'a', uid: 'u', before: 30 },
        { id: 'b', uid: 'u', at },
      ]),
    ).toEqual([
      { id: 'a', uid: 'u', before: 30 },
      { id: 'b', uid: 'u', at },
    ]);
  });

  it.each([
    [
      [{ id: 'a', uid: 'u' }],
      '0: A reminder has either "before" (minutes before the due time) or "at" (a time), not both.',
    ],
    [
      [{ id: 'a', uid: 'u', before: 5, at }],
      '0: A reminder has either "before" (minutes before the due time) or "at" (a time), not both.',
    ],
    [
      [{ id: 'a', uid: 'u', before: -5 }],
      '0.before: A reminder comes before the due time, or at it (0).',
    ],
    [
      [{ id: 'a', uid: 'u', at: { ...at, date: '2026-02-30' } }],
      '0.at.date: 2026-02-30 is not a day on the calendar.',
    ],
    [[{ id: 'a b', uid: 'u', before: 5 }], '0.id: An id has 1 to 64 letters, digits, "-" or "_".'],
    [
      Array.from({ length: 6 }, (_, i) => ({ id: `r${i}`, uid: 'u', before: i })),
      'A to-do has at most 5 reminders.',
    ],
    [
      [
        { id: 'a', uid: 'u', before: 1 },
        { id: 'a', uid: 'u', before: 2 },
      ],
      'Two reminders have the same id.',
    ],
  ])('refuses %j', (value, message) => {
    expect(refusal(remindersSchema, value)).toBe(message);
  });
});

describe('subtasks', () => {
  const steps = (n: number) =>
    Array.from({ length: n }, (_, i) => ({ id: `s${i}`, title: `Step ${i}`, done: false }));

  it('are at most 50', () => {
    expect(subtasksSchema.parse(steps(50))).toHaveLength(50);
    expect(refusal(subtasksSchema, steps(51))).toBe('A to-do has at most 50 subtasks.');
  });

  it('have a title', () => {
    expect(refusal(subtasksSchema, [{ id: 's', title: '  ', done: false }])).toBe(
      '0.title: A step cannot be empty.',
    );
  });
});

describe('a schedule as a whole', () => {
  it('needs a due date to repeat, and a due time for a reminder before it', () => {
    expect(
      scheduleIssues({
        due: { date: '2026-12-10' },
        repeat: 'FREQ=DAILY',
        reminders: [{ id: 'a', uid: 'u', before: 5 }],
      }),
    ).toEqual([
      {
        path: ['reminders', '0', 'before'],
        message: 'A reminder before the due time needs a due date with a time.',
      },
    ]);
    expect(scheduleIssues({ due: null, repeat: 'FREQ=DAILY', reminders: [] })).toEqual([
      { path: ['repeat'], message: 'A repeating to-do needs a due date to repeat from.' },
    ]);
  });
});
