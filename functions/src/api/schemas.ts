// The REST API's schemas: request parts composed from the shared model (so the API validates
// exactly what the web app and firestore.rules do), and the JSON shapes of its responses, which
// also generate the OpenAPI document. Type checks at the bottom tie the responses to the model.
import { z } from 'zod';
import {
  ROLES,
  documentIdSchema,
  inviteMemberInput,
  listCreateSchema,
  orderSchema,
  setMemberRoleInput,
  timeZoneSchema,
  todoCreateSchema,
  todoUpdateSchema,
  type ListDoc,
  type MemberSummary,
  type TodoDoc,
  type UserDoc,
} from '../model/index.js';
import { API_ERROR_CODES } from './errors.js';

export const TODO_STATUSES = ['active', 'done'] as const;
export const PAGE_SIZE = { min: 1, max: 100, default: 50 } as const;

// ---------------------------------------------------------------------------------------------
// Requests

export const usernameParams = z.strictObject({ username: z.string() });
export const listParams = z.strictObject({ listId: documentIdSchema });
export const todoParams = z.strictObject({ listId: documentIdSchema, todoId: documentIdSchema });
export const memberParams = z.strictObject({ listId: documentIdSchema, uid: documentIdSchema });

const pageSizeMessage = `Expected a whole number from ${PAGE_SIZE.min} to ${PAGE_SIZE.max}.`;

export const todoPageQuery = z.strictObject({
  status: z
    .enum(TODO_STATUSES, { error: 'Expected "active" or "done".' })
    .optional()
    .meta({ description: 'Only open (`active`) or completed (`done`) to-dos.' }),
  limit: z
    .string({ error: pageSizeMessage })
    .regex(/^[0-9]{1,3}$/, pageSizeMessage)
    .transform(Number)
    .pipe(z.number().min(PAGE_SIZE.min, pageSizeMessage).max(PAGE_SIZE.max, pageSizeMessage))
    .default(PAGE_SIZE.default)
    .meta({
      description: `Page size, ${PAGE_SIZE.min}-${PAGE_SIZE.max} (default ${PAGE_SIZE.default}).`,
    }),
  cursor: z
    .string({ error: 'Expected a cursor.' })
    .optional()
    .meta({ description: 'The `nextCursor` of the previous page.' }),
});

export const DUE_VIEWS_QUERY = ['today', 'upcoming', 'overdue'] as const;

export const dueTodosQuery = z.strictObject({
  view: z.enum(DUE_VIEWS_QUERY, { error: 'Expected "today", "upcoming" or "overdue".' }).meta({
    description:
      'Open to-dos of every list the caller can see: due `today`, in the `upcoming` seven days after today, or `overdue`.',
  }),
  timeZone: timeZoneSchema
    .default('UTC')
    .meta({ description: 'Whose today, as an IANA zone such as Europe/Berlin (default UTC).' }),
});

/** The model's new list, where a missing `order` means after the caller's own lists. */
export const listCreateBody = listCreateSchema.extend({
  order: orderSchema.optional().meta({
    description: "Position among the caller's own lists; after the last one if left out.",
  }),
});

/** The sharing callables' own inputs, the list (and the member) taken from the address. */
export const memberInviteBody = inviteMemberInput.omit({ listId: true });
export const memberRoleBody = setMemberRoleInput.pick({ role: true });

/** A due date and repeat in words, for clients without a date picker (api/dueString.ts). */
const dueStringFields = {
  dueString: z
    .string({ error: 'Expected words such as "tomorrow 5pm" or "every monday".' })
    .trim()
    .min(1, 'Write when it is due, such as "tomorrow 5pm" or "every monday".')
    .max(200, 'At most 200 characters.')
    .optional()
    .meta({
      description:
        'Instead of `due` and `repeat`: plain words read as the app reads them ("tomorrow 5pm", "every monday at 9", "every month on the 1st").',
    }),
  timeZone: timeZoneSchema
    .optional()
    .meta({ description: 'The IANA zone `dueString` is read in (default UTC).' }),
};

/**
 * Bodies are the model's own schemas (the web app validates its forms with the same ones), with
 * `dueString` for API callers.
 */
