// What firestore.rules allow on a list's to-dos, as code: members read, owners and editors write,
// and strangers learn nothing, not even that the list exists (404, as for a missing list).
import { canWrite, roleOf, type Membership, type Role } from '../model/index.js';
import { assertMember } from '../lists/membership.js';
import { AppError } from '../shared/errors.js';

export type Access = 'read' | 'write';

/** The caller's role in the list, once they may do `access` to its to-dos; throws otherwise. */
export function requireAccess(list: Membership | undefined, uid: string, access: Access): Role {
  assertMember(list, uid);
  const role = roleOf(list, uid) as Role;
  if (access === 'write' && !canWrite(role)) {
    throw new AppError(
      'permission-denied',
      'Viewers can read this list but not change its to-dos.',
    );
  }
  return role;
}
