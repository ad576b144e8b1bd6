// Where documents and files live: Firestore document and collection paths, Storage object paths.

export const COLLECTIONS = {
  users: 'users',
  usernames: 'usernames',
  lists: 'lists',
  todos: 'todos',
  attachments: 'attachments',
  notifications: 'notifications',
  pushTokens: 'pushTokens',
} as const;

export const paths = {
  user: (uid: string) => `users/${uid}`,
  notifications: (uid: string) => `users/${uid}/notifications`,
  notification: (uid: string, notificationId: string) =>
    `users/${uid}/notifications/${notificationId}`,
  pushTokens: (uid: string) => `users/${uid}/pushTokens`,
  pushToken: (uid: string, token: string) => `users/${uid}/pushTokens/${token}`,
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
