/** A path inside the app to return to after signing in; anything else falls back to the lists. */
export function safeRedirect(value: unknown): string {
  return typeof value === 'string' && value.startsWith('/') && !value.startsWith('//')
    ? value
    : '/lists';
}
