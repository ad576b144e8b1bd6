/**
 * Tags as people type them ("home, #urgent  errands") → unique, lowercase, without '#'. Counts and
 * lengths are left to the model's schema, which says what is wrong instead of cutting silently.
 */
export function parseTags(text: string): string[] {
  const tags = text
    .split(/[\s,]+/)
    .map((raw) => raw.replace(/^#+/, '').toLowerCase())
    .filter((tag) => tag !== '');
  return [...new Set(tags)];
}

export function formatTags(tags: readonly string[]): string {
  return tags.join(', ');
}
