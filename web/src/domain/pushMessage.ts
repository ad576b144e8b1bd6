/** What a reminder's web push asks the service worker to show. */
export interface PushNotice {
  title: string;
  body: string;
  /** The page inside the app that opens the to-do. */
  link: string;
  /** Replaces an earlier notice of the same reminder instead of stacking. */
  tag: string | undefined;
}

const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value.length > 0 ? value : undefined;

/**
 * Reads a push message as FCM delivers a data message to the browser (`{"data": {...}, "from",
 * "fcmMessageId"}`), or the data alone. A link that leaves the app becomes the app's start page;
 * anything that is not a reminder gives null, and nothing is shown.
 */
export function readPushMessage(json: unknown): PushNotice | null {
  if (typeof json !== 'object' || json === null) return null;
  const record = json as Record<string, unknown>;
  const data = (
    typeof record.data === 'object' && record.data !== null ? record.data : record
  ) as Record<string, unknown>;
  const title = text(data.title);
  if (!title) return null;
  const link = text(data.link);
  return {
    title,
    body: text(data.body) ?? '',
    link: link?.startsWith('/') && !link.startsWith('//') ? link : '/',
    tag: text(data.tag),
  };
}
