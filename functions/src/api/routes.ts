// The REST API's operations under /api/v1. Handlers only translate: validated input in, store
// call, JSON out. Access, validation and errors live in the layers below.
import { z } from 'zod';
import { usernameSchema } from '../model/index.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import { readDueString } from './dueString.js';
import { buildOpenApi } from './openapi.js';
import { publicOperation, signedInOperation, type Operation } from './operation.js';
import {
  dueTodosQuery,
  dueTodosSchema,
  listCreateBody,
  listParams,
  listSchema,
  listsResponseSchema,
  memberInviteBody,
  memberParams,
  memberRoleBody,
  memberSchema,
  membersResponseSchema,
  publicProfileSchema,
  todoCreateBody,
  todoPageQuery,
  todoPageSchema,
  todoParams,
  todoSchema,
  todoUpdateBody,
  usernameParams,
} from './schemas.js';
import type { ApiStore } from './store.js';
import { AppError } from '../shared/errors.js';

/** Errors any signed-in operation on a list can answer with. */
const LIST_ERRORS = [400, 401, 404, 429] as const;
const WRITE_ERRORS = [...LIST_ERRORS, 403] as const;
/** Sharing changes also conflict with the list as it is (409): the owner's own membership, the
 * most members a list holds. */
const SHARING_ERRORS = [...WRITE_ERRORS, 409] as const;

