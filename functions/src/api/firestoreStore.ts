// ApiStore on firebase-admin Firestore. Writes run in a transaction that reads the list first,
// so the membership check and the write are atomic, as a rules `get()` is with the client write
// it guards; the written to-do is read back for its server timestamps.
import {
  FieldPath,
  FieldValue,
  type DocumentReference,
  type DocumentSnapshot,
  type Firestore,
  type Timestamp,
  type Transaction,
} from 'firebase-admin/firestore';
import {
  COLLECTIONS,
  DUE_DATE_SPREAD_DAYS,
  addDays,
  currentTodo,
  dueDateIn,
  newListDoc,
  orderAfterLast,
  dueInstant,
  dueView,
  orderBetween,
  paths,
  roleOf,
  scheduleIssues,
  todayIn,
  type Due,
  type ListDoc,
  type ScheduleFields,
  type StoredTodoDoc,
  type UserDoc,
} from '../model/index.js';
import { AppError } from '../shared/errors.js';
import { requireAccess, type Access } from './access.js';
import { toListSummary, toPublicProfile, toTodo } from './documents.js';
import { nextOccurrenceOf, rolledOverFields } from '../todos/rollOver.js';
import * as sharing from '../lists/sharing.js';
import { completedTodoFields, editedTodoFields, newTodoFields } from './todoWrites.js';
import type { ApiStore } from './store.js';
import type { ListSummary, Member, Todo } from './schemas.js';

const todoNotFound = () => new AppError('not-found', 'That to-do does not exist.');

/** How many days after today Upcoming shows, and the most to-dos a view answers with. */
const UPCOMING_DAYS = 7;
const DUE_TODOS_LIMIT = 500;

/** When a due date falls, to sort by: a timed one at its instant, a dated one at its day's start. */
const dueOrder = (due: Due) => dueInstant(due)?.getTime() ?? Date.parse(`${due.date}T00:00:00Z`);

/** An edit must leave a schedule that holds together (a repeat needs a due date, and so on). */
function requireSchedule(todo: ScheduleFields): void {
  const [issue] = scheduleIssues(todo);
  if (issue) throw new AppError('invalid-argument', `${issue.path.join('.')}: ${issue.message}`);
}

