/**
 * Where commitOnce leaves one marker per applied event (expireAt, plus what the caller records);
 * a TTL policy on expireAt clears them in production. Functions only: the rules deny clients.
 */
export const APPLIED_EVENTS = 'appliedEvents';
