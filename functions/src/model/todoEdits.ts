// Rules of changing a to-do that hold wherever the change is written (the web app under
// firestore.rules, the REST API with firebase-admin): one implementation, called by both.

/**
 * What setting `done` writes. completedAt follows done: it is the writer's `now` (request.time
 * under the rules) when an open to-do becomes done, null when a done one reopens, and untouched
 * when done does not change, so it keeps recording when the to-do was completed, not when it was
 * last told so (a second tab, a replayed request).
 */
export function doneFields<Now>(
  done: boolean,
  wasDone: boolean,
  now: Now,
): { done: boolean; completedAt?: Now | null } {
  return done === wasDone ? { done } : { done, completedAt: done ? now : null };
}
