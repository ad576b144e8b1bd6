import { auth, firestore, functions } from '@/firebase';
import type { Services } from '../ports';
import { createAccountGateway } from './accountGateway';
import { createAuthGateway } from './authGateway';
import { createListsGateway } from './listsGateway';
import { createProfileGateway } from './profileGateway';
import { createTodosGateway } from './todosGateway';

export function createFirebaseServices(): Services {
  return {
    auth: createAuthGateway(auth),
    lists: createListsGateway(firestore),
    todos: createTodosGateway(firestore),
    profiles: createProfileGateway(firestore),
    account: createAccountGateway(functions),
  };
}
