// Schemas of a to-do's schedule and checklist: its due date, repeat rule, reminders and subtasks,
// with the messages a person reads when a value is refused. The cross-field rules (a repeat or a
// reminder before the due date needs one) are in scheduleIssues, which writers apply to the
// whole to-do after an edit.
import { z } from 'zod';
import { isCalendarDate, isTimeOfDay } from '../dates/calendarDate.js';
import { isTimed, type Due } from '../dates/due.js';
import { isTimeZone } from '../dates/timeZones.js';
import type { Reminder, Subtask } from '../entities.js';
import { LIMITS } from '../limits.js';
import { RepeatRuleError, normalizeRepeatRule } from '../repeat/repeatRule.js';

export const calendarDateSchema = z
  .string({ error: 'Expected a date written YYYY-MM-DD, such as 2030-01-31.' })
  .regex(/^[0-9]{4}-[0-9]{2}-[0-9]{2}$/, 'Expected a date written YYYY-MM-DD, such as 2030-01-31.')
  .refine(isCalendarDate, {
    error: (issue) => `${String(issue.input)} is not a day on the calendar.`,
  });

export const timeOfDaySchema = z
  .string({ error: 'Expected a time written HH:MM, such as 09:30.' })
  .refine(isTimeOfDay, {
    error: 'Expected a time written HH:MM on a 24-hour clock, such as 09:30.',
  });

export const timeZoneSchema = z
  .string({ error: 'Expected a time zone name such as Europe/Berlin.' })
  .refine(isTimeZone, {
    error: (issue) =>
      `"${String(issue.input)}" is not an IANA time zone name such as Europe/Berlin.`,
  });

/** A wall-clock moment: a date, a time and the zone they are read in. */
export const zonedTimeSchema = z.strictObject(
  { date: calendarDateSchema, time: timeOfDaySchema, timeZone: timeZoneSchema },
  { error: 'Expected {"date": "YYYY-MM-DD", "time": "HH:MM", "timeZone": "Area/City"}.' },
);

export const dueSchema = z
  .strictObject(
    {
      date: calendarDateSchema,
      time: timeOfDaySchema.optional(),
      timeZone: timeZoneSchema.optional(),
    },
    {
      error:
        'A due date is {"date": "YYYY-MM-DD"}, with "time" and "timeZone" for a time of day, or null.',
    },
  )
  .superRefine((due, context) => {
    if (due.time !== undefined && due.timeZone === undefined) {
      context.addIssue({
        code: 'custom',
        path: ['timeZone'],
        message: 'A due time needs the time zone it was set in, such as Europe/Berlin.',
      });
    }
    if (due.time === undefined && due.timeZone !== undefined) {
      context.addIssue({
        code: 'custom',
        path: ['time'],
        message: 'A time zone goes with a time of day: add "time", or leave "timeZone" out.',
      });
    }
  })
  .transform((due): Due => due)
  .nullable();

/** A repeat rule in any RRULE spelling, stored in Hearth's canonical form; null for none. */
export const repeatSchema = z
  .string({ error: 'A repeat rule is an RRULE such as FREQ=WEEKLY;BYDAY=MO, or null.' })
  .transform((text, context) => {
    try {
      return normalizeRepeatRule(text);
    } catch (error) {
      if (!(error instanceof RepeatRuleError)) throw error;
      context.addIssue({ code: 'custom', message: error.message });
      return z.NEVER;
    }
  })
  .nullable();

const itemIdSchema = z
  .string({ error: 'Expected an id.' })
  .regex(
    new RegExp(`^[A-Za-z0-9_-]{1,${LIMITS.itemId}}$`),
    `An id has 1 to ${LIMITS.itemId} letters, digits, "-" or "_".`,
  );

const uniqueIds = <T extends { id: string }>(items: T[]) =>
  new Set(items.map((item) => item.id)).size === items.length;

const minutesBeforeSchema = z
  .number({ error: 'Expected a number of minutes.' })
  .int('Minutes before the due time are a whole number.')
  .min(0, 'A reminder comes before the due time, or at it (0).')
  .max(
    LIMITS.reminderMinutesBeforeMax,
    `A reminder comes at most ${LIMITS.reminderMinutesBeforeMax} minutes (four weeks) before.`,
  );

export const reminderSchema = z
  .strictObject(
    {
      id: itemIdSchema,
      uid: z
        .string({ error: 'Expected the uid of the member to remind.' })
        .min(1)
        .max(LIMITS.documentId),
      before: minutesBeforeSchema.optional(),
      at: zonedTimeSchema.optional(),
    },
    {
      error:
        'A reminder is {"before": minutes} or {"at": {"date", "time", "timeZone"}}, with an id and a uid.',
    },
  )
  .superRefine((reminder, context) => {
    if ((reminder.before === undefined) === (reminder.at === undefined)) {
      context.addIssue({
        code: 'custom',
        message:
          'A reminder has either "before" (minutes before the due time) or "at" (a time), not both.',
      });
    }
  })
  .transform(({ id, uid, before, at }): Reminder =>
    at ? { id, uid, at } : { id, uid, before: before as number },
  );

export const remindersSchema = z
  .array(reminderSchema, { error: 'Reminders are a list.' })
  .max(LIMITS.remindersPerTodo, `A to-do has at most ${LIMITS.remindersPerTodo} reminders.`)
  .refine(uniqueIds, 'Two reminders have the same id.');

export const subtaskTitleSchema = z
  .string({ error: 'A step must be text.' })
  .trim()
  .min(1, 'A step cannot be empty.')
  .max(LIMITS.subtaskTitle, `A step has at most ${LIMITS.subtaskTitle} characters.`);

export const subtaskSchema = z.strictObject(
  {
    id: itemIdSchema,
    title: subtaskTitleSchema,
    done: z.boolean({ error: 'done must be true or false.' }),
  },
  { error: 'A subtask is {"id", "title", "done"}.' },
) satisfies z.ZodType<Subtask>;

export const subtasksSchema = z
  .array(subtaskSchema, { error: 'Subtasks are a list.' })
  .max(LIMITS.subtasksPerTodo, `A to-do has at most ${LIMITS.subtasksPerTodo} subtasks.`)
  .refine(uniqueIds, 'Two subtasks have the same id.');

/** The fields the cross-field rules read. */
export interface ScheduleFields {
  due: Due | null;
  repeat: string | null;
  reminders: readonly Reminder[];
}

/** What is wrong with a to-do's schedule as a whole, each with the field to blame. */
export function scheduleIssues(todo: ScheduleFields): Array<{ path: string[]; message: string }> {
  const issues: Array<{ path: string[]; message: string }> = [];
  if (todo.repeat !== null && todo.due === null) {
    issues.push({
      path: ['repeat'],
      message: 'A repeating to-do needs a due date to repeat from.',
    });
  }
  todo.reminders.forEach((reminder, index) => {
    if ('before' in reminder && !isTimed(todo.due)) {
      issues.push({
        path: ['reminders', String(index), 'before'],
        message: 'A reminder before the due time needs a due date with a time.',
      });
    }
  });
  return issues;
}
