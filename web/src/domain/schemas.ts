import { loadOnce } from './loadOnce';

/**
 * The model's schemas (and zod), loaded the first time something is validated and kept. A form
 * calls `prepareSchemas` when it is focused, so they are there by the time it is submitted; a
 * page that is only looked at never downloads them.
 */
export const loadSchemas = loadOnce(() => import('./modelSchemas'));

export type ModelSchemas = Awaited<ReturnType<typeof loadSchemas>>;

/** Starts loading the schemas; a load that fails here is tried again at submit. */
export function prepareSchemas(): void {
  loadSchemas().catch(() => undefined);
}
