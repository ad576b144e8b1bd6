import {
  doneFields,
  newAttachmentDoc,
  newListDoc,
  newTodoDoc,
  todoCreateSchema,
  type MemberRole,
  type MemberSummary,
} from '@model';
import type {
  AppNotification,
  Attachment,
  Todo,
  TodoDraft,
  TodoList,
  UserProfile,
} from '@/domain/entities';
import type {
  AccountGateway,
  AttachmentFile,
  AttachmentsGateway,
  AuthGateway,
  AuthUser,
  ListsGateway,
  NotificationsGateway,
  Observer,
  ProfileGateway,
  Services,
  TodoPatch,
  TodosGateway,
} from '@/services/ports';

/**
 * In-memory stand-ins for the ports, for unit tests of stores and components. They keep state and
 * notify watchers synchronously, so tests observe behaviour instead of scripting calls.
 */
export class FakeError extends Error {
  constructor(
    readonly code: string,
    message = code,
  ) {
    super(message);
  }
}

/** A live collection: watchers get every change, like a snapshot listener. */
class LiveCollection<T> {
  private readonly watchers = new Set<Observer<T[]>>();
  constructor(
    public items: T[] = [],
    private readonly onSet?: () => void,
  ) {}

  watch(observer: Observer<T[]>, filter: (item: T) => boolean = () => true): () => void {
    const scoped: Observer<T[]> = {
      next: (items) => observer.next(items.filter(filter)),
      error: observer.error,
    };
    this.watchers.add(scoped);
    scoped.next(this.items);
    return () => this.watchers.delete(scoped);
  }

  set(items: T[]): void {
    this.items = items;
    for (const watcher of this.watchers) watcher.next(items);
    this.onSet?.();
  }

  fail(error: unknown): void {
    for (const watcher of this.watchers) watcher.error(error);
  }

  get watcherCount(): number {
    return this.watchers.size;
  }
}

export function makeList(overrides: Partial<TodoList> & { id: string; ownerId: string }): TodoList {
  const list = newListDoc(overrides.ownerId, { title: overrides.id, order: 0 }, new Date(0));
  return { ...list, pending: false, ...overrides };
}

/** A list `ownerId` owns and has shared with `memberId` as `role`. */
export function makeSharedList(
  overrides: Partial<TodoList> & { id: string; ownerId: string },
  memberId: string,
  role: MemberRole,
): TodoList {
  return makeList({
    members: { [overrides.ownerId]: 'owner', [memberId]: role },
    memberIds: [overrides.ownerId, memberId],
    ...overrides,
  });
}

export function makeTodo(overrides: Partial<Todo> & { id: string }): Todo {
  // A to-do with only a title, the rest as todoCreateSchema defaults them.
  const draft = { ...todoCreateSchema.parse({ title: overrides.id }), order: 0 };
  const todo = newTodoDoc('alice', draft, ['alice'], new Date(0));
  return { listId: 'list-1', ...todo, pending: false, ...overrides };
}

export class FakeAuth implements AuthGateway {
  user: AuthUser | null = null;
  passwords = new Map<string, string>();
  reauthenticatedWith: Array<string | null> = [];
  private listeners = new Set<(user: AuthUser | null) => void>();

  setUser(user: AuthUser | null): void {
    this.user = user;
    for (const listener of this.listeners) listener(user);
  }

  watchUser(listener: (user: AuthUser | null) => void) {
    this.listeners.add(listener);
    listener(this.user);
    return () => this.listeners.delete(listener);
  }
  async signUp(email: string, password: string, displayName: string) {
    if (this.passwords.has(email)) throw new FakeError('auth/email-already-in-use');
    if (password.length < 6) throw new FakeError('auth/weak-password');
    this.passwords.set(email, password);
    const uid = `uid-${email}`;
    this.setUser({ uid, email, displayName, emailVerified: false, providers: ['password'] });
    return uid;
  }
  /** Answers as a project without email enumeration protection does: the two mistakes differ. */
  async signIn(email: string, password: string) {
    const known = this.passwords.get(email);
    if (known === undefined) throw new FakeError('auth/user-not-found');
    if (known !== password) throw new FakeError('auth/wrong-password');
    this.setUser({
      uid: `uid-${email}`,
      email,
      displayName: null,
      emailVerified: true,
      providers: ['password'],
    });
  }
  async signInWithGoogle() {
    this.setUser({
      uid: 'uid-google',
      email: 'g@example.com',
      displayName: 'G',
      emailVerified: true,
      providers: ['google.com'],
    });
  }
  async signOut() {
    this.setUser(null);
  }
  async sendPasswordReset(email: string) {
    if (!this.passwords.has(email)) throw new FakeError('auth/user-not-found');
    this.resetsSentTo.push(email);
  }
  async sendEmailVerification() {}
  async confirmPasswordReset() {}
  async applyActionCode() {}
  async reloadUser() {
    return this.user;
  }
  readonly resetsSentTo: string[] = [];
  async reauthenticate(password: string | null) {
    if (password !== null && this.user?.email && this.passwords.get(this.user.email) !== password) {
      throw new FakeError('auth/wrong-password');
    }
    this.reauthenticatedWith.push(password);
  }
  async updateDisplayName(displayName: string) {
    if (this.user) this.user = { ...this.user, displayName };
  }
}

