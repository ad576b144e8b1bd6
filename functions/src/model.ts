// Hearth's data model: the one module both the functions and the web app import (the web app
// through the `@model` alias). It must stay free of firebase and firebase-admin imports because
// the browser bundles it: plain TypeScript and zod only. firestore.rules enforces the same limits;
// when a limit changes here it changes there too (test/rules checks the boundaries).
import { z } from 'zod';

// ---------------------------------------------------------------------------------------------
// Limits

export const LIMITS = {
  displayName: 80,
  photoURL: 2048,
  usernameMin: 3,
  usernameMax: 30,
  listTitle: 100,
  membersPerList: 50,
  todoTitle: 200,
  todoNotes: 5000,
  tagsPerTodo: 10,
  tag: 30,
  priorityMin: 0,
  priorityMax: 3,
  attachmentsPerTodo: 10,
  attachmentName: 200,
  attachmentBytes: 10 * 1024 * 1024,
  documentId: 128,
} as const;

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

export const USERNAME_PATTERN = /^[a-z0-9][a-z0-9_.]{2,29}$/;

/** Names that would impersonate the service or collide with routes. */
export const RESERVED_USERNAMES: ReadonlySet<string> = new Set([
  'about',
  'account',
  'accounts',
  'admin',
  'administrator',
  'anonymous',
  'api',
  'app',
  'auth',
  'billing',
  'contact',
  'dashboard',
  'delete',
  'edit',
  'everyone',
  'firebase',
  'google',
  'guest',
  'hearth',
  'help',
  'home',
  'inbox',
  'info',
  'legal',
  'list',
  'lists',
  'login',
  'logout',
  'mail',
  'me',
  'moderator',
  'new',
  'null',
  'official',
  'owner',
  'privacy',
  'profile',
  'register',
  'root',
  'search',
  'security',
  'settings',
  'signin',
  'signout',
  'signup',
  'staff',
  'static',
  'support',
  'system',
  'team',
  'terms',
  'test',
  'todo',
  'todos',
  'undefined',
  'user',
  'username',
  'users',
  'webmaster',
  'www',
]);

// ---------------------------------------------------------------------------------------------
// Documents. Timestamps are generic so the same shapes describe Firestore reads (the web and
// admin SDKs' Timestamp classes both satisfy TimestampLike) and JSON exports (ISO strings).

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

