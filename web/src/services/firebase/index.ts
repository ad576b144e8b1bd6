import { auth, firestore, functions, storage } from '@/firebase';
import type { Services } from '../ports';
import { createAccountGateway } from './accountGateway';
import { createAttachmentsGateway } from './attachmentsGateway';
import { createAuthGateway } from './authGateway';
import { createListsGateway } from './listsGateway';
import { createProfileGateway } from './profileGateway';
import { createTodosGateway } from './todosGateway';

export function createFirebaseServices(): Services {
  return {
    auth: createAuthGateway(auth),
    lists: createListsGateway(firestore),
    todos: createTodosGateway(firestore),
    attachments: createAttachmentsGateway(firestore, storage),
    profiles: createProfileGateway(firestore),
    account: createAccountGateway(functions),
  };
}
