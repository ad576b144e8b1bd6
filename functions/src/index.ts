// Every deployed function, one line each. Names are the deployed function names; callable names
// match CALLABLES in model/callables.ts.
export { onUserCreated } from './auth/onUserCreated.js';
export { onUserDeleted } from './auth/onUserDeleted.js';
export { claimUsername } from './users/callables.js';
export { exportMyData } from './users/callables.js';
export { deleteAccount } from './users/callables.js';
export { inviteMember } from './lists/callables.js';
export { setMemberRole } from './lists/callables.js';
export { removeMember } from './lists/callables.js';
export { leaveList } from './lists/callables.js';
export { listMembers } from './lists/callables.js';
export { onListDeleted } from './lists/onListDeleted.js';
export { onTodoWritten } from './todos/onTodoWritten.js';
export { deliverReminder } from './reminders/deliverReminder.js';
export { onOriginalUploaded } from './attachments/onOriginalUploaded.js';
export { onAttachmentWritten } from './attachments/onAttachmentWritten.js';
export { onTodoDeleted } from './attachments/onTodoDeleted.js';
export { api } from './api/api.js';