export interface TodoDoc<T = TimestampLike> {
  title: string;
  notes: string;
  done: boolean;
  /** request.time of the write that set `done` to true; null while open. */
  completedAt: T | null;
  dueAt: T | null;
  priority: number;
  tags: string[];
  /** Position in the list (ascending); fractional values let a move touch one document. */
  order: number;
  createdBy: string;
  createdAt: T;
  updatedAt: T;
  /** Kept by functions. */
  attachmentCount: number;
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

// ---------------------------------------------------------------------------------------------
// New documents: every field a document starts with, exactly the keys firestore.rules accepts on
// create, so that the web app, the functions and the tests write the same documents. `now` is the
// writer's server timestamp (the web SDK's serverTimestamp(), firebase-admin's
// FieldValue.serverTimestamp(), or a fixed Date for in-memory fakes): a parameter, because this
// module cannot import either SDK.

/** A new list: its creator is its only member, as owner; functions keep `counts` from zero. */
export function newListDoc<Now>(
  uid: string,
  list: Pick<ListDoc, 'title' | 'order'>,
  now: Now,
): ListDoc<Now> {
  return {
    title: list.title,
    ownerId: uid,
    members: { [uid]: 'owner' },
    memberIds: [uid],
    counts: { open: 0, done: 0 },
    order: list.order,
    createdAt: now,
    updatedAt: now,
  };
}

/** What the writer of a new to-do supplies; `dueAt` already in the writer's timestamp form. */
export type NewTodo<Stamp> = Pick<
  TodoDoc<Stamp>,
  'title' | 'notes' | 'done' | 'dueAt' | 'priority' | 'tags' | 'order'
>;

/** A new to-do: one created done was completed now; functions keep `attachmentCount` from zero. */
export function newTodoDoc<Now, Stamp>(
  uid: string,
  todo: NewTodo<Stamp>,
  now: Now,
): TodoDoc<Now | Stamp> {
  return {
    title: todo.title,
    notes: todo.notes,
    done: todo.done,
    completedAt: todo.done ? now : null,
    dueAt: todo.dueAt,
    priority: todo.priority,
    tags: todo.tags,
    order: todo.order,
    createdBy: uid,
    createdAt: now,
    updatedAt: now,
    attachmentCount: 0,
  };
}

/**
 * A new attachment: what the uploader knows of the file, `processing` until the upload trigger
 * has read it and filled in the rest. `format` is the trigger's alone, so it is absent.
 */
export function newAttachmentDoc<Now>(
  uid: string,
  file: Pick<AttachmentDoc, 'name' | 'contentType' | 'size'>,
  now: Now,
): Omit<AttachmentDoc<Now>, 'format'> {
  return {
    name: file.name,
    contentType: file.contentType,
    size: file.size,
    status: 'processing',
    width: null,
    height: null,
    thumbPath: null,
    takenAt: null,
    error: null,
    createdBy: uid,
    createdAt: now,
  };
}

// ---------------------------------------------------------------------------------------------
// Paths (Firestore documents and collections, Storage objects)

export const COLLECTIONS = {
  users: 'users',
  usernames: 'usernames',
  lists: 'lists',
  todos: 'todos',
  attachments: 'attachments',
} as const;

export const paths = {
  user: (uid: string) => `users/${uid}`,
  username: (username: string) => `usernames/${username}`,
  list: (listId: string) => `lists/${listId}`,
  todos: (listId: string) => `lists/${listId}/todos`,
  todo: (listId: string, todoId: string) => `lists/${listId}/todos/${todoId}`,
  attachments: (listId: string, todoId: string) => `lists/${listId}/todos/${todoId}/attachments`,
  attachment: (listId: string, todoId: string, attachmentId: string) =>
    `lists/${listId}/todos/${todoId}/attachments/${attachmentId}`,
} as const;

export const storagePaths = {
  /** Every Storage object of a list lives under this prefix. */
  listPrefix: (listId: string) => `lists/${listId}/`,
  todoPrefix: (listId: string, todoId: string) => `lists/${listId}/todos/${todoId}/`,
  attachmentPrefix: (listId: string, todoId: string, attachmentId: string) =>
    `lists/${listId}/todos/${todoId}/${attachmentId}/`,
  original: (listId: string, todoId: string, attachmentId: string) =>
    `lists/${listId}/todos/${todoId}/${attachmentId}/original`,
  thumb: (listId: string, todoId: string, attachmentId: string) =>
    `lists/${listId}/todos/${todoId}/${attachmentId}/thumb.webp`,
} as const;

/** The Inbox gets a deterministic id so that a redelivered sign-up event cannot make a second. */
export const inboxListId = (uid: string) => `inbox-${uid}`;
export const INBOX_TITLE = 'Inbox';

// ---------------------------------------------------------------------------------------------
// Field schemas. The web app validates forms with them and the REST API validates bodies with
// them; firestore.rules enforces the same limits on what reaches the database.

const chars = (n: number) => `${n} character${n === 1 ? '' : 's'}`;

export const documentIdSchema = z
  .string({ error: 'Expected an id.' })
  .min(1, 'The id is empty.')
  .max(LIMITS.documentId, `An id has at most ${chars(LIMITS.documentId)}.`)
  .refine((id) => !id.includes('/') && id !== '.' && id !== '..' && !/^__.*__$/.test(id), {
    message: 'That is not a valid id.',
  });

export const usernameSchema = z
  .string({ error: 'Enter a username.' })
  .trim()
  .toLowerCase()
  .min(LIMITS.usernameMin, `A username has at least ${chars(LIMITS.usernameMin)}.`)
  .max(LIMITS.usernameMax, `A username has at most ${chars(LIMITS.usernameMax)}.`)
  .regex(/^[a-z0-9_.]*$/, 'A username may use only letters a-z, digits, "_" and ".".')
  .regex(/^[a-z0-9]/, 'A username starts with a letter or a digit.')
  .refine((name) => !RESERVED_USERNAMES.has(name), { message: 'That username is reserved.' });

export const displayNameSchema = z
  .string({ error: 'Enter a display name.' })
  .trim()
  .min(1, 'Enter a display name.')
  .max(LIMITS.displayName, `A display name has at most ${chars(LIMITS.displayName)}.`);

export const photoURLSchema = z
  .url({ error: 'Enter a web address.' })
  .max(LIMITS.photoURL, `A photo address has at most ${chars(LIMITS.photoURL)}.`)
  .nullable();

export const listTitleSchema = z
  .string({ error: 'Enter a title.' })
  .trim()
  .min(1, 'Enter a title.')
  .max(LIMITS.listTitle, `A list title has at most ${chars(LIMITS.listTitle)}.`);

/**
 * Gap between neighbours' `order` for an item added after the last one; the web app and the REST
 * API use the same step so that to-dos they add interleave the same way.
 */
export const ORDER_STEP = 1024;

export const orderSchema = z.number({ error: 'Expected a number.' });

export const todoTitleSchema = z
  .string({ error: 'Enter a title.' })
  .trim()
  .min(1, 'Enter a title.')
  .max(LIMITS.todoTitle, `A to-do title has at most ${chars(LIMITS.todoTitle)}.`);

export const todoNotesSchema = z
  .string({ error: 'Notes must be text.' })
  .max(LIMITS.todoNotes, `Notes have at most ${chars(LIMITS.todoNotes)}.`);

export const prioritySchema = z
  .number({ error: 'Priority must be a number from 0 to 3.' })
  .int('Priority must be a whole number from 0 to 3.')
  .min(LIMITS.priorityMin, 'Priority must be from 0 to 3.')
  .max(LIMITS.priorityMax, 'Priority must be from 0 to 3.');

export const tagSchema = z
  .string({ error: 'A tag must be text.' })
  .trim()
  .min(1, 'A tag cannot be empty.')
  .max(LIMITS.tag, `A tag has at most ${chars(LIMITS.tag)}.`);

export const tagsSchema = z
  .array(tagSchema, { error: 'Tags must be a list of words.' })
  .max(LIMITS.tagsPerTodo, `A to-do has at most ${LIMITS.tagsPerTodo} tags.`);

/** A due date as a Date (web) or an ISO 8601 date-time with offset (JSON); null for none. */
export const dueAtSchema = z
  .union([z.date(), z.iso.datetime({ offset: true }).transform((iso) => new Date(iso))], {
    error: 'A due date must be a date-time such as 2030-01-31T09:00:00Z.',
  })
  .nullable();

/** The fields a person writes when creating a to-do; the rest are set by the writer. */
export const todoCreateSchema = z.strictObject({
  title: todoTitleSchema,
  notes: todoNotesSchema.default(''),
  done: z.boolean({ error: 'done must be true or false.' }).default(false),
  dueAt: dueAtSchema.default(null),
  priority: prioritySchema.default(0),
  tags: tagsSchema.default([]),
  order: orderSchema.optional(),
});
export type TodoCreateInput = z.output<typeof todoCreateSchema>;

/** A partial edit of a to-do: at least one field. */
export const todoUpdateSchema = z
  .strictObject({
    title: todoTitleSchema,
    notes: todoNotesSchema,
    done: z.boolean({ error: 'done must be true or false.' }),
    dueAt: dueAtSchema,
    priority: prioritySchema,
    tags: tagsSchema,
    order: orderSchema,
  })
  .partial()
  .refine((edit) => Object.keys(edit).length > 0, { message: 'Nothing to change.' });
export type TodoUpdateInput = z.output<typeof todoUpdateSchema>;

export const listCreateSchema = z.strictObject({
  title: listTitleSchema,
  order: orderSchema.default(0),
});
export type ListCreateInput = z.output<typeof listCreateSchema>;

export const listUpdateSchema = z
  .strictObject({ title: listTitleSchema, order: orderSchema })
  .partial()
  .refine((edit) => Object.keys(edit).length > 0, { message: 'Nothing to change.' });
export type ListUpdateInput = z.output<typeof listUpdateSchema>;

export const profileUpdateSchema = z
  .strictObject({ displayName: displayNameSchema, photoURL: photoURLSchema })
  .partial()
  .refine((edit) => Object.keys(edit).length > 0, { message: 'Nothing to change.' });
export type ProfileUpdateInput = z.output<typeof profileUpdateSchema>;

// ---------------------------------------------------------------------------------------------
// Callable functions: names, inputs and results.

export const CALLABLES = {
  claimUsername: 'claimUsername',
  inviteMember: 'inviteMember',
  setMemberRole: 'setMemberRole',
  removeMember: 'removeMember',
  leaveList: 'leaveList',
  listMembers: 'listMembers',
  exportMyData: 'exportMyData',
  deleteAccount: 'deleteAccount',
} as const;

const memberRoleSchema = z.enum(MEMBER_ROLES, { error: 'The role must be "editor" or "viewer".' });

export const claimUsernameInput = z.strictObject({ username: usernameSchema });
export type ClaimUsernameInput = z.input<typeof claimUsernameInput>;
export interface ClaimUsernameResult {
  username: string;
}

export const inviteMemberInput = z.strictObject({
  listId: documentIdSchema,
  username: usernameSchema,
  role: memberRoleSchema,
});
export type InviteMemberInput = z.input<typeof inviteMemberInput>;
export interface InviteMemberResult {
  uid: string;
  username: string;
  role: MemberRole;
}

export const setMemberRoleInput = z.strictObject({
  listId: documentIdSchema,
  uid: documentIdSchema,
  role: memberRoleSchema,
});
export type SetMemberRoleInput = z.input<typeof setMemberRoleInput>;

export const removeMemberInput = z.strictObject({
  listId: documentIdSchema,
  uid: documentIdSchema,
});
export type RemoveMemberInput = z.input<typeof removeMemberInput>;

export const leaveListInput = z.strictObject({ listId: documentIdSchema });
export type LeaveListInput = z.input<typeof leaveListInput>;

export const listMembersInput = z.strictObject({ listId: documentIdSchema });
export type ListMembersInput = z.input<typeof listMembersInput>;

/** A member as other members of the same list may see them. */
export interface MemberSummary {
  uid: string;
  role: Role;
  username: string | null;
  displayName: string;
}
export interface ListMembersResult {
  members: MemberSummary[];
}

/** Results of callables that only change state. */
export interface DoneResult {
  ok: true;
}

/** exportMyData(): everything about the caller, timestamps as ISO 8601 strings. */
export interface ExportedTodo extends TodoDoc<string> {
  id: string;
  attachments: Array<AttachmentDoc<string> & { id: string }>;
}
export interface ExportedList extends ListDoc<string> {
  id: string;
  role: Role;
  todos: ExportedTodo[];
}
export interface ExportMyDataResult {
  exportedAt: string;
  uid: string;
  profile: UserDoc<string> | null;
  lists: ExportedList[];
}
