// Sizes and counts a document may reach. firestore.rules and storage.rules enforce the same
// numbers: when one changes here it changes there too (test/rules checks the boundaries).

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
  /** Ids of reminders and subtasks, chosen by the writer: letters, digits, '-' and '_'. */
  itemId: 64,
  remindersPerTodo: 5,
  /** The newest in-app notifications the bell shows. */
  notificationsShown: 50,
  /** A reminder "before" a timed due date: at most four weeks, in minutes. */
  reminderMinutesBeforeMax: 28 * 24 * 60,
  subtasksPerTodo: 50,
  subtaskTitle: 200,
  repeatRule: 200,
  repeatIntervalMax: 999,
  repeatCountMax: 999,
} as const;

/**
 * Gap between neighbours' `order` for an item added after the last one; the web app and the REST
 * API use the same step so that to-dos they add interleave the same way.
 */
export const ORDER_STEP = 1024;
