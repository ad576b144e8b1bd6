// The people the rules suites act as: one list's owner, editor and viewer, a stranger, and
// someone signed out. Both firestore.rules and storage.rules are judged for each of them.
export const OWNER = 'olive';
export const EDITOR = 'eddie';
export const VIEWER = 'vera';
export const STRANGER = 'stan';

export const ACTORS = {
  'someone signed out': null,
  'a stranger': STRANGER,
  'a viewer': VIEWER,
  'an editor': EDITOR,
  'the owner': OWNER,
} as const;
export type Actor = keyof typeof ACTORS;
export const EVERYONE = Object.keys(ACTORS) as Actor[];
export const SIGNED_IN: Actor[] = ['a stranger', 'a viewer', 'an editor', 'the owner'];
export const MEMBERS: Actor[] = ['a viewer', 'an editor', 'the owner'];
export const WRITERS: Actor[] = ['an editor', 'the owner'];
