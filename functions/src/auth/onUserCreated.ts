// v1 on purpose: v2 has no plain "user created" trigger (only blocking functions).
import * as functionsV1 from 'firebase-functions/v1';
import { provisionUser } from './provisionUser.js';

export const onUserCreated = functionsV1.auth.user().onCreate((user) => provisionUser(user));
