/**
 * Cloud Storage through the GCS JSON API (admin: rules do not apply), as both the Hearth and
 * Google's Storage emulators serve it, and the Firebase API for download tokens.
 */
import { ADMIN_HEADERS, requestJson, requestRaw } from './http';

export interface StorageObject {
  name: string;
  bucket: string;
  /** Bytes, as a decimal string. */
  size: string;
  contentType?: string;
  timeCreated?: string;
  updated?: string;
  generation?: string;
  md5Hash?: string;
  crc32c?: string;
  cacheControl?: string;
  contentDisposition?: string;
  contentEncoding?: string;
  /** Custom metadata; Firebase keeps download tokens here, comma-separated. */
  metadata?: Record<string, string>;
}

export interface Listing {
  /** Sub-folders, each ending in "/". */
  folders: string[];
  files: StorageObject[];
  nextPageToken?: string;
}

const PAGE_SIZE = 500;
export const DOWNLOAD_TOKENS = 'firebaseStorageDownloadTokens';

export class StorageApi {
  constructor(readonly origin: string) {}

  private object(bucket: string, name: string): string {
    return `${encodeURIComponent(bucket)}/o/${encodeURIComponent(name)}`;
  }

  async buckets(): Promise<string[]> {
    const { items = [] } = await requestJson<{ items?: { name: string }[] }>(
      `${this.origin}/storage/v1/b`,
    );
    return items.map((b) => b.name);
  }

  /** One folder level: its files and sub-folders, a page at a time. */
  async list(bucket: string, prefix: string, pageToken?: string): Promise<Listing> {
    const query = new URLSearchParams({ prefix, delimiter: '/', maxResults: String(PAGE_SIZE) });
    if (pageToken) query.set('pageToken', pageToken);
    const page = await requestJson<{
      items?: StorageObject[];
      prefixes?: string[];
      nextPageToken?: string;
    }>(`${this.origin}/storage/v1/b/${encodeURIComponent(bucket)}/o?${query}`);
    return {
      folders: page.prefixes ?? [],
      files: page.items ?? [],
      ...(page.nextPageToken ? { nextPageToken: page.nextPageToken } : {}),
    };
  }

  async upload(bucket: string, name: string, file: Blob): Promise<StorageObject> {
    const query = new URLSearchParams({ uploadType: 'media', name });
    const response = await requestRaw(
      `${this.origin}/upload/storage/v1/b/${encodeURIComponent(bucket)}/o?${query}`,
      {
        method: 'POST',
        headers: { 'Content-Type': file.type || 'application/octet-stream' },
        body: file,
      },
    );
    return (await response.json()) as StorageObject;
  }

  async download(bucket: string, name: string): Promise<Blob> {
    const response = await requestRaw(
      `${this.origin}/download/storage/v1/b/${this.object(bucket, name)}?alt=media`,
      {},
    );
    return response.blob();
  }

  async remove(bucket: string, name: string): Promise<void> {
    await requestRaw(`${this.origin}/storage/v1/b/${this.object(bucket, name)}`, {
      method: 'DELETE',
    });
  }

  /** Adds a download token, as the Firebase console's "Create new access token" does. */
  async createToken(bucket: string, name: string): Promise<void> {
    await requestRaw(`${this.origin}/v0/b/${this.object(bucket, name)}?create_token=true`, {
      method: 'POST',
      headers: ADMIN_HEADERS,
    });
  }

  /** The URL `getDownloadURL()` gives a client for this token: anyone holding it may read. */
  downloadUrl(bucket: string, name: string, token: string): string {
    return `${this.origin}/v0/b/${this.object(bucket, name)}?alt=media&token=${encodeURIComponent(token)}`;
  }

  /** Deletes every object of every bucket (the emulators' control route). */
  async clear(): Promise<void> {
    await requestRaw(`${this.origin}/internal/reset`, { method: 'POST' });
  }
}

export function tokensOf(object: StorageObject): string[] {
  return (object.metadata?.[DOWNLOAD_TOKENS] ?? '').split(',').filter((t) => t !== '');
}
