import { ref } from 'vue';
import type { listTitleSchema } from '@model';

/** The model's title schemas (of lists and of to-dos) are one kind: trimmed, required, capped. */
type TitleSchema = Pick<typeof listTitleSchema, 'safeParse'>;

/**
 * The title typed to add something (a list, a to-do). On submit it is checked with the model's
 * schema: when valid it goes to `add` and the field empties for the next one; when not, it stays
 * for correcting and `error` says what is wrong.
 */
export function useNewTitle(schema: TitleSchema, add: (title: string) => void) {
  const title = ref('');
  const error = ref<string | null>(null);

  function submit(): void {
    const parsed = schema.safeParse(title.value);
    if (!parsed.success) {
      error.value = parsed.error.issues[0]?.message ?? 'Enter a title.';
      return;
    }
    error.value = null;
    add(parsed.data);
    title.value = '';
  }

  return { title, error, submit };
}
