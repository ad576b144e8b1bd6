import { initializeApp } from 'firebase/app';
import { resolveAppConfig } from './config';

/**
 * The one place that initialises Firebase. Each product has its own module beside this one, and
 * only Auth loads with the first page: Firestore, Storage and Functions load on first use
 * (`lazy.ts`), so the landing and sign-in pages never download them.
 */
export const config = resolveAppConfig(import.meta.env, import.meta.env.DEV);
export const firebaseApp = initializeApp(config.firebase);
