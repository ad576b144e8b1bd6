/**
 * The Hearth emulator's delivery log: each event its bridge delivered to the Functions emulator
 * (Firestore document events and Storage object events), live from the console's own server.
 */
export type DeliveryStatus = 'pending' | 'delivered' | 'failed';

export interface Delivery {
  /** Increasing. */
  id: number;
  /** When the event was queued, in milliseconds since the epoch. */
  queuedAt: number;
  /** The trigger's id, `{region}-{name}`. */
  functionId: string;
  eventType: string;
  /** `documents/lists/l1 (created)` or `gs://bucket/name (finalized)`. */
  subject: string;
  attempts: number;
  status: DeliveryStatus;
  /** From the first attempt to the function's answer; null while pending. */
  durationMs: number | null;
  /** Why it failed, in the bridge's words. */
  error: string | null;
}

export function deliveryLogUrl(projectId: string): string {
  return `/emulator/v1/projects/${encodeURIComponent(projectId)}/deliveries`;
}
