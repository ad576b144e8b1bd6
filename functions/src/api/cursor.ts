// Page cursors: the position after the last to-do of a page, made opaque (base64url JSON) so
// callers do not build them. Decoding validates everything, since a cursor comes from outside.
import { z } from 'zod';
import { documentIdSchema, orderSchema } from '../model/index.js';
import { AppError } from '../shared/errors.js';

export interface CursorPosition {
  order: number;
  id: string;
}

const positionSchema = z.tuple([orderSchema, documentIdSchema]);

export function encodeCursor(position: CursorPosition): string {
  return Buffer.from(JSON.stringify([position.order, position.id]), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string): CursorPosition {
  const invalid = new AppError(
    'invalid-argument',
    'cursor: That is not a cursor this API gave out.',
  );
  if (!/^[A-Za-z0-9_-]+$/.test(cursor)) throw invalid;
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid;
  }
  const parsed = positionSchema.safeParse(decoded);
  if (!parsed.success) throw invalid;
  const [order, id] = parsed.data;
  return { order, id };
}
