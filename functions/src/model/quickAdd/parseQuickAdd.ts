// Quick add: "Pay rent every month on the 1st at 9am #home !1" becomes a title, a repeat rule, a
// due date and time, tags and a priority, with the spans of text each came from so that the app
// can show them as chips and let a person turn one back into words. Dates are chrono-node's;
// the repeat phrase is rrule's reader of English rules; only the #tag and !priority tokens are
// ours. The REST API reads `dueString` with the same function.
//
// Not part of the model's entry point: chrono-node and rrule are ~28 KB gzipped, so the web app
// imports this module (`@model/quickAdd/parseQuickAdd`) only when quick add is used.
import * as chrono from 'chrono-node/en';
import * as rruleModule from 'rrule';
import { wallClockIn } from '../dates/calendarDate.js';
import type { Due } from '../dates/due.js';
import { LIMITS } from '../limits.js';
import { firstOccurrence, nextOccurrence } from '../repeat/occurrences.js';
import { formatRepeatRule, parseRepeatRule, type RepeatRule } from '../repeat/repeatRule.js';

// rrule ships CommonJS for Node, where its names sit behind `default`, and ES modules for bundlers.
const { RRule } =
  (rruleModule as typeof rruleModule & { default?: typeof rruleModule }).default ?? rruleModule;

export type QuickAddKind = 'due' | 'repeat' | 'tag' | 'priority';

/** A piece of the text that was understood: [start, end) in the text as typed. */
export interface QuickAddSpan {
  kind: QuickAddKind;
  start: number;
  end: number;
  text: string;
}

export interface QuickAdd {
  title: string;
  due: Due | null;
  repeat: string | null;
  tags: string[];
  priority: number;
  spans: QuickAddSpan[];
}

export interface QuickAddOptions {
  now: Date;
  /** The writer's zone: "tomorrow" and "9am" mean what they mean there. */
  timeZone: string;
  /** Starts of spans to leave in the title as words (a chip the person removed). */
  literal?: ReadonlyArray<number>;
}

const TAG = /(?<=^|\s)#([\p{L}\p{N}_-]+)(?=\s|$)/gu;
const PRIORITY = /(?<=^|\s)!([1-3])(?=\s|$)/gu;
/** Todoist's order: !1 is the most urgent, which is Hearth's 3 (High). */
const PRIORITY_OF: Record<string, number> = { '1': 3, '2': 2, '3': 1 };
/** Where a repeat phrase can start, and words that end one (what follows is a time or a date). */
const REPEAT_START = /(?<=^|\s)every(?=\s)/giu;
const REPEAT_STOP = new Set(['at', 'from', 'starting', 'until', 'by']);
/** Words left dangling before a date once it is taken out of the title. */
const DANGLING = /(^|\s+)(on|by|at|due|for)\s*$/i;

