// The documents Hearth keeps, with the roles and statuses their fields take. Timestamps are
// generic so the same shapes describe Firestore reads (the web and admin SDKs' Timestamp classes
// both satisfy TimestampLike) and JSON exports (ISO strings).
import type { Due } from './dates/due.js';

export const ROLES = ['owner', 'editor', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

/** Roles an owner can give to someone else: a list has exactly one owner, its creator. */
export const MEMBER_ROLES = ['editor', 'viewer'] as const;
export type MemberRole = (typeof MEMBER_ROLES)[number];

/** Roles that may write to-dos and attachments. */
export const WRITER_ROLES: readonly Role[] = ['owner', 'editor'];

export const ATTACHMENT_STATUSES = ['processing', 'ready', 'rejected'] as const;
export type AttachmentStatus = (typeof ATTACHMENT_STATUSES)[number];

export const ATTACHMENT_CONTENT_TYPES = [
  'image/jpeg',
  'image/png',
  'image/webp',
  'image/avif',
  'image/gif',
] as const;
export type AttachmentContentType = (typeof ATTACHMENT_CONTENT_TYPES)[number];

export interface TimestampLike {
  readonly seconds: number;
  readonly nanoseconds: number;
  toDate(): Date;
  toMillis(): number;
}

export interface UserDoc<T = TimestampLike> {
  displayName: string;
  username: string | null;
  photoURL: string | null;
  createdAt: T;
  updatedAt: T;
}

export interface UsernameDoc {
  uid: string;
}

export interface ListCounts {
  open: number;
  done: number;
}

export interface ListDoc<T = TimestampLike> {
  title: string;
  ownerId: string;
  /** The only source of access: uid → role. Changed by callables only. */
  members: Record<string, Role>;
  /** Keys of `members`, kept alongside so that `array-contains` queries can find a user's lists. */
  memberIds: string[];
  /** Kept by a Firestore trigger; clients create it as {open: 0, done: 0} and never change it. */
  counts: ListCounts;
  /** Position among the owner's lists (ascending). */
  order: number;
  createdAt: T;
  updatedAt: T;
}

/** A reminder to `uid` (a member of the list): at a wall-clock time, or minutes before a timed due date. */
export type Reminder = { id: string; uid: string } & (
  { before: number } | { at: { date: string; time: string; timeZone: string } }
);

/** One step of a to-do's checklist. */
export interface Subtask {
  id: string;
  title: string;
  done: boolean;
}

export interface TodoDoc<T = TimestampLike> {
  title: string;
  notes: string;
  done: boolean;
  /** request.time of the write that set `done` to true; null while open. */
  completedAt: T | null;
  /** A calendar day, optionally with a time of day and the zone it was set in; null for none. */
  due: Due | null;
  /** An RFC 5545 RRULE in Hearth's canonical form (normalizeRepeatRule); needs `due`. */
  repeat: string | null;
  reminders: Reminder[];
  /** The checklist, at most LIMITS.subtasksPerTodo steps. */
  subtasks: Subtask[];
  priority: number;
  tags: string[];
  /** Position in the list (ascending); fractional values let a move touch one document. */
  order: number;
  createdBy: string;
  createdAt: T;
  updatedAt: T;
  /** Kept by functions. */
  attachmentCount: number;
  /**
   * The list's memberIds, copied so that a collection-group query across every list a person can
   * see can be limited to them (`array-contains`), which the rules can prove. Written on create
   * equal to the list's; the functions that change a list's members rewrite it on every to-do.
   */
  memberIds: string[];
}

/** An in-app notification in users/{uid}/notifications: a reminder that fired. */
export interface NotificationDoc<T = TimestampLike> {
  /** The to-do's title. */
  title: string;
  /** What is due, in words, e.g. "Due today at 09:00". */
  body: string;
  listId: string;
  todoId: string;
  createdAt: T;
  read: boolean;
}

/** A browser's FCM registration token, stored at users/{uid}/pushTokens/{token}. */
export interface PushTokenDoc<T = TimestampLike> {
  token: string;
  createdAt: T;
}

export interface AttachmentDoc<T = TimestampLike> {
  name: string;
  contentType: string;
  size: number;
  status: AttachmentStatus;
  width: number | null;
  height: number | null;
  /** What the file really is, read from its bytes: jpeg, png, webp, avif or gif. */
  format: string | null;
  thumbPath: string | null;
  takenAt: T | null;
  /** A reason a person understands when status is `rejected`. */
  error: string | null;
  createdBy: string;
  createdAt: T;
}