export class FakeLists implements ListsGateway {
  readonly lists = new LiveCollection<TodoList>();
  /** Promise every write returns; tests swap it to simulate a refused write. */
  outcome: () => Promise<void> = () => Promise.resolve();
  private nextId = 1;

  watchMyLists(uid: string, observer: Observer<TodoList[]>) {
    return this.lists.watch(observer, (list) => list.memberIds.includes(uid));
  }
  createList(uid: string, title: string, order: number) {
    const id = `new-list-${this.nextId++}`;
    this.lists.set([
      ...this.lists.items,
      makeList({ id, ownerId: uid, title, order, pending: true }),
    ]);
    return { id, written: this.outcome() };
  }
  renameList(listId: string, title: string) {
    this.lists.set(
      this.lists.items.map((list) => (list.id === listId ? { ...list, title } : list)),
    );
    return this.outcome();
  }
  moveList(listId: string, order: number) {
    this.lists.set(
      this.lists.items.map((list) => (list.id === listId ? { ...list, order } : list)),
    );
    return this.outcome();
  }
  deleteList(listId: string) {
    this.lists.set(this.lists.items.filter((list) => list.id !== listId));
    return this.outcome();
  }
}

export class FakeTodos implements TodosGateway {
  readonly byList = new Map<string, LiveCollection<Todo>>();
  outcome: () => Promise<void> = () => Promise.resolve();
  private nextId = 1;
  /** The watches across lists (watchDueTodos, watchMyTodos), told of every change to any list. */
  private readonly dueWatchers = new Set<() => void>();

  collection(listId: string): LiveCollection<Todo> {
    let live = this.byList.get(listId);
    if (!live) {
      live = new LiveCollection<Todo>([], () => this.dueWatchers.forEach((send) => send()));
      this.byList.set(listId, live);
    }
    return live;
  }
  watchTodos(listId: string, observer: Observer<Todo[]>) {
    return this.collection(listId).watch(observer);
  }
  watchDueTodos(uid: string, through: string, observer: Observer<Todo[]>) {
    const send = () =>
      observer.next(
        [...this.byList.values()]
          .flatMap((live) => live.items)
          .filter((todo) => todo.memberIds.includes(uid) && !todo.done)
          .filter((todo) => todo.due !== null && todo.due.date <= through)
          .sort((a, b) => ((a.due?.date ?? '') < (b.due?.date ?? '') ? -1 : 1)),
      );
    this.dueWatchers.add(send);
    send();
    return () => this.dueWatchers.delete(send);
  }
  watchMyTodos(uid: string, observer: Observer<Todo[]>) {
    const send = () =>
      observer.next(
        [...this.byList.values()]
          .flatMap((live) => live.items)
          .filter((todo) => todo.memberIds.includes(uid)),
      );
    this.dueWatchers.add(send);
    send();
    return () => this.dueWatchers.delete(send);
  }
  createTodo(
    list: Pick<TodoList, 'id' | 'memberIds'>,
    uid: string,
    draft: TodoDraft,
    order: number,
  ) {
    const id = `new-todo-${this.nextId++}`;
    const live = this.collection(list.id);
    // What the gateway writes, as the local cache shows it before the server confirms.
    const todo = newTodoDoc(uid, { ...draft, done: false, order }, list.memberIds, new Date());
    live.set([...live.items, { ...todo, id, listId: list.id, pending: true }]);
    return { id, written: this.outcome() };
  }
  updateTodo(listId: string, todoId: string, patch: TodoPatch) {
    return this.change(listId, todoId, patch);
  }
  setDone(
    todo: Pick<Todo, 'listId' | 'id' | 'done' | 'due' | 'repeat' | 'reminders'>,
    done: boolean,
  ) {
    const { due, repeat, reminders } = todo;
    return this.change(todo.listId, todo.id, {
      ...doneFields(done, todo.done, new Date()),
      ...(!done && repeat !== null && { due, repeat, reminders }),
    });
  }
  private change(listId: string, todoId: string, fields: Partial<Todo>) {
    const live = this.collection(listId);
    live.set(live.items.map((todo) => (todo.id === todoId ? { ...todo, ...fields } : todo)));
    return this.outcome();
  }
  deleteTodos(listId: string, todoIds: readonly string[]) {
    const live = this.collection(listId);
    live.set(live.items.filter((todo) => !todoIds.includes(todo.id)));
    return this.outcome();
  }
}

