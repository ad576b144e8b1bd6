/**
 * Where applyCountsDelta leaves one marker per applied event (fields: listId, delta, expireAt);
 * a TTL policy on expireAt clears them in production. Functions only: the rules deny clients.
 */
export const APPLIED_EVENTS = 'appliedEvents';
