import { connectStorageEmulator, getStorage } from 'firebase/storage';
import { config, firebaseApp } from './app';

/** Cloud Storage, loaded the first time a photo is shown or uploaded. */
export const storage = getStorage(firebaseApp);

if (config.emulators) {
  const { host, port } = config.emulators.storage;
  connectStorageEmulator(storage, host, port);
}

export { getDownloadURL, ref, uploadBytesResumable } from 'firebase/storage';
