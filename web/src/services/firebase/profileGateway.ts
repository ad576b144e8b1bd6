import { doc, serverTimestamp, updateDoc, type Firestore } from 'firebase/firestore';
import { paths, type UserDoc } from '@model';
import type { UserProfile } from '@/domain/entities';
import type { ProfileGateway } from '../ports';
import { readDocument, watchDocument } from './snapshots';

/** The signed-in person's own `users/{uid}` document (created by the sign-up trigger). */
export function createProfileGateway(db: Firestore): ProfileGateway {
  return {
    watchProfile(uid, observer) {
      return watchDocument<UserProfile>(
        doc(db, paths.user(uid)),
        (snapshot) => {
          const profile = readDocument<UserDoc<Date>>(snapshot);
          return profile && { ...profile, uid };
        },
        observer,
      );
    },
    updateDisplayName: (uid, displayName) =>
      updateDoc(doc(db, paths.user(uid)), { displayName, updatedAt: serverTimestamp() }),
  };
}
