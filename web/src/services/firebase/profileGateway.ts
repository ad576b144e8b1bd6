import { paths, type UserDoc } from '@model';
import type { UserProfile } from '@/domain/entities';
import type { ProfileGateway } from '../ports';
import { loadFirestore, subscribeWhenLoaded } from './lazy';

/** The signed-in person's own `users/{uid}` document (created by the sign-up trigger). */
export function createProfileGateway(loadDb = loadFirestore): ProfileGateway {
  return {
    watchProfile(uid, observer) {
      return subscribeWhenLoaded(
        loadDb,
        (fs) =>
          fs.watchDocument<UserProfile>(
            fs.doc(fs.db, paths.user(uid)),
            (snapshot) => {
              const profile = fs.readDocument<UserDoc<Date>>(snapshot);
              return profile && { ...profile, uid };
            },
            observer,
          ),
        observer,
      );
    },
    async updateDisplayName(uid, displayName) {
      const fs = await loadDb();
      await fs.updateDoc(fs.doc(fs.db, paths.user(uid)), {
        displayName,
        updatedAt: fs.serverTimestamp(),
      });
    },
  };
}
