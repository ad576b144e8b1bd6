import { paths, type UserDoc } from '@model';
import type { UserProfile } from '@/domain/entities';
import type { ProfileGateway } from '../ports';
import { loadFirestore } from './lazy';
import { liveReads } from './liveReads';

/** The signed-in person's own `users/{uid}` document (created by the sign-up trigger). */
export function createProfileGateway(loadDb = loadFirestore): ProfileGateway {
  const live = liveReads(loadDb);
  return {
    watchProfile(uid, observer) {
      return live.document(
        (fs) => fs.doc(fs.db, paths.user(uid)),
        (fs, snapshot): UserProfile | null => {
          const profile = fs.readDocument<UserDoc<Date>>(snapshot);
          return profile && { ...profile, uid };
        },
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
