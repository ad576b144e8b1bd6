const englishPlurals = new Intl.PluralRules('en');

/** The wording of a count in each of English's plural categories; `#` stands for the number. */
export interface CountForms {
  one: string;
  other: string;
}

/** "1 completed to-do", "3 completed to-dos": the form the count's plural category asks for. */
export function countOf(count: number, forms: CountForms): string {
  const form = englishPlurals.select(count) === 'one' ? forms.one : forms.other;
  return form.replace('#', count.toLocaleString('en'));
}