export const todoCreateBody = todoCreateSchema.safeExtend(dueStringFields);
export const todoUpdateBody = todoUpdateSchema.safeExtend(dueStringFields);

// ---------------------------------------------------------------------------------------------
// Responses

const timestamp = z.iso.datetime();

export const publicProfileSchema = z
  .strictObject({ username: z.string(), displayName: z.string(), memberSince: timestamp })
  .meta({ description: 'What anyone may know about a user.' });
export type PublicProfile = z.output<typeof publicProfileSchema>;

export const listSchema = z.strictObject({
  id: z.string(),
  title: z.string(),
  ownerId: z.string(),
  role: z.enum(ROLES).meta({ description: "The caller's role in this list." }),
  counts: z.strictObject({ open: z.number().int(), done: z.number().int() }),
  order: z.number(),
  createdAt: timestamp,
  updatedAt: timestamp,
});
export type ListSummary = z.output<typeof listSchema>;

export const listsResponseSchema = z.strictObject({ lists: z.array(listSchema) });

export const todoSchema = z.strictObject({
  id: z.string(),
  listId: z.string(),
  title: z.string(),
  notes: z.string(),
  done: z.boolean(),
  completedAt: timestamp.nullable(),
  due: z
    .strictObject({
      date: z.string().meta({ description: 'YYYY-MM-DD, the same day wherever it is read.' }),
      time: z.string().optional().meta({ description: 'HH:MM, a wall-clock time in timeZone.' }),
      timeZone: z.string().optional().meta({ description: 'IANA zone the time was set in.' }),
    })
    .nullable(),
  repeat: z
    .string()
    .nullable()
    .meta({ description: 'An RFC 5545 RRULE, such as FREQ=WEEKLY;BYDAY=MO.' }),
  reminders: z.array(
    z.union([
      z.strictObject({ id: z.string(), uid: z.string(), before: z.number().int() }),
      z.strictObject({
        id: z.string(),
        uid: z.string(),
        at: z.strictObject({ date: z.string(), time: z.string(), timeZone: z.string() }),
      }),
    ]),
  ),
  subtasks: z.array(z.strictObject({ id: z.string(), title: z.string(), done: z.boolean() })),
  priority: z.number().int(),
  tags: z.array(z.string()),
  order: z.number(),
  createdBy: z.string(),
  createdAt: timestamp,
  updatedAt: timestamp,
  attachmentCount: z.number().int(),
});
export type Todo = z.output<typeof todoSchema>;

export const todoPageSchema = z.strictObject({
  todos: z.array(todoSchema),
  nextCursor: z.string().nullable().meta({ description: 'null on the last page.' }),
});
export type TodoPage = z.output<typeof todoPageSchema>;

export const dueTodosSchema = z.strictObject({
  todos: z.array(todoSchema).meta({
    description: 'By when they fall due (a timed one at its instant), then by list order.',
  }),
});

export const memberSchema = z
  .strictObject({
    uid: z.string(),
    role: z.enum(ROLES),
    username: z
      .string()
      .nullable()
      .meta({ description: 'null until they have claimed a username.' }),
    displayName: z.string(),
  })
  .meta({ description: 'A member of a list, as the other members see them.' });
export type Member = z.output<typeof memberSchema>;

export const membersResponseSchema = z.strictObject({
  members: z.array(memberSchema).meta({ description: 'The owner first.' }),
});

export const errorSchema = z.strictObject({
  error: z.strictObject({ code: z.enum(API_ERROR_CODES), message: z.string() }),
});

// ---------------------------------------------------------------------------------------------
// The responses carry the model's fields, timestamps as ISO strings: these fail to compile when
// the model changes a document without the API following.

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Assert<T extends true> = T;
export type _TodoFollowsModel = Assert<
  Same<Omit<Todo, 'id' | 'listId'>, Omit<TodoDoc<string>, 'memberIds'>>
>;
export type _ListFollowsModel = Assert<
  Same<Omit<ListSummary, 'id' | 'role'>, Omit<ListDoc<string>, 'members' | 'memberIds'>>
>;
export type _MemberFollowsModel = Assert<Same<Member, MemberSummary>>;
export type _ProfileFollowsModel = Assert<
  Same<PublicProfile['displayName'], UserDoc['displayName']>
>;
