// v1 on purpose: v2 has no "user deleted" trigger. Covers accounts deleted outside the app (the
// console, the admin SDK); deleteAccount has already purged by the time this runs, and purging
// twice is harmless.
import * as functionsV1 from 'firebase-functions/v1';
import { purgeUser } from '../users/purgeUser.js';

export const onUserDeleted = functionsV1.auth.user().onDelete((user) => purgeUser(user.uid));
