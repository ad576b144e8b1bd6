import type { NewTodo } from '../model/index.js';

/** What a person writes for a to-do with every field given a value other than its default. */
export const everyTodoField = {
  title: 'Milk',
  notes: 'Oat, not cow',
  done: false,
  due: { date: '2030-01-31', time: '09:00', timeZone: 'Europe/Berlin' },
  repeat: 'FREQ=WEEKLY;BYDAY=FR',
  reminders: [{ id: 'r1', uid: 'u1', before: 30 }],
  subtasks: [{ id: 's1', title: 'Check the fridge', done: false }],
  priority: 2,
  tags: ['shop', 'dairy'],
  order: 1024,
} satisfies NewTodo;
