import { Timestamp } from 'firebase-admin/firestore';

/** The JSON form of Firestore data: Timestamps become ISO 8601 strings. */
export function toExport(value: unknown): unknown {
  if (value instanceof Timestamp) return value.toDate().toISOString();
  if (Array.isArray(value)) return value.map(toExport);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, toExport(inner)]));
  }
  return value;
}
