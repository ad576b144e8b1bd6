/** The rules engine: compile a rules file once, then evaluate Firestore and Storage requests. */
export { compileRuleset, MAX_SOURCE_BYTES } from './ruleset.js';
export { ACCESS_LIMITS } from './access.js';
export { LIMITS } from './context.js';
export type * from './api.js';
