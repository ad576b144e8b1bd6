// Schemas of single fields, with the messages a person reads when a value is refused. The web app
// validates forms with them and the REST API validates bodies with them; firestore.rules enforces
// the same limits on what reaches the database.
import { z } from 'zod';
import { MEMBER_ROLES } from '../entities.js';
import { LIMITS } from '../limits.js';
import { RESERVED_USERNAMES } from '../reservedUsernames.js';

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

export const memberRoleSchema = z.enum(MEMBER_ROLES, {
  error: 'The role must be "editor" or "viewer".',
});

export const listTitleSchema = z
  .string({ error: 'Enter a title.' })
  .trim()
  .min(1, 'Enter a title.')
  .max(LIMITS.listTitle, `A list title has at most ${chars(LIMITS.listTitle)}.`);

export const orderSchema = z.number({ error: 'Expected a number.' });

export const todoTitleSchema = z
  .string({ error: 'Enter a title.' })
  .trim()
  .min(1, 'Enter a title.')
  .max(LIMITS.todoTitle, `A to-do title has at most ${chars(LIMITS.todoTitle)}.`);

export const todoNotesSchema = z
  .string({ error: 'Notes must be text.' })
  .max(LIMITS.todoNotes, `Notes have at most ${chars(LIMITS.todoNotes)}.`);

export const doneSchema = z.boolean({ error: 'done must be true or false.' });

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
