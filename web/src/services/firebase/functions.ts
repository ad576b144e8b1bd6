import { connectFunctionsEmulator, getFunctions } from 'firebase/functions';
import { config, firebaseApp } from './app';

/** The callable functions' client, loaded the first time one is called. */
export const functions = getFunctions(firebaseApp, config.functionsRegion);

if (config.emulators) {
  const { host, port } = config.emulators.functions;
  connectFunctionsEmulator(functions, host, port);
}

export { httpsCallable } from 'firebase/functions';
// The callables' names come with the SDK: the model module that holds them also holds schemas,
// which the first page does not need.
export { CALLABLES } from '@model';
