import { onAuthStateChanged } from 'firebase/auth';
import type { Services } from '../ports';
import { createAccountGateway } from './accountGateway';
import { createAttachmentsGateway } from './attachmentsGateway';
import { auth } from './auth';
import { createAuthGateway } from './authGateway';
import { loadFirestore } from './lazy';
import { createListsGateway } from './listsGateway';
import { createNotificationsGateway } from './notificationsGateway';
import { createProfileGateway } from './profileGateway';
import { createTodosGateway } from './todosGateway';

export function createFirebaseServices(): Services {
  // Someone signed in is about to see their lists: fetch Firestore while the page's own code loads.
  onAuthStateChanged(auth, (user) => {
    if (user) void loadFirestore().catch(() => undefined);
  });
  return {
    auth: createAuthGateway(auth),
    lists: createListsGateway(),
    todos: createTodosGateway(),
    attachments: createAttachmentsGateway(),
    profiles: createProfileGateway(),
    account: createAccountGateway(),
    notifications: createNotificationsGateway(),
  };
}
