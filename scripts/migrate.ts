/**
 * `npm run migrate -- --project <id>`: brings the data of a Firebase project up to the current
 * shape (functions/src/migrations), with the application default credentials
 * (`gcloud auth application-default login`). Against the local emulators:
 * `npm run emulators:exec -- "npm run migrate -- --project demo-hearth"` (FIRESTORE_EMULATOR_HOST
 * set). Safe to run again: data already in shape is left alone.
 */
import { initializeApp } from 'firebase-admin/app';
import { getFirestore } from 'firebase-admin/firestore';
import { migrateTodoSchedules } from '../functions/src/migrations/todoSchedule.js';

const at = process.argv.indexOf('--project');
const projectId = at >= 0 ? process.argv[at + 1] : process.env.GCLOUD_PROJECT;
if (!projectId) {
  console.error('usage: npm run migrate -- --project <project id>');
  process.exit(2);
}

const where = process.env.FIRESTORE_EMULATOR_HOST
  ? `the emulator at ${process.env.FIRESTORE_EMULATOR_HOST}`
  : 'production';
console.log(`Migrating ${projectId} (${where})…`);
const db = getFirestore(initializeApp({ projectId }));
const { read, migrated } = await migrateTodoSchedules(db);
console.log(`To-dos: ${read} read, ${migrated} rewritten with calendar-day due dates.`);
