/**
 * How an object looks on each wire: the GCS JSON API resource (also the payload of object events),
 * the Firebase v0 API resource, and the map that storage rules see as `resource`.
 */
import type { Value } from '../../model/value.js';
import { DOWNLOAD_TOKENS_KEY, downloadTokens, etagOf, type StoredObject } from './object.js';

/** The GCS JSON API `storage#object` resource. `origin` is the emulator's http://host:port. */
export function toGcsResource(object: StoredObject, origin: string): Record<string, unknown> {
  const encoded = encodeURIComponent(object.name);
  const resource: Record<string, unknown> = {
    kind: 'storage#object',
    id: `${object.bucket}/${object.name}/${object.generation}`,
    selfLink: `${origin}/storage/v1/b/${object.bucket}/o/${encoded}`,
    mediaLink: `${origin}/download/storage/v1/b/${object.bucket}/o/${encoded}?generation=${object.generation}&alt=media`,
    name: object.name,
    bucket: object.bucket,
    generation: object.generation,
    metageneration: String(object.metageneration),
    contentType: object.contentType,
    storageClass: object.storageClass,
    size: String(object.size),
    md5Hash: object.md5Hash,
    crc32c: object.crc32c,
    etag: etagOf(object),
    timeCreated: object.timeCreated,
    updated: object.updated,
    timeStorageClassUpdated: object.timeCreated,
  };
  for (const field of [
    'contentEncoding',
    'contentDisposition',
    'contentLanguage',
    'cacheControl',
    'customTime',
  ] as const) {
    if (object[field] !== undefined) resource[field] = object[field];
  }
  if (Object.keys(object.metadata).length > 0) resource.metadata = { ...object.metadata };
  return resource;
}

/** The Firebase v0 API resource: download tokens are lifted out of the custom metadata. */
export function toFirebaseResource(object: StoredObject): Record<string, unknown> {
  const custom = { ...object.metadata };
  delete custom[DOWNLOAD_TOKENS_KEY];
  const resource: Record<string, unknown> = {
    name: object.name,
    bucket: object.bucket,
    generation: object.generation,
    metageneration: String(object.metageneration),
    contentType: object.contentType,
    timeCreated: object.timeCreated,
    updated: object.updated,
    storageClass: object.storageClass,
    size: String(object.size),
    md5Hash: object.md5Hash,
    contentEncoding: object.contentEncoding ?? 'identity',
    crc32c: object.crc32c,
    etag: etagOf(object),
    downloadTokens: downloadTokens(object).join(','),
  };
  for (const field of ['contentDisposition', 'contentLanguage', 'cacheControl'] as const) {
    if (object[field] !== undefined) resource[field] = object[field];
  }
  if (Object.keys(custom).length > 0) resource.metadata = custom;
  return resource;
}

export function inlineDisposition(name: string): string {
  const file = name.slice(name.lastIndexOf('/') + 1);
  return `inline; filename*=utf-8''${encodeURIComponent(file)}`;
}

/**
 * `resource` / `request.resource` in storage rules. Download tokens are Firebase's bookkeeping,
 * not the user's metadata: rules such as `metadata.keys().hasOnly([...])` must not see them.
 */
export function toRulesResource(object: StoredObject): Record<string, Value> {
  const custom = { ...object.metadata };
  delete custom[DOWNLOAD_TOKENS_KEY];
  const resource: Record<string, Value> = {
    name: { stringValue: object.name },
    bucket: { stringValue: object.bucket },
    generation: { integerValue: BigInt(object.generation) },
    metageneration: { integerValue: BigInt(object.metageneration) },
    size: { integerValue: BigInt(object.size) },
    timeCreated: { timestampValue: toTimestamp(object.timeCreated) },
    updated: { timestampValue: toTimestamp(object.updated) },
    md5Hash: { stringValue: object.md5Hash },
    crc32c: { stringValue: object.crc32c },
    etag: { stringValue: etagOf(object) },
    contentType: { stringValue: object.contentType },
    metadata: {
      mapValue: {
        fields: Object.fromEntries(
          Object.entries(custom).map(([key, value]) => [key, { stringValue: value }]),
        ),
      },
    },
  };
  for (const field of [
    'contentEncoding',
    'contentDisposition',
    'contentLanguage',
    'cacheControl',
  ] as const) {
    const value = object[field];
    if (value !== undefined) resource[field] = { stringValue: value };
  }
  return resource;
}

export function toTimestamp(iso: string): { seconds: number; nanos: number } {
  const millis = Date.parse(iso);
  return { seconds: Math.floor(millis / 1000), nanos: (millis % 1000) * 1e6 };
}
