import type { AttachmentDoc, ListDoc, MemberRole, Role, TodoDoc, UserDoc } from '@model';

/**
 * The shapes the app works with: the stored documents of the shared model, read with their id,
 * timestamps as Dates (server timestamps still in flight are estimated locally), and whether this
 * device still has writes to them the server has not confirmed.
 */
export type { MemberRole, Role };

export interface Snapshotted {
  id: string;
  /** The device holds local changes the server has not confirmed yet (offline or in flight). */
  pending: boolean;
}

export type TodoList = ListDoc<Date> & Snapshotted;

export type Todo = TodoDoc<Date> & Snapshotted & { listId: string };

export type Attachment = AttachmentDoc<Date> & Snapshotted;

export type UserProfile = UserDoc<Date> & { uid: string };

/** The fields a person edits on a to-do. */
export type TodoDraft = Pick<
  TodoDoc,
  'title' | 'notes' | 'due' | 'repeat' | 'reminders' | 'subtasks' | 'priority' | 'tags'
>;