export function firestoreStore(db: Firestore): ApiStore {
  const listRef = (listId: string) => db.doc(paths.list(listId));
  const todoRef = (listId: string, todoId: string) => db.doc(paths.todo(listId, todoId));
  const todos = (listId: string) => db.collection(paths.todos(listId));

  const readTodo = async (ref: DocumentReference, listId: string): Promise<Todo> => {
    const snapshot = await ref.get();
    if (!snapshot.exists) throw todoNotFound();
    return toTodo(listId, snapshot.id, snapshot.data() as StoredTodoDoc<Timestamp>);
  };

  /**
   * Reads the list and the to-do in one transaction step and checks access; the to-do must exist.
   * It comes in today's shape, whichever shape it is stored in (currentTodo).
   */
  const lockTodo = async (
    tx: Transaction,
    uid: string,
    listId: string,
    todoId: string,
    access: Access,
  ) => {
    const [list, todo] = (await tx.getAll(listRef(listId), todoRef(listId, todoId))) as [
      DocumentSnapshot,
      DocumentSnapshot,
    ];
    requireAccess(list.data() as ListDoc | undefined, uid, access);
    if (!todo.exists) throw todoNotFound();
    return currentTodo(todo.data() as StoredTodoDoc<Timestamp>, (stamp: Timestamp) =>
      stamp.toDate(),
    );
  };

  /** One member as the list's members see them, read after a sharing change. */
  const memberOf = async (uid: string, listId: string, memberUid: string): Promise<Member> => {
    const { members } = await sharing.listMembers(uid, { listId });
    const member = members.find((candidate) => candidate.uid === memberUid);
    if (!member) throw new AppError('not-found', 'That person is no longer a member of this list.');
    return member;
  };

  /** The caller's lists in their order, with the caller's role in each. */
  const listsOf = async (uid: string): Promise<ListSummary[]> => {
    const snapshot = await db
      .collection(COLLECTIONS.lists)
      .where('memberIds', 'array-contains', uid)
      .get();
    return snapshot.docs
      .flatMap((doc) => {
        const list = doc.data() as ListDoc;
        const role = roleOf(list, uid);
        return role ? [toListSummary(doc.id, list, role)] : [];
      })
      .sort((a, b) => a.order - b.order || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  };

  return {
    async publicProfile(username) {
      const claim = await db.doc(paths.username(username)).get();
      const uid: unknown = claim.get('uid');
      if (typeof uid !== 'string') return null;
      const user = await db.doc(paths.user(uid)).get();
      return user.exists ? toPublicProfile(username, user.data() as UserDoc) : null;
    },

    listsOf,

    async createList(uid, { title, order }) {
      const own = (await listsOf(uid)).filter((list) => list.ownerId === uid);
      const ref = db.collection(COLLECTIONS.lists).doc();
      const position = order ?? orderAfterLast(own);
      await ref.create(newListDoc(uid, { title, order: position }, FieldValue.serverTimestamp()));
      const created = await ref.get();
      return toListSummary(ref.id, created.data() as ListDoc, 'owner');
    },

    async todos(uid, listId, { status, limit, after }) {
      let query = todos(listId).orderBy('order').orderBy(FieldPath.documentId());
      if (status) query = query.where('done', '==', status === 'done');
      if (after) query = query.startAfter(after.order, after.id);
      // The list and the page are read together; the page is dropped unless the caller may read it.
      const [list, page] = await Promise.all([listRef(listId).get(), query.limit(limit + 1).get()]);
      requireAccess(list.data() as ListDoc | undefined, uid, 'read');
      return {
        todos: page.docs
          .slice(0, limit)
          .map((doc) => toTodo(listId, doc.id, doc.data() as StoredTodoDoc<Timestamp>)),
        more: page.size > limit,
      };
    },

    async todo(uid, listId, todoId) {
      const [list, todo] = await Promise.all([
        listRef(listId).get(),
        todoRef(listId, todoId).get(),
      ]);
      requireAccess(list.data() as ListDoc | undefined, uid, 'read');
      if (!todo.exists) throw todoNotFound();
      return toTodo(listId, todo.id, todo.data() as StoredTodoDoc<Timestamp>);
    },

    async dueTodos(uid, { view, timeZone, now }) {
      const today = todayIn(timeZone, now);
      // A stored due.date is within DUE_DATE_SPREAD_DAYS of the day a viewer anywhere sees:
      // query that much wider, then keep what falls in the view for this viewer (dueView).
      const spread = DUE_DATE_SPREAD_DAYS;
      const [from, to] = {
        overdue: [null, addDays(today, spread)],
        today: [addDays(today, -spread), addDays(today, spread)],
        upcoming: [addDays(today, 1 - spread), addDays(today, UPCOMING_DAYS + spread)],
      }[view];
      let query = db
        .collectionGroup(COLLECTIONS.todos)
        .where('memberIds', 'array-contains', uid)
        .where('done', '==', false)
        .where('due.date', '<=', to);
      if (from) query = query.where('due.date', '>=', from);
      const snapshot = await query.orderBy('due.date').limit(DUE_TODOS_LIMIT).get();
      const lastDay = addDays(today, UPCOMING_DAYS);
      return snapshot.docs
        .map((doc) =>
          toTodo(doc.ref.parent.parent?.id ?? '', doc.id, doc.data() as StoredTodoDoc<Timestamp>),
        )
        .filter((todo) => {
          const due = todo.due as Due;
          const seen = dueView(due, today, timeZone);
          return view === 'upcoming'
            ? seen === 'upcoming' && dueDateIn(due, timeZone) <= lastDay
            : seen === view;
        })
        .sort((a, b) => dueOrder(a.due as Due) - dueOrder(b.due as Due) || a.order - b.order);
    },

    async createTodo(uid, listId, input) {
      const ref = todos(listId).doc();
      await db.runTransaction(async (tx) => {
        const list = (await tx.get(listRef(listId))).data() as ListDoc | undefined;
        requireAccess(list, uid, 'write');
        let order = input.order;
        if (order === undefined) {
          const last = await tx.get(todos(listId).orderBy('order', 'desc').limit(1));
          order = orderBetween(last.empty ? null : (last.docs[0]?.get('order') as number), null);
        }
        tx.create(ref, newTodoFields(uid, input, order, (list as ListDoc).memberIds));
      });
      return readTodo(ref, listId);
    },

    async updateTodo(uid, listId, todoId, edit) {
      const ref = todoRef(listId, todoId);
      await db.runTransaction(async (tx) => {
        const todo = await lockTodo(tx, uid, listId, todoId, 'write');
        const edited = { ...todo, ...edit };
        requireSchedule(edited);
        // Completing a repeating to-do answers with it open on its next occurrence, as the app
        // shows it once the trigger has run.
        const next = edit.done === true && !todo.done ? nextOccurrenceOf(edited) : null;
        tx.update(ref, {
          ...editedTodoFields(edit, todo.done),
          ...(next && rolledOverFields(next)),
        });
      });
      return readTodo(ref, listId);
    },

    async completeTodo(uid, listId, todoId) {
      const ref = todoRef(listId, todoId);
      await db.runTransaction(async (tx) => {
        const todo = await lockTodo(tx, uid, listId, todoId, 'write');
        if (todo.done) throw new AppError('failed-precondition', 'That to-do is already done.');
        const next = nextOccurrenceOf(todo);
        tx.update(ref, next ? rolledOverFields(next) : completedTodoFields());
      });
      return readTodo(ref, listId);
    },

    async deleteTodo(uid, listId, todoId) {
      await db.runTransaction(async (tx) => {
        await lockTodo(tx, uid, listId, todoId, 'write');
        tx.delete(todoRef(listId, todoId));
      });
    },

    // Sharing is the sharing callables' own code (lists/sharing.ts): the same checks, the same
    // messages, and the list's memberIds copied onto its to-dos before it answers. It runs on the
    // functions' firebase-admin Firestore, the one api.ts hands this store.
    async members(uid, listId) {
      return (await sharing.listMembers(uid, { listId })).members;
    },

    async inviteMember(uid, listId, { username, role }) {
      const invited = await sharing.inviteMember(uid, { listId, username, role });
      return memberOf(uid, listId, invited.uid);
    },

    async setMemberRole(uid, listId, memberUid, role) {
      await sharing.setMemberRole(uid, { listId, uid: memberUid, role });
      return memberOf(uid, listId, memberUid);
    },

    async removeMember(uid, listId, memberUid) {
      if (memberUid === uid) await sharing.leaveList(uid, { listId });
      else await sharing.removeMember(uid, { listId, uid: memberUid });
    },
  };
}
