import { describeRepeat, parseRepeatRule } from '@model';
// Types only: the parser itself (chrono-node, rrule) loads when quick add is first used.
import type { QuickAdd, QuickAddSpan } from '@model/quickAdd/parseQuickAdd';
import { formatCalendarDate, PRIORITY_LABELS } from './dueLabels';

export type ChipKind = 'date' | 'time' | 'repeat' | 'tag' | 'priority';

/** One thing quick add understood, shown before Enter. */
export interface QuickAddChip {
  key: string;
  kind: ChipKind;
  label: string;
  /** Read out with the label: what kind of thing it is. */
  kindLabel: string;
  /**
   * Where the words it came from start in the text: removing the chip turns them back into
   * words of the title. Null for a date a repeat rule chose: it goes with the repeat.
   */
  spanStart: number | null;
  /** The words it came from. */
  words: string;
}

export const CHIP_ORDER: readonly ChipKind[] = ['date', 'time', 'repeat', 'tag', 'priority'];

const KIND_LABELS: Record<ChipKind, string> = {
  date: 'Due date',
  time: 'Time',
  repeat: 'Repeats',
  tag: 'Tag',
  priority: 'Priority',
};

/**
 * The chips for what was understood, in the order date, time, repeat, tags, priority.
 * `dateFromRepeat` says that the due date's day was chosen by the repeat rule ("every month on
 * the 1st at 9am": the words gave only the time), so its chip has no words of its own.
 */
export function chipsOf(quick: QuickAdd, dateFromRepeat: boolean, today: string): QuickAddChip[] {
  const span = (kind: QuickAddSpan['kind']) => quick.spans.find((each) => each.kind === kind);
  const chips: QuickAddChip[] = [];
  const chip = (
    kind: ChipKind,
    label: string,
    from: QuickAddSpan | undefined,
    key: string = kind,
  ) =>
    chips.push({
      key,
      kind,
      label,
      kindLabel: KIND_LABELS[kind],
      spanStart: from?.start ?? null,
      words: from?.text ?? '',
    });
  const dueSpan = span('due');
  const repeatSpan = span('repeat');
  if (quick.due) {
    const label =
      quick.due.date === today
        ? 'Today'
        : formatCalendarDate(quick.due.date, today, { weekday: true });
    chip('date', label, dateFromRepeat ? undefined : dueSpan);
    if (quick.due.time) chip('time', quick.due.time, dueSpan);
  }
  if (quick.repeat) {
    let words = quick.repeat;
    try {
      words = describeRepeat(parseRepeatRule(quick.repeat), quick.due);
    } catch {
      // The parser only answers rules the model reads; the RRULE itself is the fallback.
    }
    chip('repeat', words, repeatSpan);
  }
  for (const each of quick.spans.filter((candidate) => candidate.kind === 'tag'))
    chip('tag', each.text.trim(), each, `tag-${each.start}`);
  if (quick.priority > 0)
    chip('priority', `${PRIORITY_LABELS[quick.priority]} priority`, span('priority'));
  return chips;
}

/**
 * Offsets of removed chips (words kept as words) after the text changed from `before` to
 * `after`: those after the change move with it, those inside it are forgotten.
 */
export function shiftOffsets(offsets: readonly number[], before: string, after: string): number[] {
  let prefix = 0;
  const shorter = Math.min(before.length, after.length);
  while (prefix < shorter && before[prefix] === after[prefix]) prefix++;
  let suffix = 0;
  while (
    suffix < shorter - prefix &&
    before[before.length - 1 - suffix] === after[after.length - 1 - suffix]
  )
    suffix++;
  const changedEnd = before.length - suffix;
  const delta = after.length - before.length;
  return offsets.flatMap((offset) => {
    if (offset < prefix) return [offset];
    if (offset >= changedEnd && offset >= prefix) return [offset + delta];
    return [];
  });
}
