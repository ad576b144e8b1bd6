// What a person writes to create or change a to-do, a list or their profile: the fields they
// supply, never those the writer or the functions own.
import { z } from 'zod';
import {
  displayNameSchema,
  doneSchema,
  listTitleSchema,
  orderSchema,
  photoURLSchema,
  prioritySchema,
  tagsSchema,
  todoNotesSchema,
  todoTitleSchema,
} from './fields.js';
import {
  dueSchema,
  remindersSchema,
  repeatSchema,
  scheduleIssues,
  subtasksSchema,
} from './schedule.js';

/** A partial edit of the given fields: unknown keys refused, at least one field present. */
function editOf<Shape extends z.ZodRawShape>(shape: Shape) {
  return z
    .strictObject(shape)
    .partial()
    .refine((edit) => Object.keys(edit).length > 0, { message: 'Nothing to change.' });
}

/**
 * The fields a person writes when creating a to-do; the rest are set by the writer. The schedule
 * is checked as a whole too (scheduleIssues): a repeat needs a due date, a reminder "before" a
 * due time needs one. An edit is checked that way by its writer, on the to-do it produces.
 */
export const todoCreateSchema = z
  .strictObject({
    title: todoTitleSchema,
    notes: todoNotesSchema.default(''),
    done: doneSchema.default(false),
    due: dueSchema.default(null),
    repeat: repeatSchema.default(null),
    reminders: remindersSchema.default([]),
    subtasks: subtasksSchema.default([]),
    priority: prioritySchema.default(0),
    tags: tagsSchema.default([]),
    order: orderSchema.optional(),
  })
  .superRefine((todo, context) => {
    for (const issue of scheduleIssues(todo)) context.addIssue({ code: 'custom', ...issue });
  });
export type TodoCreateInput = z.output<typeof todoCreateSchema>;

export const todoUpdateSchema = editOf({
  title: todoTitleSchema,
  notes: todoNotesSchema,
  done: doneSchema,
  due: dueSchema,
  repeat: repeatSchema,
  reminders: remindersSchema,
  subtasks: subtasksSchema,
  priority: prioritySchema,
  tags: tagsSchema,
  order: orderSchema,
});
export type TodoUpdateInput = z.output<typeof todoUpdateSchema>;

export const listCreateSchema = z.strictObject({
  title: listTitleSchema,
  order: orderSchema.default(0),
});
export type ListCreateInput = z.output<typeof listCreateSchema>;

export const listUpdateSchema = editOf({ title: listTitleSchema, order: orderSchema });
export type ListUpdateInput = z.output<typeof listUpdateSchema>;

export const profileUpdateSchema = editOf({
  displayName: displayNameSchema,
  photoURL: photoURLSchema,
});
export type ProfileUpdateInput = z.output<typeof profileUpdateSchema>;
