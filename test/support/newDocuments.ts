// The documents a client creates, complete and valid under firestore.rules. SDK-neutral: `now` is
// the server-timestamp sentinel of whichever SDK writes them (web or admin).

type Fields = Record<string, unknown>;

export function newListData(uid: string, now: unknown, overrides: Fields = {}): Fields {
  return {
    title: 'Groceries',
    ownerId: uid,
    members: { [uid]: 'owner' },
    memberIds: [uid],
    counts: { open: 0, done: 0 },
    order: 1,
    createdAt: now,
    updatedAt: now,
    ...overrides,
  };
}

export function newTodoData(uid: string, now: unknown, overrides: Fields = {}): Fields {
  return {
    title: 'Buy milk',
    notes: '',
    done: false,
    completedAt: null,
    dueAt: null,
    priority: 0,
    tags: [],
    order: 1,
    createdBy: uid,
    createdAt: now,
    updatedAt: now,
    attachmentCount: 0,
    ...overrides,
  };
}

export function newAttachmentData(uid: string, now: unknown, overrides: Fields = {}): Fields {
  return {
    name: 'photo.jpg',
    contentType: 'image/jpeg',
    size: 1000,
    status: 'processing',
    width: null,
    height: null,
    thumbPath: null,
    takenAt: null,
    error: null,
    createdBy: uid,
    createdAt: now,
    ...overrides,
  };
}
