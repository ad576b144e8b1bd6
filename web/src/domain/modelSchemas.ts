// The model's schemas in one module: with zod they weigh about 25 KiB of gzip, more than the rest of
// the list page's own code, so the page loads them when a form is first used (`schemas.ts`).
export * from '@model/schemas/fields';
export * from '@model/schemas/edits';
export * from '@model/schemas/schedule';
