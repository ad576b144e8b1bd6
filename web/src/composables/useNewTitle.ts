import { ref } from 'vue';
import type { listTitleSchema } from '@model';
import { loadSchemas, prepareSchemas, type ModelSchemas } from '@/domain/schemas';

/** The model's title schemas (of lists and of to-dos) are one kind: trimmed, required, capped. */
type TitleSchema = Pick<typeof listTitleSchema, 'safeParse'>;

/**
 * The title typed to add something (a list, a to-do). On submit it is checked with the model's
 * schema (`pick` chooses which, once the schemas have loaded): when valid it goes to `add` and the
 * field empties for the next one; when not, it stays for correcting and `error` says what is
 * wrong. A field calls `prepare` when focused so that the schemas load while the title is typed.
 */
export function useNewTitle(
  pick: (schemas: ModelSchemas) => TitleSchema,
  add: (title: string) => void,
) {
  const title = ref('');
  const error = ref<string | null>(null);
  let submitting = false;

  async function submit(): Promise<void> {
    if (submitting) return;
    submitting = true;
    try {
      const typed = title.value;
      const parsed = pick(await loadSchemas()).safeParse(typed);
      if (!parsed.success) {
        error.value = parsed.error.issues[0]?.message ?? 'Enter a title.';
        return;
      }
      error.value = null;
      add(parsed.data);
      // What was typed while the schemas loaded is a new title, not one to throw away.
      if (title.value === typed) title.value = '';
    } finally {
      submitting = false;
    }
  }

  return { title, error, submit, prepare: prepareSchemas };
}