/** The repeat phrase starting at `start`: the longest run of words rrule reads as a rule Hearth supports. */
function repeatAt(text: string, start: number): { end: number; rule: RepeatRule } | null {
  const words = [...text.slice(start).matchAll(/\S+/g)];
  let length = words.findIndex(
    (word, index) => index > 0 && (REPEAT_STOP.has(word[0].toLowerCase()) || /^[#!]/.test(word[0])),
  );
  if (length === -1) length = words.length;
  for (; length >= 2; length -= 1) {
    const last = words[length - 1] as RegExpMatchArray;
    const end = start + (last.index as number) + last[0].length;
    try {
      const options = RRule.parseText(text.slice(start, end));
      return { end, rule: parseRepeatRule(RRule.optionsToString(options).replace(/^RRULE:/, '')) };
    } catch {
      // Not English rrule reads, or not a rule Hearth keeps (BYHOUR): try fewer words.
    }
  }
  return null;
}

/** chrono reads a wall-clock in a fixed offset: the zone's offset at `now`. */
function offsetMinutes(now: Date, timeZone: string): number {
  const wall = wallClockIn(now, timeZone);
  const asUtc = Date.parse(`${wall.date}T${wall.time}:00Z`);
  return Math.round((asUtc - Math.floor(now.getTime() / 60_000) * 60_000) / 60_000);
}

const pad = (n: number) => String(n).padStart(2, '0');

/** Reads quick-add text; what is not understood stays in the title. */
export function parseQuickAdd(text: string, options: QuickAddOptions): QuickAdd {
  const literal = new Set(options.literal ?? []);
  const spans: QuickAddSpan[] = [];
  const taken = (start: number, end: number) =>
    spans.some((span) => start < span.end && end > span.start);
  const take = (kind: QuickAddKind, start: number, end: number) => {
    if (literal.has(start) || taken(start, end)) return false;
    spans.push({ kind, start, end, text: text.slice(start, end) });
    return true;
  };

  const tags: string[] = [];
  for (const match of text.matchAll(TAG)) {
    const tag = (match[1] as string).slice(0, LIMITS.tag);
    if (
      tags.length < LIMITS.tagsPerTodo &&
      !tags.includes(tag) &&
      take('tag', match.index, match.index + match[0].length)
    )
      tags.push(tag);
  }
  let priority = 0;
  for (const match of text.matchAll(PRIORITY)) {
    if (priority === 0 && take('priority', match.index, match.index + match[0].length))
      priority = PRIORITY_OF[match[1] as string] ?? 0;
  }

  let rule: RepeatRule | null = null;
  for (const match of text.matchAll(REPEAT_START)) {
    const found = repeatAt(text, match.index);
    if (found && take('repeat', match.index, found.end)) {
      rule = found.rule;
      break;
    }
  }

  // chrono reads the rest, with what is already understood blanked out so offsets stay put.
  const rest = [...text]
    .map((char, index) => (spans.some((s) => index >= s.start && index < s.end) ? ' ' : char))
    .join('');
  const reference = {
    instant: options.now,
    timezone: offsetMinutes(options.now, options.timeZone),
  };
  const dated = chrono
    .parse(rest, reference, { forwardDate: true })
    // A lone month name ("I may go") is not a due date.
    .find(
      ({ start }) =>
        start.isCertain('day') || start.isCertain('weekday') || start.isCertain('hour'),
    );
  let due: Due | null = null;
  if (dated && take('due', dated.index, dated.index + dated.text.length)) {
    const { start } = dated;
    const date = `${start.get('year')}-${pad(start.get('month') ?? 1)}-${pad(start.get('day') ?? 1)}`;
    due = start.isCertain('hour')
      ? {
          date,
          time: `${pad(start.get('hour') ?? 0)}:${pad(start.get('minute') ?? 0)}`,
          timeZone: options.timeZone,
        }
      : { date };
  }
  const dayGiven =
    dated !== undefined && (dated.start.isCertain('day') || dated.start.isCertain('weekday'));
  if (rule && !dayGiven) due = firstFrom(rule, due, options);

  spans.sort((a, b) => a.start - b.start);
  let title = '';
  let from = 0;
  for (const span of spans) {
    title += text.slice(from, span.start).replace(DANGLING, '') + ' ';
    from = span.end;
  }
  title = (title + text.slice(from)).replace(/\s+/g, ' ').trim();
  return { title, due, repeat: rule && formatRepeatRule(rule), tags, priority, spans };
}

/** The first occurrence still ahead, at the time given if any: "every month on the 1st at 9am". */
function firstFrom(
  rule: RepeatRule,
  timed: Due | null,
  { now, timeZone }: QuickAddOptions,
): Due | null {
  const today = wallClockIn(now, timeZone);
  const first = firstOccurrence(rule, { ...timed, date: today.date });
  const passed = first?.date === today.date && first.time !== undefined && first.time <= today.time;
  return first && passed ? nextOccurrence(first, rule) : first;
}
