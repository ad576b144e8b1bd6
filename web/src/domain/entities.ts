import type {
  AttachmentDoc,
  ListDoc,
  MemberRole,
  NotificationDoc,
  Role,
  TodoDoc,
  UserDoc,
} from '@model';

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

/** A reminder that fired, in the bell (named so as not to be the browser's `Notification`). */
export type AppNotification = NotificationDoc<Date> & Snapshotted;

/** The fields a person edits on a to-do. */
export type TodoDraft = Pick<
  TodoDoc,
  'title' | 'notes' | 'due' | 'repeat' | 'reminders' | 'subtasks' | 'priority' | 'tags'
>;