export function makeAttachment(overrides: Partial<Attachment> & { id: string }): Attachment {
  const file = { name: `${overrides.id}.jpg`, contentType: 'image/jpeg', size: 1000 };
  const attachment = newAttachmentDoc('alice', file, new Date(0));
  return { ...attachment, format: null, pending: false, ...overrides };
}

/** An upload the test drives: report progress, then finish or fail it. */
export class FakeUpload {
  cancelled = false;
  readonly done: Promise<void>;
  finish!: () => void;
  fail!: (error: unknown) => void;
  constructor(
    readonly attachmentId: string,
    readonly file: AttachmentFile,
    readonly progress: (fraction: number) => void,
  ) {
    this.done = new Promise<void>((resolve, reject) => {
      this.finish = resolve;
      this.fail = reject;
    });
  }
  cancel(): void {
    this.cancelled = true;
    this.fail(new FakeError('storage/canceled'));
  }
}

export class FakeAttachments implements AttachmentsGateway {
  readonly byTodo = new Map<string, LiveCollection<Attachment>>();
  readonly uploads: FakeUpload[] = [];
  readonly deleted: string[] = [];
  outcome: () => Promise<void> = () => Promise.resolve();
  private nextId = 1;

  collection(listId: string, todoId: string): LiveCollection<Attachment> {
    const key = `${listId}/${todoId}`;
    let live = this.byTodo.get(key);
    if (!live) {
      live = new LiveCollection<Attachment>();
      this.byTodo.set(key, live);
    }
    return live;
  }
  watchAttachments(listId: string, todoId: string, observer: Observer<Attachment[]>) {
    return this.collection(listId, todoId).watch(observer);
  }
  createAttachment(listId: string, todoId: string, uid: string, file: AttachmentFile) {
    const id = `new-attachment-${this.nextId++}`;
    const live = this.collection(listId, todoId);
    const { name, contentType, size } = file;
    live.set([
      ...live.items,
      makeAttachment({ id, name, contentType, size, createdBy: uid, createdAt: new Date() }),
    ]);
    return { id, written: this.outcome() };
  }
  upload(
    _listId: string,
    _todoId: string,
    attachmentId: string,
    file: AttachmentFile,
    onProgress: (fraction: number) => void,
  ) {
    const upload = new FakeUpload(attachmentId, file, onProgress);
    this.uploads.push(upload);
    return upload;
  }
  deleteAttachment(listId: string, todoId: string, attachmentId: string) {
    this.deleted.push(attachmentId);
    const live = this.collection(listId, todoId);
    live.set(live.items.filter((item) => item.id !== attachmentId));
    return this.outcome();
  }
  async downloadUrl(storagePath: string) {
    return `https://files.test/${storagePath}`;
  }
}

export class FakeProfiles implements ProfileGateway {
  readonly profiles = new LiveCollection<UserProfile>();
  watchProfile(uid: string, observer: Observer<UserProfile | null>) {
    return this.profiles.watch(
      { next: (items) => observer.next(items[0] ?? null), error: observer.error },
      (profile) => profile.uid === uid,
    );
  }
  async updateDisplayName(uid: string, displayName: string) {
    this.profiles.set(
      this.profiles.items.map((profile) =>
        profile.uid === uid ? { ...profile, displayName } : profile,
      ),
    );
  }
}

export class FakeAccount implements AccountGateway {
  usernames = new Map<string, string>();
  calls: string[] = [];
  constructor(
    private readonly lists: FakeLists,
    private readonly currentUid: () => string | null,
  ) {}

