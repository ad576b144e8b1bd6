// Who may do what in a list, as firestore.rules decide it: the list's `members` map is the only
// source of access. The web app shows and enables what these allow; the REST API enforces them.
import { WRITER_ROLES, type Role } from './entities.js';

export interface Membership {
  ownerId: string;
  members: Record<string, Role>;
}

/** The person's role in the list; undefined for strangers (an inherited key is not a member). */
export function roleOf(list: Membership | undefined, uid: string): Role | undefined {
  return list && Object.hasOwn(list.members, uid) ? list.members[uid] : undefined;
}

/** Whether a role may write the list's to-dos and attachments. */
export function canWrite(role: Role | undefined | null): boolean {
  return role != null && WRITER_ROLES.includes(role);
}
