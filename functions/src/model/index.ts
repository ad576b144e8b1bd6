// Hearth's data model: the one entry point both the functions and the web app import (the web app
// through the `@model` alias), whatever file inside holds a name. It must stay free of firebase
// and firebase-admin imports because the browser bundles it: plain TypeScript and zod only.
// firestore.rules enforces the same limits; when a limit changes here it changes there too
// (test/rules checks the boundaries). The recurrence math (repeat/occurrences.ts, rrule) and quick
// add (quickAdd/parseQuickAdd.ts, chrono-node) are left out: the web app loads them when needed,
// as `@model/repeat/occurrences` and `@model/quickAdd/parseQuickAdd`.
export * from './limits.js';
export * from './reservedUsernames.js';
export * from './entities.js';
export * from './paths.js';
export * from './newDocuments.js';
export * from './storedTodos.js';
export * from './membership.js';
export * from './ordering.js';
export * from './todoEdits.js';
export * from './dates/calendarDate.js';
export * from './dates/timeZones.js';
export * from './dates/due.js';
export * from './dates/reminders.js';
export * from './repeat/repeatRule.js';
export * from './repeat/describeRepeat.js';
export * from './schemas/fields.js';
export * from './schemas/schedule.js';
export * from './schemas/edits.js';
export * from './schemas/describeZodError.js';
export * from './callables.js';