  async claimUsername(username: string) {
    this.calls.push(`claimUsername ${username}`);
    const owner = this.usernames.get(username);
    if (owner && owner !== this.currentUid())
      throw new FakeError('functions/already-exists', 'That username is taken.');
    this.usernames.set(username, this.currentUid() ?? '');
  }
  async inviteMember(listId: string, username: string, role: 'editor' | 'viewer') {
    this.calls.push(`inviteMember ${listId} ${username} ${role}`);
    const uid = this.usernames.get(username);
    if (!uid) throw new FakeError('functions/not-found', 'No one uses that username.');
    this.setRole(listId, uid, role);
  }
  async setMemberRole(listId: string, uid: string, role: 'editor' | 'viewer') {
    this.calls.push(`setMemberRole ${listId} ${uid} ${role}`);
    this.setRole(listId, uid, role);
  }
  async removeMember(listId: string, uid: string) {
    this.calls.push(`removeMember ${listId} ${uid}`);
    this.setRole(listId, uid, null);
  }
  async leaveList(listId: string) {
    this.calls.push(`leaveList ${listId}`);
    this.setRole(listId, this.currentUid() ?? '', null);
  }
  async listMembers(listId: string): Promise<MemberSummary[]> {
    const list = this.lists.lists.items.find((candidate) => candidate.id === listId);
    const usernameOf = (uid: string) =>
      [...this.usernames].find(([, owner]) => owner === uid)?.[0] ?? null;
    return Object.entries(list?.members ?? {}).map(([uid, role]) => ({
      uid,
      role,
      username: usernameOf(uid),
      displayName: `Name of ${uid}`,
    }));
  }
  async exportMyData() {
    this.calls.push('exportMyData');
    return {
      exportedAt: '2030-01-02T03:04:05.000Z',
      uid: this.currentUid() ?? '',
      profile: null,
      lists: [],
    };
  }
  async deleteAccount() {
    this.calls.push('deleteAccount');
  }

  private setRole(listId: string, uid: string, role: 'editor' | 'viewer' | null): void {
    this.lists.lists.set(
      this.lists.lists.items.map((list) => {
        if (list.id !== listId) return list;
        const members = { ...list.members };
        if (role === null) delete members[uid];
        else members[uid] = role;
        return { ...list, members, memberIds: Object.keys(members) };
      }),
    );
  }
}

export class FakeNotifications implements NotificationsGateway {
  /** Every person's notifications, each with the uid it belongs to. */
  readonly notifications = new LiveCollection<AppNotification & { uid: string }>();
  /** The uids whose browser turned web push on; null: this browser can. */
  readonly pushEnabled: string[] = [];
  unavailableReason: string | null = null;
  watchNotifications(uid: string, observer: Observer<AppNotification[]>) {
    return this.notifications.watch(observer, (notification) => notification.uid === uid);
  }
  async markRead(uid: string, notificationIds: readonly string[]) {
    this.notifications.set(
      this.notifications.items.map((notification) =>
        notification.uid === uid && notificationIds.includes(notification.id)
          ? { ...notification, read: true }
          : notification,
      ),
    );
  }
  pushUnavailableReason() {
    return this.unavailableReason;
  }
  async enablePush(uid: string) {
    this.pushEnabled.push(uid);
  }
}

export interface FakeServices extends Services {
  /** Registers ann@example.com with password "secret1". */
  passwordsSeed(): void;
  auth: FakeAuth;
  lists: FakeLists;
  todos: FakeTodos;
  attachments: FakeAttachments;
  profiles: FakeProfiles;
  account: FakeAccount;
  notifications: FakeNotifications;
}

export function createFakeServices(): FakeServices {
  const auth = new FakeAuth();
  const lists = new FakeLists();
  return {
    passwordsSeed: () => auth.passwords.set('ann@example.com', 'secret1'),
    auth,
    lists,
    todos: new FakeTodos(),
    attachments: new FakeAttachments(),
    profiles: new FakeProfiles(),
    account: new FakeAccount(lists, () => auth.user?.uid ?? null),
    notifications: new FakeNotifications(),
  };
}

/** A profile as the sign-up trigger makes it. */
export function makeProfile(uid: string, displayName = uid): UserProfile {
  const createdAt = new Date(0);
  return { uid, displayName, username: null, photoURL: null, createdAt, updatedAt: createdAt };
}

export function signedIn(uid: string, overrides: Partial<AuthUser> = {}): AuthUser {
  return {
    uid,
    email: `${uid}@example.com`,
    displayName: uid,
    emailVerified: true,
    providers: ['password'],
    ...overrides,
  };
}

/** Fake services with `uid` signed in and `lists` stored: where most tests start. */
export function signedInServices(uid: string, lists: TodoList[] = []): FakeServices {
  const services = createFakeServices();
  services.auth.user = signedIn(uid);
  services.lists.lists.set(lists);
  return services;
}
