/** What a destructive action asks before it runs (ConfirmDialog shows it). */
export interface Confirmation {
  title: string;
  /** What will happen, in full. */
  message: string;
  action: string;
  /** When set, the action stays disabled until this word is typed. */
  word?: string;
  run: () => Promise<void>;
}
