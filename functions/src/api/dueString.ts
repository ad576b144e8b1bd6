// `dueString`: a due date and repeat in plain words ("tomorrow 5pm", "every monday at 9"), read
// by the same parser as the web app's quick add, in the caller's `timeZone` (UTC by default).
import type { Due } from '../model/index.js';
import { AppError } from '../shared/errors.js';

export interface DueStringFields {
  due?: Due | null;
  repeat?: string | null;
  dueString?: string;
  timeZone?: string;
}

const refuse = (message: string) => new AppError('invalid-argument', message);

/**
 * The body with `dueString` read into `due` and `repeat`. Refused: `dueString` beside a due date
 * or repeat of its own, words in it that are no part of a date or repeat, and `timeZone` alone.
 */
export async function readDueString<Body extends DueStringFields>(
  body: Body,
  now: Date,
): Promise<Omit<Body, 'dueString' | 'timeZone'>> {
  const { dueString, timeZone, ...rest } = body;
  if (dueString === undefined) {
    if (timeZone !== undefined) throw refuse('timeZone: It says how to read dueString; send both.');
    return rest;
  }
  if ((rest.due ?? null) !== null || (rest.repeat ?? null) !== null) {
    throw refuse('dueString: Send either dueString or due and repeat, not both.');
  }
  // chrono-node and rrule load with the first request that needs them, not with every cold start.
  const { parseQuickAdd } = await import('../model/quickAdd/parseQuickAdd.js');
  const read = parseQuickAdd(dueString, { now, timeZone: timeZone ?? 'UTC' });
  const leftover = read.title.trim();
  if (read.due === null && read.repeat === null) {
    throw refuse(
      `dueString: No date or repeat in "${dueString}"; write one such as "tomorrow 5pm" or "every monday".`,
    );
  }
  if (leftover !== '' || read.tags.length > 0 || read.priority !== 0) {
    throw refuse(`dueString: "${leftover || dueString}" is not part of a date or repeat.`);
  }
  return { ...rest, due: read.due, repeat: read.repeat };
}
