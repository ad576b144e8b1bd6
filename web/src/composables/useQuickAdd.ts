import { computed, ref, shallowRef, watch } from 'vue';
import { todayIn } from '@model';
import type { QuickAdd, parseQuickAdd } from '@model/quickAdd/parseQuickAdd';
import { chipsOf, shiftOffsets, type QuickAddChip } from '@/domain/quickAddChips';

type Parser = typeof parseQuickAdd;

let parserLoad: Promise<Parser> | null = null;

/** The parser (chrono-node and rrule, ~28 KB gzipped) loads the first time quick add is used. */
export function loadQuickAddParser(): Promise<Parser> {
  parserLoad ??= import('@model/quickAdd/parseQuickAdd').then((module) => module.parseQuickAdd);
  return parserLoad;
}

/**
 * Quick add: the text typed, what the model's parser understands in it (title, due date and time,
 * repeat, tags, priority) as chips, and removing a chip, which turns its words back into words of
 * the title. `timeZone` is the writer's: "tomorrow 9am" means what it means there.
 */
export function useQuickAdd(timeZone: () => string, now: () => Date = () => new Date()) {
  const text = ref('');
  /** Starts of spans the person turned back into words. */
  const literal = ref<number[]>([]);
  const parser = shallowRef<Parser | null>(null);

  watch(text, (after, before) => {
    literal.value = after.trim() === '' ? [] : shiftOffsets(literal.value, before, after);
  });

  function load(): Promise<Parser> {
    return loadQuickAddParser().then((loaded) => (parser.value = loaded));
  }

  function parseWith(parse: Parser, extraLiteral: number[] = []): QuickAdd {
    return parse(text.value, {
      now: now(),
      timeZone: timeZone(),
      literal: [...literal.value, ...extraLiteral],
    });
  }

  /** What the text means now; null before the parser has loaded or while the text is empty. */
  const parsed = computed<QuickAdd | null>(() =>
    parser.value && text.value.trim() !== '' ? parseWith(parser.value) : null,
  );

  const chips = computed<QuickAddChip[]>(() => {
    const quick = parsed.value;
    const parse = parser.value;
    if (!quick || !parse) return [];
    const dueSpan = quick.spans.find((span) => span.kind === 'due');
    // The words gave only a time when, without them, the repeat picks the same day.
    const dateFromRepeat =
      quick.repeat !== null &&
      (!dueSpan || parseWith(parse, [dueSpan.start]).due?.date === quick.due?.date);
    return chipsOf(quick, dateFromRepeat, todayIn(timeZone(), now()));
  });

  function removeChip(chip: QuickAddChip): void {
    if (chip.spanStart !== null) literal.value = [...literal.value, chip.spanStart];
  }

  /** Removes the last chip that has words of its own; false when there is none. */
  function removeLastChip(): boolean {
    const last = chips.value.findLast((chip) => chip.spanStart !== null);
    if (!last) return false;
    removeChip(last);
    return true;
  }

  /** What to add: parsed at this moment, loading the parser first if it has not loaded yet. */
  async function result(): Promise<QuickAdd> {
    return parseWith(parser.value ?? (await load()));
  }

  function reset(): void {
    text.value = '';
    literal.value = [];
  }

  return { text, parsed, chips, load, removeChip, removeLastChip, result, reset };
}