export function createOperations(store: ApiStore): Operation[] {
  const operations: Operation[] = [
    publicOperation({
      method: 'GET',
      path: '/users/{username}',
      operationId: 'getPublicProfile',
      summary: "A user's public profile. No sign-in needed.",
      params: usernameParams,
      success: { status: 200, schema: publicProfileSchema },
      errors: [404, 429],
      async handle({ params }) {
        // A name that could never be claimed is one nobody has: 404, like an unclaimed one.
        const username = usernameSchema.safeParse(params.username);
        const profile = username.success ? await store.publicProfile(username.data) : null;
        if (!profile) throw new AppError('not-found', 'Nobody has that username.');
        return profile;
      },
    }),
    signedInOperation({
      method: 'GET',
      path: '/lists',
      operationId: 'listLists',
      summary: 'The lists the caller is a member of, in their order.',
      params: z.strictObject({}),
      success: { status: 200, schema: listsResponseSchema },
      errors: [401, 429],
      handle: async ({ uid }) => ({ lists: await store.listsOf(uid) }),
    }),
    signedInOperation({
      method: 'POST',
      path: '/lists',
      operationId: 'createList',
      summary: 'Creates a list the caller owns, after their own lists unless `order` is given.',
      params: z.strictObject({}),
      body: listCreateBody,
      success: { status: 201, schema: listSchema },
      errors: [400, 401, 413, 415, 429],
      handle: ({ uid, body }) => store.createList(uid, body),
    }),
    signedInOperation({
      method: 'GET',
      path: '/todos',
      operationId: 'listDueTodos',
      summary:
        "Open to-dos across every list the caller can see that are due today, in the upcoming seven days, or overdue, in the caller's time zone.",
      params: z.strictObject({}),
      query: dueTodosQuery,
      success: { status: 200, schema: dueTodosSchema },
      errors: [400, 401, 429],
      handle: async ({ uid, query }) => ({
        todos: await store.dueTodos(uid, { ...query, now: new Date() }),
      }),
    }),
    signedInOperation({
      method: 'GET',
      path: '/lists/{listId}/todos',
      operationId: 'listTodos',
      summary: "A page of a list's to-dos in the list's order.",
      params: listParams,
      query: todoPageQuery,
      success: { status: 200, schema: todoPageSchema },
      errors: LIST_ERRORS,
      async handle({ uid, params, query }) {
        const after = query.cursor === undefined ? null : decodeCursor(query.cursor);
        const slice = await store.todos(uid, params.listId, {
          status: query.status,
          limit: query.limit,
          after,
        });
        const last = slice.todos.at(-1);
        return { todos: slice.todos, nextCursor: slice.more && last ? encodeCursor(last) : null };
      },
    }),
    signedInOperation({
      method: 'POST',
      path: '/lists/{listId}/todos',
      operationId: 'createTodo',
      summary: 'Adds a to-do; without `order` it goes after the last one. Editors and owners.',
      params: listParams,
      body: todoCreateBody,
      success: { status: 201, schema: todoSchema },
      errors: [...WRITE_ERRORS, 413, 415],
      handle: async ({ uid, params, body }) =>
        store.createTodo(uid, params.listId, await readDueString(body, new Date())),
    }),
    signedInOperation({
      method: 'GET',
      path: '/lists/{listId}/todos/{todoId}',
      operationId: 'getTodo',
      summary: 'One to-do.',
      params: todoParams,
      success: { status: 200, schema: todoSchema },
      errors: LIST_ERRORS,
      handle: ({ uid, params }) => store.todo(uid, params.listId, params.todoId),
    }),
    signedInOperation({
      method: 'PATCH',
      path: '/lists/{listId}/todos/{todoId}',
      operationId: 'updateTodo',
      summary: 'Changes some fields of a to-do. Editors and owners.',
      params: todoParams,
      body: todoUpdateBody,
      success: { status: 200, schema: todoSchema },
      errors: [...WRITE_ERRORS, 413, 415],
      handle: async ({ uid, params, body }) =>
        store.updateTodo(uid, params.listId, params.todoId, await readDueString(body, new Date())),
    }),
    signedInOperation({
      method: 'DELETE',
      path: '/lists/{listId}/todos/{todoId}',
      operationId: 'deleteTodo',
      summary: 'Deletes a to-do. Editors and owners.',
      params: todoParams,
      success: { status: 204 },
      errors: WRITE_ERRORS,
      handle: ({ uid, params }) => store.deleteTodo(uid, params.listId, params.todoId),
    }),
    signedInOperation({
      method: 'POST',
      path: '/lists/{listId}/todos/{todoId}/complete',
      operationId: 'completeTodo',
      summary:
        'Marks an open to-do done (409 when it already is); a repeating one answers open on its next occurrence, or done after its last. Editors and owners.',
      params: todoParams,
      success: { status: 200, schema: todoSchema },
      errors: [...WRITE_ERRORS, 409],
      handle: ({ uid, params }) => store.completeTodo(uid, params.listId, params.todoId),
    }),
    signedInOperation({
      method: 'GET',
      path: '/lists/{listId}/members',
      operationId: 'listMembers',
      summary:
        'Who the list is shared with, with their roles and names, the owner first. Any member.',
      params: listParams,
      success: { status: 200, schema: membersResponseSchema },
      errors: LIST_ERRORS,
      handle: async ({ uid, params }) => ({ members: await store.members(uid, params.listId) }),
    }),
    signedInOperation({
      method: 'POST',
      path: '/lists/{listId}/members',
      operationId: 'inviteMember',
      summary:
        'Shares the list with the person who has `username`, as an editor or a viewer (inviting a member again sets their role). The owner only.',
      params: listParams,
      body: memberInviteBody,
      success: { status: 201, schema: memberSchema },
      errors: [...SHARING_ERRORS, 413, 415],
      handle: ({ uid, params, body }) => store.inviteMember(uid, params.listId, body),
    }),
    signedInOperation({
      method: 'PATCH',
      path: '/lists/{listId}/members/{uid}',
      operationId: 'setMemberRole',
      summary: "Changes a member's role to editor or viewer. The owner only.",
      params: memberParams,
      body: memberRoleBody,
      success: { status: 200, schema: memberSchema },
      errors: [...SHARING_ERRORS, 413, 415],
      handle: ({ uid, params, body }) =>
        store.setMemberRole(uid, params.listId, params.uid, body.role),
    }),
    signedInOperation({
      method: 'DELETE',
      path: '/lists/{listId}/members/{uid}',
      operationId: 'removeMember',
      summary:
        "Removes a member (the owner only), or, with the caller's own uid, leaves the list (any member but the owner). Removing someone who is no longer a member succeeds.",
      params: memberParams,
      success: { status: 204 },
      errors: SHARING_ERRORS,
      handle: ({ uid, params }) => store.removeMember(uid, params.listId, params.uid),
    }),
  ];
  let document: object | undefined;
  operations.push(
    publicOperation({
      method: 'GET',
      path: '/openapi.json',
      operationId: 'getOpenApi',
      summary: 'This document.',
      params: z.strictObject({}),
      success: { status: 200, schema: z.record(z.string(), z.unknown()) },
      errors: [429],
      handle: async () => (document ??= buildOpenApi(operations)) as Record<string, unknown>,
    }),
  );
  return operations;
}
