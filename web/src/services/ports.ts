import type { Due, ExportMyDataResult, MemberSummary, Reminder, Subtask } from '@model';
import type {
  AppNotification,
  Attachment,
  MemberRole,
  Todo,
  TodoDraft,
  TodoList,
  UserProfile,
} from '@/domain/entities';

/**
 * What the stores need from the outside world. The Firebase adapters implement these; unit tests
 * hand the stores in-memory fakes instead, so nothing below the stores is ever imitated.
 */
export type Unsubscribe = () => void;

export interface Observer<T> {
  next(value: T): void;
  error(error: unknown): void;
}

/** A write the local cache applied at once; `written` settles when the server confirms it. */
export interface QueuedWrite {
  id: string;
  written: Promise<void>;
}

export interface AuthUser {
  uid: string;
  email: string | null;
  displayName: string | null;
  emailVerified: boolean;
  /** Sign-in providers linked to the account, e.g. "password", "google.com". */
  providers: string[];
}

export interface AuthGateway {
  watchUser(listener: (user: AuthUser | null) => void): Unsubscribe;
  /** Creates the account, signed in, with that name on its Auth record; resolves to its uid. */
  signUp(email: string, password: string, displayName: string): Promise<string>;
  signIn(email: string, password: string): Promise<void>;
  signInWithGoogle(): Promise<void>;
  signOut(): Promise<void>;
  sendPasswordReset(email: string): Promise<void>;
  sendEmailVerification(): Promise<void>;
  confirmPasswordReset(code: string, newPassword: string): Promise<void>;
  applyActionCode(code: string): Promise<void>;
  reloadUser(): Promise<AuthUser | null>;
  /** Proves the person is present: with their password, or with Google when `password` is null. */
  reauthenticate(password: string | null): Promise<void>;
  updateDisplayName(displayName: string): Promise<void>;
}

export interface ListsGateway {
  watchMyLists(uid: string, observer: Observer<TodoList[]>): Unsubscribe;
  createList(uid: string, title: string, order: number): QueuedWrite;
  renameList(listId: string, title: string): Promise<void>;
  moveList(listId: string, order: number): Promise<void>;
  deleteList(listId: string): Promise<void>;
}

export interface TodoPatch {
  title?: string;
  notes?: string;
  due?: Due | null;
  repeat?: string | null;
  reminders?: Reminder[];
  subtasks?: Subtask[];
  priority?: number;
  tags?: string[];
  order?: number;
}

export interface TodosGateway {
  watchTodos(listId: string, observer: Observer<Todo[]>): Unsubscribe;
  /**
   * The open to-dos due on or before `through` ('YYYY-MM-DD') of every list `uid` is a member
   * of, live, by due date: one collection-group query, limited by memberIds to those lists.
   */
  watchDueTodos(uid: string, through: string, observer: Observer<Todo[]>): Unsubscribe;
  /**
   * Every to-do, open and done, of every list `uid` is a member of, live (search across lists):
   * one collection-group query, limited by memberIds to those lists.
   */
  watchMyTodos(uid: string, observer: Observer<Todo[]>): Unsubscribe;
  /** Adds a to-do to `list`, whose memberIds it copies (the rules require the list's own). */
  createTodo(
    list: Pick<TodoList, 'id' | 'memberIds'>,
    uid: string,
    draft: TodoDraft,
    order: number,
  ): QueuedWrite;
  updateTodo(listId: string, todoId: string, patch: TodoPatch): Promise<void>;
  /**
   * Marks the to-do done or open; `todo` is as this device last read it (completedAt follows).
   * Completing writes the due date shown, so completing an occurrence of a repeating to-do that
   * has since rolled over is refused rather than completing the next one. Reopening a repeating
   * to-do puts back the occurrence `todo` shows (due date, repeat count, reminders): undoing a
   * completion undoes the roll-over to the next occurrence too.
   */
  setDone(
    todo: Pick<Todo, 'listId' | 'id' | 'done' | 'due' | 'repeat' | 'reminders'>,
    done: boolean,
  ): Promise<void>;
  deleteTodos(listId: string, todoIds: readonly string[]): Promise<void>;
}

/** What the person picked: the browser's File, described by the fields the rules check. */
export interface AttachmentFile {
  name: string;
  contentType: string;
  size: number;
  data: Blob;
}

/**
 * An upload under way: `done` settles when Storage has the whole file (its progress, from 0 to 1,
 * goes to the `onProgress` given to `upload`).
 */
export interface UploadTask {
  done: Promise<void>;
  cancel(): void;
}

/** A to-do's photos: documents in Firestore, files in Storage (processed by the upload trigger). */
export interface AttachmentsGateway {
  watchAttachments(listId: string, todoId: string, observer: Observer<Attachment[]>): Unsubscribe;
  /** Creates the `processing` document the Storage rules require before the upload. */
  createAttachment(listId: string, todoId: string, uid: string, file: AttachmentFile): QueuedWrite;
  upload(
    listId: string,
    todoId: string,
    attachmentId: string,
    file: AttachmentFile,
    onProgress: (fraction: number) => void,
  ): UploadTask;
  /** Deletes the document; a function (onAttachmentWritten) then removes both its files. */
  deleteAttachment(listId: string, todoId: string, attachmentId: string): Promise<void>;
  downloadUrl(storagePath: string): Promise<string>;
}

export interface ProfileGateway {
  watchProfile(uid: string, observer: Observer<UserProfile | null>): Unsubscribe;
  updateDisplayName(uid: string, displayName: string): Promise<void>;
}

/** The person's in-app notifications (reminders that fired), newest first. */
export interface NotificationsGateway {
  watchNotifications(uid: string, observer: Observer<AppNotification[]>): Unsubscribe;
  /** Marks these notifications read, in one write. */
  markRead(uid: string, notificationIds: readonly string[]): Promise<void>;
  /** Why this browser cannot also get reminders as system notifications; null when it can. */
  pushUnavailableReason(): string | null;
  /** Asks the browser's permission and registers it for web pushes of the person's reminders. */
  enablePush(uid: string): Promise<void>;
}

/** The callable functions; a refusal carries the function's code (`functions/…`) and its message. */
export interface AccountGateway {
  claimUsername(username: string): Promise<void>;
  inviteMember(listId: string, username: string, role: MemberRole): Promise<void>;
  setMemberRole(listId: string, uid: string, role: MemberRole): Promise<void>;
  listMembers(listId: string): Promise<MemberSummary[]>;
  removeMember(listId: string, uid: string): Promise<void>;
  leaveList(listId: string): Promise<void>;
  exportMyData(): Promise<ExportMyDataResult>;
  deleteAccount(): Promise<void>;
}

export interface Services {
  auth: AuthGateway;
  lists: ListsGateway;
  todos: TodosGateway;
  attachments: AttachmentsGateway;
  profiles: ProfileGateway;
  account: AccountGateway;
  notifications: NotificationsGateway;
}
