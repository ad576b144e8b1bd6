/**
 * One stored object: its metadata as GCS keeps it, and the id of the immutable blob file that holds
 * its bytes. Writes never modify a blob; they make a new one and swap the record.
 */
import { BadRequestError } from '../errors.js';

export interface StoredObject {
  readonly bucket: string;
  readonly name: string;
  /** Microseconds since the epoch, as GCS uses; decimal string because it exceeds 2^53. */
  readonly generation: string;
  readonly metageneration: number;
  readonly size: number;
  /** base64 MD5 of the bytes. */
  readonly md5Hash: string;
  /** base64 big-endian CRC32C of the bytes. */
  readonly crc32c: string;
  readonly contentType: string;
  readonly contentEncoding?: string;
  readonly contentDisposition?: string;
  readonly contentLanguage?: string;
  readonly cacheControl?: string;
  readonly customTime?: string;
  /** Custom metadata, including `firebaseStorageDownloadTokens` as GCS stores it. */
  readonly metadata: Readonly<Record<string, string>>;
  readonly timeCreated: string;
  readonly updated: string;
  readonly storageClass: string;
  /** File name of the bytes inside the data directory's blob folder. */
  readonly blob: string;
}

/** The fields a client may set on upload or change afterwards; null clears a field or key. */
export interface MetadataPatch {
  contentType?: string | null;
  contentEncoding?: string | null;
  contentDisposition?: string | null;
  contentLanguage?: string | null;
  cacheControl?: string | null;
  customTime?: string | null;
  metadata?: Record<string, string | null> | null;
}

export const DOWNLOAD_TOKENS_KEY = 'firebaseStorageDownloadTokens';
export const DEFAULT_CONTENT_TYPE = 'application/octet-stream';

const STRING_FIELDS = [
  'contentType',
  'contentEncoding',
  'contentDisposition',
  'contentLanguage',
  'cacheControl',
  'customTime',
] as const;

/** Validates a JSON resource from the wire into a patch; unknown and read-only fields are ignored. */
export function parseMetadataPatch(input: unknown): MetadataPatch {
  if (input === undefined || input === null) return {};
  if (typeof input !== 'object' || Array.isArray(input)) {
    throw new BadRequestError('Object metadata must be a JSON object.');
  }
  const source = input as Record<string, unknown>;
  const patch: MetadataPatch = {};
  for (const field of STRING_FIELDS) {
    const value = source[field];
    if (value === undefined) continue;
    if (value !== null && typeof value !== 'string') {
      throw new BadRequestError(`Invalid value for ${field}: expected a string.`);
    }
    // These fields go out as response headers on download: they must be valid header text.
    if (value !== null && /[^\t\x20-\x7e\x80-\xff]/.test(value)) {
      throw new BadRequestError(`Invalid value for ${field}: not allowed in an HTTP header.`);
    }
    patch[field] = value;
  }
  if (patch.customTime && Number.isNaN(Date.parse(patch.customTime))) {
    throw new BadRequestError(`Invalid value for customTime: ${patch.customTime}`);
  }
  const metadata = source.metadata;
  if (metadata === null) {
    patch.metadata = null;
  } else if (metadata !== undefined) {
    if (typeof metadata !== 'object' || Array.isArray(metadata)) {
      throw new BadRequestError('Invalid value for metadata: expected an object of strings.');
    }
    const entries: Record<string, string | null> = Object.create(null);
    for (const [key, value] of Object.entries(metadata as Record<string, unknown>)) {
      if (value === null) entries[key] = null;
      else if (typeof value === 'string') entries[key] = value;
      else if (typeof value === 'number' || typeof value === 'boolean')
        entries[key] = String(value);
      else throw new BadRequestError(`Invalid value for metadata.${key}: expected a string.`);
    }
    patch.metadata = entries;
  }
  return patch;
}

/** Field-wise merge as GCS PATCH does: present fields replace, null deletes, metadata merges by key. */
export function applyPatch(object: StoredObject, patch: MetadataPatch): StoredObject {
  const next: Record<string, unknown> = { ...object };
  for (const field of STRING_FIELDS) {
    const value = patch[field];
    if (value === undefined) continue;
    if (value === null) delete next[field];
    else next[field] = value;
  }
  if (next.contentType === undefined) next.contentType = DEFAULT_CONTENT_TYPE;
  if (patch.metadata === null) {
    next.metadata = {};
  } else if (patch.metadata) {
    // Keys are data: a key such as `__proto__` must be stored, not set the object's prototype.
    const merged: Record<string, string> = Object.assign(Object.create(null), object.metadata);
    for (const [key, value] of Object.entries(patch.metadata)) {
      if (value === null) delete merged[key];
      else merged[key] = value;
    }
    checkCustomMetadataSize(merged);
    next.metadata = merged;
  }
  return next as unknown as StoredObject;
}

/** Cloud Storage quotas: "Maximum size of custom metadata: 8 KiB", keys and values together. */
const MAX_CUSTOM_METADATA_BYTES = 8 * 1024;

/** Refuses custom metadata over the limit; entries set to null (deletions) take no room. */
export function checkCustomMetadataSize(metadata: Readonly<Record<string, string | null>>): void {
  let bytes = 0;
  for (const key in metadata) {
    const value = metadata[key];
    if (value !== null && value !== undefined)
      bytes += Buffer.byteLength(key) + Buffer.byteLength(value);
  }
  if (bytes > MAX_CUSTOM_METADATA_BYTES)
    throw new BadRequestError(
      `Custom metadata exceeds the maximum of 8 KiB (${MAX_CUSTOM_METADATA_BYTES} bytes of keys and values): it has ${bytes}.`,
    );
}

export function downloadTokens(object: StoredObject): string[] {
  const raw = object.metadata[DOWNLOAD_TOKENS_KEY];
  return raw ? raw.split(',').filter((token) => token.length > 0) : [];
}

/** GCS etags are the base64 of a tiny protobuf holding generation (field 1) and metageneration (2). */
export function etagOf(object: Pick<StoredObject, 'generation' | 'metageneration'>): string {
  const bytes = [
    0x08,
    ...varint(BigInt(object.generation)),
    0x10,
    ...varint(BigInt(object.metageneration)),
  ];
  return Buffer.from(bytes).toString('base64');
}

function varint(value: bigint): number[] {
  const out: number[] = [];
  let rest = value;
  do {
    let byte = Number(rest & 0x7fn);
    rest >>= 7n;
    if (rest > 0n) byte |= 0x80;
    out.push(byte);
  } while (rest > 0n);
  return out;
}
